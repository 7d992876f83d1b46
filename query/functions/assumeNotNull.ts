/** `assumeNotNull(x)`: x as its non-Nullable type (values under NULL rows are the type's default). */
import type { Vector } from '../../src/core/vector.ts';
import { retype } from '../expr/build.ts';
import { defineScalar, stripType } from '../expr/define.ts';
import { registerScalar } from './registry.ts';

/** The assumeNotNull function. */
export const assumeNotNull = defineScalar({
  name: 'assumeNotNull',
  minArgs: 1,
  nulls: 'custom',
  type: ([a]) => (a!.kind === 'Nothing' ? a! : stripType(a!)),
  kernel: ([x], n, rt) => {
    const v: Vector = x!.kind === 'const' ? x! : { ...x!, nulls: null };
    return retype(v, rt, null);
  },
});

registerScalar(assumeNotNull);
