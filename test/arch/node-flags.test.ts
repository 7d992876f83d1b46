/**
 * Every way of starting the server passes the V8 flags it needs (src/cli/node-flags.ts): `npm start`,
 * the eddy command's shebang and docker-compose.yml spell them out, so this keeps them in step.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingServerNodeFlags, SERVER_NODE_FLAGS } from '../../src/cli/node-flags.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (rel: string): string => readFileSync(resolve(root, rel), 'utf8');

describe('server node flags', () => {
  it('npm start, bin/eddy.js and docker-compose.yml pass every flag', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start!;
    const shebang = read('bin/eddy.js').split('\n')[0]!;
    const compose = read('docker-compose.yml').split('\n').find((l) => l.includes('src/cli/main.ts server'))!;
    for (const launcher of [start, shebang, compose]) {
      expect(missingServerNodeFlags(launcher.split(/\s+/)), launcher).toEqual([]);
    }
  });

  it('names the flags a process lacks', () => {
    expect(missingServerNodeFlags([])).toEqual([...SERVER_NODE_FLAGS]);
    expect(missingServerNodeFlags([...SERVER_NODE_FLAGS, '--import', 'tsx'])).toEqual([]);
  });
});
