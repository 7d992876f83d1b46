/** `argMin(arg, val)`: the value of arg at the row where val is smallest (rows with NULL val are skipped). */
import { checkArgCount } from '../expr/errors.ts';
import { PickAccumulator, pickStateTypes } from '../expr/minmax.ts';
import type { AggregateFunction } from './registry.ts';
import { registerAggregate } from './registry.ts';

/** The argMin aggregate. */
export const argMin: AggregateFunction = {
  name: 'argMin',
  returnType(args) {
    checkArgCount('argMin', args, 2);
    return args[0]!;
  },
  stateTypes: (args) => pickStateTypes(args[0]!, args[1]!),
  create: (args) => new PickAccumulator('min', args[0]!, args[1]!, args[0]!.nullable),
};

registerAggregate(argMin);
