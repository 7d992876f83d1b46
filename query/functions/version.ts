/** `version()`: the ClickHouse-style server version string (shared with the server's error texts). */
import { T } from '../../src/core/types.ts';
import { CLICKHOUSE_VERSION } from '../../src/core/version.ts';
import { defineConstant } from '../expr/constFn.ts';
import { registerScalar } from './registry.ts';

/** The version function. */
export const version = defineConstant('version', T.String, CLICKHOUSE_VERSION, { caseInsensitive: true });

registerScalar(version);
