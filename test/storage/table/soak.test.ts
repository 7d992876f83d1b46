import { tempDir } from '../../support/temp-dir.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { T } from '../../../src/core/types.ts';
import { TableStorage, type ColumnDef } from '../../../storage/table/index.ts';
import { columnsOf, readAll } from './helpers.ts';

const schema: ColumnDef[] = [{ name: 'id', type: T.UInt32 }, { name: 'v', type: T.String }];

describe('TableStorage soak', () => {
  it('10,000 concurrent single-row inserts leave few parts once merges settle, every row exactly once', async () => {
    const dir = join(tempDir('soak'), 't');
    const t = await TableStorage.open({
      dir, schema, sortKey: ['id'], granularity: 64, logger: { info: () => {}, warn: (m) => { throw new Error(m); } },
      flush: { maxRows: 40, maxAgeMs: 50 },
    });
    const started = Date.now();
    const clients = 50;
    const perClient = 200;
    let maxActive = 0;
    await Promise.all(Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const id = c * perClient + i;
        await t.insert(columnsOf(schema, [[id, `v${id}`]]), 1);
        if (i % 20 === 0) maxActive = Math.max(maxActive, t.parts().filter((p) => p.active).length);
      }
    }));
    const insertMs = Date.now() - started;
    await t.flush();
    await t.mergesSettled();
    const active = t.parts().filter((p) => p.active);
    const rows = await readAll(t, ['id']);
    const ids = rows.map((r) => r[0] as number).sort((a, b) => a - b);
    expect(ids.length).toBe(clients * perClient);
    expect(ids.every((v, i) => v === i)).toBe(true);
    expect(active.length).toBeLessThanOrEqual(20);
    console.info(`soak: ${clients * perClient} inserts in ${insertMs} ms; max active parts ${maxActive}; settled at ${active.length} parts, levels ${active.map((p) => p.level).join(',')}`);
    await t.close();
    const t2 = await TableStorage.open({ dir, schema, sortKey: ['id'], logger: { info: () => {}, warn: () => {} } });
    expect((await readAll(t2, ['id'])).length).toBe(clients * perClient);
    await t2.drop();
  });
});
