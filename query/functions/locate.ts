/**
 * `locate(needle, haystack)`: position() with MySQL's argument order, as ClickHouse since 24.3 (before,
 * locate was an alias of position).
 */
import { checkArgCount } from '../expr/errors.ts';
import { position } from './position.ts';
import type { ScalarFunction } from './registry.ts';
import { registerScalar } from './registry.ts';

/** The locate function. */
export const locate: ScalarFunction = {
  name: 'locate',
  caseInsensitive: true,
  returnType(args, constants) {
    checkArgCount('locate', args, 2);
    return position.returnType([args[1]!, args[0]!], [constants[1], constants[0]]);
  },
  evaluate: (args, n, resultType) => position.evaluate([args[1]!, args[0]!], n, resultType),
};

registerScalar(locate);
