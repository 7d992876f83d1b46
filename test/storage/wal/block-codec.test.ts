import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vectorFromScalars } from '../../../src/core/builder.ts';
import { makeType, T } from '../../../src/core/types.ts';
import { toScalars } from '../../../src/core/vector.ts';
import { decodeBlock, encodeBlock } from '../../../storage/wal/block-codec.ts';

describe('WAL block codec', () => {
  it('round-trips columns of every layout, NULLs and extra', () => {
    const nInt = makeType('Int64', { nullable: true });
    const nStr = makeType('String', { nullable: true });
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })), fc.option(fc.string()), fc.double({ noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }),
      fc.dictionary(fc.string(), fc.string()),
      (rows, extra) => {
        const cols = [
          vectorFromScalars(nInt, rows.map((r) => r[0])),
          vectorFromScalars(nStr, rows.map((r) => r[1])),
          vectorFromScalars(T.Float64, rows.map((r) => r[2])),
          vectorFromScalars(T.UInt8, rows.map((r) => r[3])),
        ];
        const d = decodeBlock(encodeBlock(['a', 'b', 'c', 'd'], cols, rows.length, extra));
        expect(d.rowCount).toBe(rows.length);
        expect(d.names).toEqual(['a', 'b', 'c', 'd']);
        expect(d.extra).toEqual(Object.keys(extra).length > 0 ? extra : undefined);
        for (let c = 0; c < 4; c++) expect(toScalars(d.columns[c]!)).toEqual(toScalars(cols[c]!));
        expect(d.types[1]).toEqual(nStr);
      }), { numRuns: 100 });
  });
});
