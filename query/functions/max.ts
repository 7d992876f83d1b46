/** `max(x)`: the largest non-NULL value (strings by bytes); of any type; NULL (Nullable x) or the type's default for a group without values. */
import { checkArgCount } from '../expr/errors.ts';
import { PickAccumulator, pickStateTypes } from '../expr/minmax.ts';
import type { AggregateFunction } from './registry.ts';
import { registerAggregate } from './registry.ts';

/** The max aggregate. */
export const max: AggregateFunction = {
  name: 'max',
  caseInsensitive: true,
  returnType(args) {
    checkArgCount('max', args, 1);
    return args[0]!;
  },
  stateTypes: (args) => pickStateTypes(args[0]!, null),
  create: (args) => new PickAccumulator('max', args[0]!, null, args[0]!.nullable),
};

registerAggregate(max);
