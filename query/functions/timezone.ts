/** `timezone()` (alias timeZone, serverTimezone): the server time zone, always 'UTC' in Eddy. */
import { T } from '../../src/core/types.ts';
import { defineConstant } from '../expr/constFn.ts';
import { registerScalar } from './registry.ts';

/** The timezone function. */
export const timezone = defineConstant('timezone', T.String, 'UTC', { aliases: ['timeZone', 'serverTimezone', 'serverTimeZone'] });

registerScalar(timezone);
