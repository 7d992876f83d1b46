/** String vectors from JavaScript strings, for tests. */
import { stringVector, utf8, type StringVector } from '../../src/core/vector.ts';
import { T, type DataType } from '../../src/core/types.ts';

/** A string vector of `xs` (null → NULL with empty bytes; no NULL mask when none is null). */
export function stringsVector(xs: readonly (string | null)[], type: DataType = T.String): StringVector {
  const enc = xs.map((x) => utf8(x ?? ''));
  const offsets = new Int32Array(xs.length + 1);
  enc.forEach((e, i) => { offsets[i + 1] = offsets[i]! + e.length; });
  const bytes = new Uint8Array(offsets[xs.length]!);
  enc.forEach((e, i) => bytes.set(e, offsets[i]!));
  const nulls = xs.some((x) => x === null) ? Uint8Array.from(xs, (x) => (x === null ? 1 : 0)) : null;
  return stringVector(type, offsets, bytes, nulls);
}
