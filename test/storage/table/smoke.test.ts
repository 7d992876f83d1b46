import { tempDir } from '../../support/temp-dir.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { T, type Scalar } from '../../../src/core/types.ts';
import { TableStorage, type ColumnDef } from '../../../storage/table/index.ts';
import { canon, columnsOf, readAll } from './helpers.ts';

const schema: ColumnDef[] = [{ name: 'k', type: T.Int64 }, { name: 's', type: T.String }, { name: 'x', type: T.Float64 }];
const quiet = { info: () => {}, warn: () => {} };

describe('TableStorage smoke', () => {
  it('insert, read, flush, read, reopen', async () => {
    const dir = join(tempDir('t'), 't');
    const t = await TableStorage.open({ dir, schema, sortKey: ['k'], granularity: 4, logger: quiet });
    const rows: Scalar[][] = [[3n, 'c', 1.5], [1n, 'a', 2.5], [2n, 'b', null]];
    await t.insert(columnsOf(schema, rows), 3);
    expect(canon(await readAll(t))).toEqual(canon(rows.map((r) => [r[0]!, r[1]!, r[2] ?? 0])));
    await t.flush();
    expect(t.parts().length).toBe(1);
    expect(await readAll(t)).toEqual([[1n, 'a', 2.5], [2n, 'b', 0], [3n, 'c', 1.5]]);
    await t.insert(columnsOf(schema, [[0n, 'z', 9]]), 1);
    await t.close();
    const t2 = await TableStorage.open({ dir, schema, sortKey: ['k'], granularity: 4, logger: quiet });
    expect((await readAll(t2)).length).toBe(4);
    await t2.flush();
    await t2.optimize({ final: true });
    expect(t2.parts().filter((p) => p.active).length).toBe(1);
    expect(await readAll(t2)).toEqual([[0n, 'z', 9], [1n, 'a', 2.5], [2n, 'b', 0], [3n, 'c', 1.5]]);
    await t2.drop();
  });
});
