/** `revision()`: the server revision (UInt32) matching version(). */
import { T } from '../../src/core/types.ts';
import { CLICKHOUSE_REVISION } from '../../src/core/version.ts';
import { defineConstant } from '../expr/constFn.ts';
import { registerScalar } from './registry.ts';

/** The revision function. */
export const revision = defineConstant('revision', T.UInt32, CLICKHOUSE_REVISION);

registerScalar(revision);
