/** `displayName()`: the server's display name, 'eddy'. */
import { T } from '../../src/core/types.ts';
import { defineConstant } from '../expr/constFn.ts';
import { registerScalar } from './registry.ts';

/** The displayName function. */
export const displayName = defineConstant('displayName', T.String, 'eddy');

registerScalar(displayName);
