/** Grouping on several keys: each row's keys are serialized to bytes and looked up in a BytesMap. */
import type { DataType } from '../../../src/core/types.ts';
import type { Vector } from '../../../src/core/vector.ts';
import { BytesMap, hashBytes } from '../hash/bytes-map.ts';
import { decodeRows, serializeRows } from '../hash/row-keys.ts';
import type { Grouper } from './grouper.ts';

/** Multi-key grouper over serialized rows. */
export class SerializedGrouper implements Grouper {
  private readonly map = new BytesMap();

  constructor(private readonly types: readonly DataType[]) {}

  get groups(): number { return this.map.size; }

  assign(keys: readonly Vector[], n: number, out: Uint32Array): void {
    const { bytes, offsets } = serializeRows(keys, n, true);
    const map = this.map;
    for (let i = 0; i < n; i++) {
      const s = offsets[i]!; const e = offsets[i + 1]!;
      out[i] = map.findOrInsert(bytes, s, e, hashBytes(bytes, s, e));
    }
  }

  keyVectors(): Vector[] {
    return decodeRows(this.types, this.map.arena, this.map.offsets, this.map.size);
  }

  memoryBytes(): number { return this.map.memoryBytes(); }
}
