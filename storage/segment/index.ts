/** In-memory segments: growable columns with stable-prefix snapshots. */
export { Segment, type SegmentSnapshot } from './segment.ts';
export { ColumnBuilder, zeroOf, type PlainVector } from './column-builder.ts';
