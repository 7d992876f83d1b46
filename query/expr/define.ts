/**
 * defineScalar: the shared shell of scalar functions. It checks the argument count, applies ClickHouse's
 * default NULL handling (a Nullable argument makes the result Nullable, a NULL in any argument makes
 * the row NULL, a bare NULL argument makes the result NULL), folds all-constant arguments into a
 * constant result, and leaves the kernel to compute values over non-NULL types.
 */
import type { DataType, Scalar } from '../../src/core/types.ts';
import { T, makeType, withNullable } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { constVector, scalarAt } from '../../src/core/vector.ts';
import type { ScalarFunction } from '../functions/registry.ts';
import { retype } from './build.ts';
import { checkArgCount } from './errors.ts';
import { unionNulls } from './read.ts';

/** What a function file supplies to {@link defineScalar}. */
export interface ScalarDef {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly caseInsensitive?: boolean;
  readonly volatile?: boolean;
  /** Allowed argument counts, inclusive; max defaults to min. */
  readonly minArgs: number;
  readonly maxArgs?: number;
  /**
   * 'default': `type`/`kernel` see non-Nullable, non-LowCardinality types and NULLs are handled here.
   * 'custom': the function handles NULLs itself (isNull, coalesce, and/or) and sees the full types.
   */
  readonly nulls?: 'default' | 'custom';
  /** Result type for these (stripped, under 'default') argument types; throw ILLEGAL_TYPE_OF_ARGUMENT. */
  type(args: readonly DataType[], constants: readonly (Scalar | undefined)[]): DataType;
  /** Values for n rows; the result's type is replaced by the full result type. */
  kernel(args: readonly Vector[], n: number, resultType: DataType): Vector;
}

/** The type without Nullable and LowCardinality flags. */
export function stripType(t: DataType): DataType {
  if (!t.nullable && !t.lowCardinality) return t;
  if (t.kind === 'Nothing') return t;
  return makeType(t.kind, { ...(t.precision !== undefined ? { precision: t.precision } : {}),
    ...(t.timezone !== undefined ? { timezone: t.timezone } : {}) });
}

/** Build a registered-ready ScalarFunction from a definition. */
export function defineScalar(def: ScalarDef): ScalarFunction {
  const custom = def.nulls === 'custom';
  return {
    name: def.name,
    ...(def.aliases ? { aliases: def.aliases } : {}),
    ...(def.caseInsensitive ? { caseInsensitive: true } : {}),
    ...(def.volatile ? { volatile: true } : {}),
    returnType(args, constants) {
      checkArgCount(def.name, args, def.minArgs, def.maxArgs ?? def.minArgs);
      if (custom) return def.type(args, constants);
      if (args.some((a) => a.kind === 'Nothing')) return T.Nothing;
      const r = def.type(args.map(stripType), constants);
      return args.some((a) => a.nullable) ? withNullable(r) : r;
    },
    evaluate(args, n, resultType) {
      if (!custom && resultType.kind === 'Nothing') return constVector(resultType, null, n);
      if (!def.volatile && args.length > 0 && args.every((a) => a.kind === 'const')) {
        if (!custom && args.some((a) => a.kind === 'const' && a.value === null)) return constVector(resultType, null, n);
        const one = args.map((a) => constVector(a.type, (a as { value: Scalar }).value, 1));
        const r = def.kernel(one, 1, custom ? resultType : stripType(resultType));
        return constVector(resultType, scalarAt(r, 0), n);
      }
      if (custom) return retype(def.kernel(args, n, resultType), resultType, null);
      const r = def.kernel(args, n, stripType(resultType));
      const nulls = resultType.nullable ? unionNulls(args, n) : null;
      return retype(r, resultType, nulls);
    },
  };
}
