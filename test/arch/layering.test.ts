/**
 * Imports point one way (DESIGN.md §1): src/core ← storage ← ingest and src/core ← storage ← query;
 * src/server, src/cli and src/database.ts sit on top. This test reads every import and fails on a
 * wrong arrow.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'generated') continue;
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Layer of a repo-relative path. */
function layer(rel: string): string {
  if (rel.startsWith('src/core/')) return 'core';
  if (rel.startsWith('storage/')) return 'storage';
  if (rel.startsWith('query/')) return 'query';
  if (rel.startsWith('ingest/')) return 'ingest';
  return 'top';
}

/** Which layers each layer may import. */
const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  storage: ['core', 'storage'],
  query: ['core', 'storage', 'query'],
  ingest: ['core', 'storage', 'ingest'],
  top: ['core', 'storage', 'query', 'ingest', 'top'],
};

describe('layering', () => {
  it('imports point one way', () => {
    const bad: string[] = [];
    for (const dir of ['src', 'storage', 'query', 'ingest']) {
      for (const file of files(join(root, dir))) {
        const rel = relative(root, file);
        const from = layer(rel);
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\s+['"](\.[^'"]+)['"]/g)) {
          const spec = m[1] ?? m[2]!;
          const target = relative(root, resolve(dirname(file), spec));
          const to = layer(target);
          if (!ALLOWED[from]!.includes(to)) bad.push(`${rel} (${from}) imports ${target} (${to})`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
