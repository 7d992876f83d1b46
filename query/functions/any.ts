/** `any(x)`: the first non-NULL value seen; of any type; NULL (Nullable x) or the type's default for a group without values. */
import { checkArgCount } from '../expr/errors.ts';
import { PickAccumulator, pickStateTypes } from '../expr/minmax.ts';
import type { AggregateFunction } from './registry.ts';
import { registerAggregate } from './registry.ts';

/** The any aggregate. */
export const any: AggregateFunction = {
  name: 'any',
  aliases: ['any_value', 'first_value'],
  returnType(args) {
    checkArgCount('any', args, 1);
    return args[0]!;
  },
  stateTypes: (args) => pickStateTypes(args[0]!, null),
  create: (args) => new PickAccumulator('first', args[0]!, null, args[0]!.nullable),
};

registerAggregate(any);
