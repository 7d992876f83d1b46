/**
 * Groupers assign dense group ids (0, 1, 2, ... in order of first appearance) to rows by their key
 * values, and give back the key columns of all groups. The factory picks the fastest layout for the
 * key types: none (one group), one fixed-width key (typed-array hash map), one string key (bytes hash
 * map, dictionary codes mapped once per dictionary), several keys (packed into
 * fixed-width words, strings as interned ids).
 */
import type { DataType } from '../../../src/core/types.ts';
import type { Vector } from '../../../src/core/vector.ts';
import { PackedGrouper } from './packed-grouper.ts';
import { SingleKeyGrouper } from './single-key-grouper.ts';

/** Assigns group ids to rows. */
export interface Grouper {
  /** Group ids of rows 0..n of the dense key vectors, written to out[0..n). */
  assign(keys: readonly Vector[], n: number, out: Uint32Array): void;
  /** Number of groups so far. */
  readonly groups: number;
  /** Key columns of groups start..end-1 (default: all groups), so large results can be built a slice at a time. */
  keyVectors(start?: number, end?: number): Vector[];
  /** Key columns of the given groups, in that order. */
  keyVectorsAt(groups: Uint32Array): Vector[];
  /** Approximate bytes held. */
  memoryBytes(): number;
  /** Optional: make room for `groups` groups in all (a size hint; see group-hints.ts). */
  reserve?(groups: number): void;
}

/** No GROUP BY: every row is group 0, and the single group exists even without rows. */
class NoKeyGrouper implements Grouper {
  readonly groups = 1;
  assign(_keys: readonly Vector[], n: number, out: Uint32Array): void { out.fill(0, 0, n); }
  keyVectors(): Vector[] { return []; }
  keyVectorsAt(): Vector[] { return []; }
  memoryBytes(): number { return 0; }
}

/** The grouper for these key types. */
export function makeGrouper(types: readonly DataType[]): Grouper {
  if (types.length === 0) return new NoKeyGrouper();
  if (types.length === 1) return new SingleKeyGrouper(types[0]!);
  return new PackedGrouper(types);
}
