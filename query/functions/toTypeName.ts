/** `toTypeName(x)`: the ClickHouse name of x's type as a constant String (Nullable/LowCardinality included). */
import { T, typeName } from '../../src/core/types.ts';
import { constVector } from '../../src/core/vector.ts';
import { defineScalar } from '../expr/define.ts';
import { registerScalar } from './registry.ts';

/** The toTypeName function. */
export const toTypeName = defineScalar({
  name: 'toTypeName',
  minArgs: 1,
  nulls: 'custom',
  type: () => T.String,
  kernel: ([x], n, rt) => constVector(rt, typeName(x!.type), n),
});

registerScalar(toTypeName);
