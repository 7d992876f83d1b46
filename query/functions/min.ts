/** `min(x)`: the smallest non-NULL value (strings by bytes); of any type; NULL (Nullable x) or the type's default for a group without values. */
import { checkArgCount } from '../expr/errors.ts';
import { PickAccumulator, pickStateTypes } from '../expr/minmax.ts';
import type { AggregateFunction } from './registry.ts';
import { registerAggregate } from './registry.ts';

/** The min aggregate. */
export const min: AggregateFunction = {
  name: 'min',
  caseInsensitive: true,
  returnType(args) {
    checkArgCount('min', args, 1);
    return args[0]!;
  },
  stateTypes: (args) => pickStateTypes(args[0]!, null),
  create: (args) => new PickAccumulator('min', args[0]!, null, args[0]!.nullable),
};

registerAggregate(min);
