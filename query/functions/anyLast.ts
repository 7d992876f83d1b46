/** `anyLast(x)`: the last non-NULL value seen; of any type; NULL (Nullable x) or the type's default for a group without values. */
import { checkArgCount } from '../expr/errors.ts';
import { PickAccumulator, pickStateTypes } from '../expr/minmax.ts';
import type { AggregateFunction } from './registry.ts';
import { registerAggregate } from './registry.ts';

/** The anyLast aggregate. */
export const anyLast: AggregateFunction = {
  name: 'anyLast',
  aliases: ['last_value'],
  returnType(args) {
    checkArgCount('anyLast', args, 1);
    return args[0]!;
  },
  stateTypes: (args) => pickStateTypes(args[0]!, null),
  create: (args) => new PickAccumulator('last', args[0]!, null, args[0]!.nullable),
};

registerAggregate(anyLast);
