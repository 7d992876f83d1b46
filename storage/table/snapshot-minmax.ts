/**
 * A column's min/max over a whole snapshot without reading its rows: each part answers from its
 * granule statistics (written with the part), each in-memory segment from one pass over its vector
 * (the same statistics code), a part without the column contributes the column's default. Only
 * integer, Bool and date/time columns qualify, whose values order the same as their scalars.
 */
import type { Scalar } from '../../src/core/types.ts';
import { isInteger } from '../../src/core/types.ts';
import { flatVector, scalarAt } from '../../src/core/vector.ts';
import { granuleStats } from '../part/stats.ts';
import type { SegmentSnapshot } from '../segment/segment.ts';
import { defaultOf, type ColumnDef } from './column-def.ts';
import type { PartHandle } from './part-handle.ts';

/** Min and max of the non-NULL values (both null when there is none). */
export interface ColumnMinMax {
  readonly min: Scalar;
  readonly max: Scalar;
}

function ordered(def: ColumnDef): boolean {
  const k = def.type.kind;
  return isInteger(def.type) || k === 'Bool' || k === 'Date' || k === 'DateTime' || k === 'DateTime64';
}

/** Min/max of `def` over the parts and segment prefixes, or undefined when statistics cannot answer. */
export function snapshotMinMax(def: ColumnDef, parts: readonly PartHandle[], segments: readonly SegmentSnapshot[]): ColumnMinMax | undefined {
  if (!ordered(def)) return undefined;
  let min: Scalar = null;
  let max: Scalar = null;
  const add = (lo: Scalar, hi: Scalar): void => {
    if (lo !== null && (min === null || (lo as number) < (min as number))) min = lo;
    if (hi !== null && (max === null || (hi as number) > (max as number))) max = hi;
  };
  for (const h of parts) {
    const r = h.reader;
    if (r.meta.rowCount === 0) continue;
    if (!r.hasColumn(def.name)) {
      const d = defaultOf(def);
      add(d, d);
      continue;
    }
    const inPart = r.meta.schema.find((f) => f.name === def.name);
    if (inPart === undefined || inPart.type.kind !== def.type.kind) return undefined;
    const mm = r.columnMinMax(def.name);
    if (mm === undefined) return undefined;
    add(mm.min, mm.max);
  }
  for (const s of segments) {
    if (s.rowCount === 0) continue;
    const ci = s.schema.findIndex((f) => f.name === def.name);
    if (ci < 0) {
      const d = defaultOf(def);
      add(d, d);
      continue;
    }
    const v = s.columns[ci]!;
    if (v.kind !== 'flat' || v.type.kind !== def.type.kind) return undefined;
    const n = s.rowCount;
    const stats = granuleStats(flatVector(v.type, v.values.subarray(0, n), v.nulls === null ? null : v.nulls.subarray(0, n)), n);
    if (stats.hasMinMax[0] === 1) add(scalarAt(stats.min, 0), scalarAt(stats.max, 0));
  }
  return { min, max };
}
