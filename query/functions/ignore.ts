/** `ignore(...)`: accepts any arguments and returns 0 (UInt8); used to force reading columns in benchmarks. */
import { T } from '../../src/core/types.ts';
import { constVector } from '../../src/core/vector.ts';
import { defineScalar } from '../expr/define.ts';
import { registerScalar } from './registry.ts';

/** The ignore function. */
export const ignore = defineScalar({
  name: 'ignore',
  minArgs: 0,
  maxArgs: Infinity,
  nulls: 'custom',
  type: () => T.UInt8,
  kernel: (_args, n, rt) => constVector(rt, 0, n),
});

registerScalar(ignore);
