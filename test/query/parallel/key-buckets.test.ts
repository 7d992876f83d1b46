import { describe, expect, it } from 'vitest';
import { T } from '../../../src/core/types.ts';
import { dictVector, flatVector, stringVector, utf8 } from '../../../src/core/vector.ts';
import { bucketRows, keyBuckets, rowsOfBucket } from '../../../query/parallel/key-buckets.ts';

describe('key buckets', () => {
  it('rowsOfBucket selects exactly the rows keyBuckets puts in that bucket, for any number of parts', () => {
    const n = 5000;
    const ids = new BigInt64Array(n);
    const ips = new Int32Array(n);
    for (let i = 0; i < n; i++) { ids[i] = BigInt(i * 7919) * 1000003n - 5n; ips[i] = (i * 2654435761) | 0; }
    const keys = [flatVector(T.Int64, ids), flatVector(T.Int32, ips)];
    for (const parts of [1, 2, 3, 5, 7, 16]) {
      const rows = bucketRows(keyBuckets(keys, n, parts), parts);
      for (let b = 0; b < parts; b++) expect(Array.from(rowsOfBucket(keys, n, parts, b)), `${parts}/${b}`).toEqual(Array.from(rows[b]!));
    }
  });

  it('puts dictionary rows where their values go, batch after batch of one dictionary', () => {
    const words = ['', 'alpha', 'beta', 'gamma', 'delta'];
    const strings = (ws: string[]) => {
      const offsets = new Int32Array(ws.length + 1);
      ws.forEach((w, i) => { offsets[i + 1] = offsets[i]! + utf8(w).length; });
      return stringVector(T.String, offsets, utf8(ws.join('')));
    };
    const dict = strings(words);
    for (const codes of [new Uint8Array([0, 1, 2, 3, 4]), new Uint8Array([4, 4, 2, 0, 1, 3])]) {
      const flat = strings(Array.from(codes, (c) => words[c]!));
      expect(Array.from(keyBuckets([dictVector(T.String, codes, dict)], codes.length, 7))).toEqual(Array.from(keyBuckets([flat], codes.length, 7)));
    }
  });
});
