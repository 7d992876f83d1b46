/** defineConstant: the shell of argument-less functions returning a fixed value (version(), timezone(), ...). */
import type { DataType, Scalar } from '../../src/core/types.ts';
import { constVector } from '../../src/core/vector.ts';
import type { ScalarFunction } from '../functions/registry.ts';
import { defineScalar } from './define.ts';

/** A zero-argument function whose value is always `value` of type `type`. */
export function defineConstant(name: string, type: DataType, value: Scalar,
  opts: { aliases?: readonly string[]; caseInsensitive?: boolean } = {}): ScalarFunction {
  return defineScalar({
    name,
    ...(opts.aliases ? { aliases: opts.aliases } : {}),
    ...(opts.caseInsensitive ? { caseInsensitive: true } : {}),
    minArgs: 0,
    type: () => type,
    kernel: (_args, n, rt) => constVector(rt, value, n),
  });
}
