/**
 * One-pass shape statistics of integer lanes for choosing a block encoding: the bit widths that
 * frame-of-reference packing of the values, of their deltas and of their deltas-of-deltas would need,
 * without materializing any of them.
 *
 * 32-bit lanes give exact widths (same wrapping arithmetic as the encoders). 64-bit values (interleaved
 * lo/hi lanes) are measured as doubles: values relative to the first one, deltas wrapped exactly as the
 * encoders wrap them before conversion. Widths are exact while values (deltas) stay within 2^53 of each
 * other (of zero); beyond, rounding may understate them by a bit. A width only steers the choice: the
 * encoders compute their own exactly.
 */

/** Packed bit widths of a block under FOR, DELTA and DELTA2 (delta widths are 0 for fewer than 2 / 3 values). */
export interface ShapeWidths {
  forWidth: number;
  deltaWidth: number;
  delta2Width: number;
}

/** Bits needed for a non-negative integral double range (at most 64). */
function rangeBits(r: number): number {
  if (r < 4294967296) return 32 - Math.clz32(r);
  if (r >= 18446744073709551616) return 64;
  return 64 - Math.clz32(Math.floor(r / 4294967296));
}

/** Widths for `n` 32-bit lanes; `unsigned` orders the values (deltas are always signed). */
export function shapeWidths32(a: Int32Array, n: number, unsigned: boolean, out: ShapeWidths): void {
  out.forWidth = out.deltaWidth = out.delta2Width = 0;
  if (n === 0) return;
  const flip = unsigned ? -0x80000000 : 0;
  let min = a[0]! ^ flip;
  let max = min;
  let dMin = 0;
  let dMax = 0;
  let ddMin = 0;
  let ddMax = 0;
  let prev = a[0]!;
  let prevD = 0;
  if (n > 1) {
    const v = a[1]!;
    const x = v ^ flip;
    if (x < min) min = x;
    if (x > max) max = x;
    prevD = (v - prev) | 0;
    dMin = dMax = prevD;
    prev = v;
  }
  if (n > 2) {
    const v = a[2]!;
    const x = v ^ flip;
    if (x < min) min = x;
    if (x > max) max = x;
    const d = (v - prev) | 0;
    if (d < dMin) dMin = d;
    if (d > dMax) dMax = d;
    ddMin = ddMax = (d - prevD) | 0;
    prevD = d;
    prev = v;
  }
  for (let i = 3; i < n; i++) {
    const v = a[i]!;
    const x = v ^ flip;
    if (x < min) min = x;
    else if (x > max) max = x;
    const d = (v - prev) | 0;
    if (d < dMin) dMin = d;
    else if (d > dMax) dMax = d;
    const dd = (d - prevD) | 0;
    if (dd < ddMin) ddMin = dd;
    else if (dd > ddMax) ddMax = dd;
    prevD = d;
    prev = v;
  }
  out.forWidth = 32 - Math.clz32((max - min) >>> 0);
  if (n > 1) out.deltaWidth = 32 - Math.clz32((dMax - dMin) >>> 0);
  if (n > 2) out.delta2Width = 32 - Math.clz32((ddMax - ddMin) >>> 0);
}

/** Widths for `n` interleaved 64-bit values; `unsigned` orders the values (deltas are always signed). */
export function shapeWidths64(a: Int32Array, n: number, unsigned: boolean, out: ShapeWidths): void {
  out.forWidth = out.deltaWidth = out.delta2Width = 0;
  if (n === 0) return;
  const lo0 = a[0]! >>> 0;
  const hi0 = unsigned ? a[1]! >>> 0 : a[1]!;
  let min = 0;
  let max = 0;
  let dMin = Infinity;
  let dMax = -Infinity;
  let ddMin = Infinity;
  let ddMax = -Infinity;
  let pLo = a[0]!;
  let pHi = a[1]!;
  let pdLo = 0;
  let pdHi = 0;
  for (let i = 1; i < n; i++) {
    const lo = a[2 * i]!;
    const hi = a[2 * i + 1]!;
    const x = ((unsigned ? hi >>> 0 : hi) - hi0) * 4294967296 + ((lo >>> 0) - lo0);
    if (x < min) min = x;
    else if (x > max) max = x;
    // Deltas wrap exactly like the encoder's (lo/hi with borrow), then become doubles.
    const dLo = (lo - pLo) | 0;
    const dHi = (hi - pHi - ((lo >>> 0) < (pLo >>> 0) ? 1 : 0)) | 0;
    const d = dHi * 4294967296 + (dLo >>> 0);
    if (d < dMin) dMin = d;
    if (d > dMax) dMax = d;
    if (i > 1) {
      const ddHi = (dHi - pdHi - ((dLo >>> 0) < (pdLo >>> 0) ? 1 : 0)) | 0;
      const dd = ddHi * 4294967296 + (((dLo - pdLo) | 0) >>> 0);
      if (dd < ddMin) ddMin = dd;
      if (dd > ddMax) ddMax = dd;
    }
    pLo = lo;
    pHi = hi;
    pdLo = dLo;
    pdHi = dHi;
  }
  out.forWidth = rangeBits(max - min);
  if (n > 1) out.deltaWidth = rangeBits(dMax - dMin);
  if (n > 2) out.delta2Width = rangeBits(ddMax - ddMin);
}
