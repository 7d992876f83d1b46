/**
 * Three-valued AND/OR over any number of arguments (ClickHouse's and/or): FALSE wins over NULL in AND,
 * TRUE wins over NULL in OR; results are UInt8, Nullable when an argument is.
 */
import type { DataType } from '../../src/core/types.ts';
import { T, withNullable } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector } from '../../src/core/vector.ts';
import { illegalType } from './errors.ts';
import { isArithmetic } from './promote.ts';
import { nullsOf, readBool } from './read.ts';

/** Result type of and/or: UInt8, Nullable when any argument is; non-numeric arguments are illegal. */
export function logicType(fn: string, args: readonly DataType[]): DataType {
  args.forEach((t, i) => {
    if (!isArithmetic(t) && t.kind !== 'Nothing') throw illegalType(fn, t, i);
  });
  return args.some((t) => t.nullable) ? withNullable(T.UInt8) : T.UInt8;
}

/**
 * Evaluate and (`isAnd`) or or over args. `dominant` = the value that decides alone (0 for and, 1 for or).
 */
export function logicKernel(isAnd: boolean, args: readonly Vector[], n: number, rt: DataType): Vector {
  const dominant = isAnd ? 0 : 1;
  const decided = new Uint8Array(n); // 1 where some non-NULL argument equals `dominant`
  let sawNull: Uint8Array | null = null;
  for (const v of args) {
    if (v.kind === 'const' && v.value === null) { sawNull ??= new Uint8Array(n); sawNull.fill(1); continue; }
    const { a, m } = readBool(v, n);
    const nulls = nullsOf(v, n);
    if (nulls === null) {
      for (let i = 0; i < n; i++) decided[i]! |= a[i & m]! === dominant ? 1 : 0;
    } else {
      sawNull ??= new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const isNull = nulls[i]!;
        decided[i]! |= isNull === 0 && a[i & m]! === dominant ? 1 : 0;
        sawNull[i]! |= isNull;
      }
    }
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = decided[i] === 1 ? dominant : 1 - dominant;
  if (!rt.nullable || sawNull === null) return flatVector(rt, out);
  const nulls = new Uint8Array(n);
  let any = false;
  for (let i = 0; i < n; i++) {
    const z = decided[i] === 0 && sawNull[i] === 1 ? 1 : 0;
    nulls[i] = z;
    if (z) { out[i] = 0; any = true; }
  }
  return flatVector(rt, out, any ? nulls : null);
}

