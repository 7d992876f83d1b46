/** Test helpers: build vectors from JS values and evaluate functions through the registry. */
import type { DataType, Scalar } from '../../../src/core/types.ts';
import { parseType } from '../../../src/core/types.ts';
import type { Vector } from '../../../src/core/vector.ts';
import { constVector, dictVector, flatVector, stringVector, toScalars, utf8 } from '../../../src/core/vector.ts';
import { allocValues } from '../../../query/expr/build.ts';
import '../../../query/functions/index.ts';
import { findAggregate, getScalar } from '../../../query/functions/registry.ts';

/** A flat/string vector of type text `t` from JS values (null = NULL). */
export function vec(t: string | DataType, xs: readonly Scalar[]): Vector {
  const type = typeof t === 'string' ? parseType(t) : t;
  const nulls = xs.some((x) => x === null) ? Uint8Array.from(xs, (x) => (x === null ? 1 : 0)) : null;
  if (type.kind === 'String') {
    const parts = xs.map((x) => utf8(x === null ? '' : String(x)));
    const offsets = new Int32Array(xs.length + 1);
    parts.forEach((p, i) => { offsets[i + 1] = offsets[i]! + p.length; });
    const bytes = new Uint8Array(offsets[xs.length]!);
    parts.forEach((p, i) => bytes.set(p, offsets[i]!));
    return stringVector(type, offsets, bytes, nulls);
  }
  const values = allocValues(type, xs.length);
  xs.forEach((x, i) => {
    if (x === null) return;
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) values[i] = BigInt(x as number | bigint);
    else values[i] = typeof x === 'boolean' ? (x ? 1 : 0) : Number(x);
  });
  return flatVector(type, values, nulls);
}

/** The same values dictionary-encoded (distinct values in first-seen order). */
export function dictOf(t: string, xs: readonly Scalar[]): Vector {
  const type = parseType(t);
  const keys: Scalar[] = [];
  const index = new Map<Scalar, number>();
  const codes = new Uint32Array(xs.length);
  xs.forEach((x, i) => {
    const k = x === null ? (type.kind === 'String' ? '' : 0) : x;
    let c = index.get(k);
    if (c === undefined) { c = keys.length; keys.push(k); index.set(k, c); }
    codes[i] = c;
  });
  const nulls = xs.some((x) => x === null) ? Uint8Array.from(xs, (x) => (x === null ? 1 : 0)) : null;
  return dictVector(type, codes, vec(type.kind === 'String' ? 'String' : type.kind === 'DateTime64' ? 'DateTime64(3)' : type.kind, keys) as never, nulls);
}

/** A constant vector. */
export function cst(t: string, x: Scalar, n: number): Vector {
  return constVector(parseType(t), x, n);
}

/** Evaluate scalar function `name` over vectors; returns the result type and values. */
export function call(name: string, args: readonly Vector[], n = args[0]?.length ?? 1): { type: DataType; rows: Scalar[]; vector: Vector } {
  const f = getScalar(name);
  const consts = args.map((a) => (a.kind === 'const' ? a.value : undefined));
  const type = f.returnType(args.map((a) => a.type), consts);
  const vector = f.evaluate(args, n, type);
  return { type, rows: toScalars(vector), vector };
}

/** Run aggregate `name` over rows split into groups; returns final values per group. */
export function agg(name: string, args: readonly Vector[], groupIds: readonly number[], groups: number,
  params: readonly Scalar[] = []): { type: DataType; rows: Scalar[] } {
  const f = findAggregate(name);
  if (!f) throw new Error(`no aggregate ${name}`);
  const types = args.map((a) => a.type);
  const type = f.returnType(types, params);
  const acc = f.create(types, params);
  acc.update(args, Uint32Array.from(groupIds), groupIds.length);
  return { type, rows: toScalars(acc.evaluate(groups)) };
}
