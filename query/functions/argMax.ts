/** `argMax(arg, val)`: the value of arg at the row where val is largest (rows with NULL val are skipped). */
import { checkArgCount } from '../expr/errors.ts';
import { PickAccumulator, pickStateTypes } from '../expr/minmax.ts';
import type { AggregateFunction } from './registry.ts';
import { registerAggregate } from './registry.ts';

/** The argMax aggregate. */
export const argMax: AggregateFunction = {
  name: 'argMax',
  returnType(args) {
    checkArgCount('argMax', args, 2);
    return args[0]!;
  },
  stateTypes: (args) => pickStateTypes(args[0]!, args[1]!),
  create: (args) => new PickAccumulator('max', args[0]!, args[1]!, args[0]!.nullable),
};

registerAggregate(argMax);
