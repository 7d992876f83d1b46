/**
 * Bit-packing of 32-bit lanes: `n` values of `width` bits (0..32) packed little-endian into 32-bit words.
 * Values must already fit in `width` bits (frame-of-reference subtracts the minimum first).
 *
 * Two kinds of loop do the work. A general loop, one per direction and lane type, serves every width:
 * it is compiled by V8 within a few blocks of a fresh thread, since every block runs it. Once a thread
 * has packed or unpacked a width {@link KERNEL_AFTER} times, that width gets a generated kernel: each
 * run of 32 values (exactly `width` words) becomes straight-line code with constant shifts and masks
 * and no per-value branch, what C++ codecs get from templates — 4-5x faster than the general loop
 * (0.5 vs 2.5 ns per unpacked value) once optimised. A new kernel starts interpreted, and V8 takes
 * several 64K-value blocks to optimise it, so only widths a thread keeps meeting (merges, part writes,
 * scans of many blocks) are worth one: a cold query over a column whose blocks vary in width keeps
 * the general loop. The kernels are built from numbers only, never from data.
 */

/** Uses of a width (per direction and lane type, per thread) before it gets a generated kernel. */
const KERNEL_AFTER = 8;

/** Number of 32-bit words holding `n` values of `width` bits. */
export function packedWords(n: number, width: number): number {
  return Math.ceil((n * width) / 32);
}

/** A packing kernel: `runs` × 32 values `(src[i] - base) | 0` into `runs` × width words of `out`. */
type PackKernel = (src: Int32Array, runs: number, base: number, out: Int32Array) => void;

const packKernels: (PackKernel | undefined)[] = [];
const packUses = new Uint32Array(33);

/**
 * Pack `src[0..n)` minus `base` (wrapping) at `width` bits per value into `out` (length >=
 * packedWords(n, width), zero-filled).
 */
export function pack(src: Int32Array, n: number, width: number, out: Uint32Array, base = 0): void {
  if (width === 0 || n === 0) return;
  if (width === 32) {
    if (base === 0) out.set(new Uint32Array(src.buffer, src.byteOffset, n));
    else for (let i = 0; i < n; i++) out[i] = src[i]! - base;
    return;
  }
  const words = new Int32Array(out.buffer, out.byteOffset, out.length);
  let kernel = packKernels[width];
  if (kernel === undefined && ++packUses[width]! >= KERNEL_AFTER) kernel = packKernels[width] = packKernel(width);
  const runs = kernel === undefined ? 0 : n >>> 5;
  if (runs > 0) kernel!(src, runs, base, words);
  if (runs * 32 < n) packGeneral(src.subarray(runs * 32), n - runs * 32, width, base, words.subarray(runs * width));
}

function packGeneral(src: Int32Array, n: number, width: number, base: number, out: Int32Array): void {
  let word = 0;
  let bit = 0;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const v = (src[i]! - base) | 0;
    word |= v << bit;
    bit += width;
    if (bit >= 32) {
      out[pos++] = word;
      bit -= 32;
      word = bit > 0 ? v >>> (width - bit) : 0;
    }
  }
  if (bit > 0) out[pos] = word;
}

/** The packing kernel for one width: per run of 32 values, `width` stores of OR-ed constant shifts. */
function packKernel(width: number): PackKernel {
  const body: string[] = [];
  for (let j = 0; j < 32; j++) body.push(`const v${j} = (src[i + ${j}] - base) | 0;`);
  for (let w = 0; w < width; w++) {
    const terms: string[] = [];
    for (let j = 0; j < 32; j++) {
      const start = j * width;
      if (start + width <= 32 * w || start >= 32 * (w + 1)) continue;
      if (start >= 32 * w) terms.push(start === 32 * w ? `v${j}` : `(v${j} << ${start - 32 * w})`);
      else terms.push(`(v${j} >>> ${32 * w - start})`); // the high bits of a value begun in the word before
    }
    body.push(`out[p + ${w}] = ${terms.join(' | ')};`);
  }
  return new Function('src', 'runs', 'base', 'out', `
    for (let r = 0, i = 0, p = 0; r < runs; r++, i += 32, p += ${width}) {
      ${body.join('\n      ')}
    }`) as PackKernel;
}

/** Lanes that {@link unpack} writes: 32-, 16- or 8-bit (a narrower lane keeps the low bits of each value). */
export type LaneArray = Int32Array | Int16Array | Int8Array;

/** The general unpacking loop: `dst[i] = (value i + base) | 0` for i < n, values of `width` bits in `words`. */
type UnpackLoop = (words: Int32Array, n: number, width: number, base: number, dst: LaneArray) => void;

/** An unpacking kernel for one width: the first `runs` × 32 values, as UnpackLoop. */
type UnpackKernel = (words: Int32Array, runs: number, base: number, dst: LaneArray) => void;

/** By lane bytes (1, 2, 4): the general loop (one function object each, so each stays monomorphic) and the kernels by width. */
const general: (UnpackLoop | undefined)[] = [];
const unpackKernels: (UnpackKernel | undefined)[][] = [[], [], [], [], []];
const unpackUses = [null, new Uint32Array(33), new Uint32Array(33), null, new Uint32Array(33)];

/**
 * Unpack `n` values of `width` bits from `words` into `dst[0..n)`, each plus `base` (wrapping; zero by
 * default, frame-of-reference passes its minimum).
 */
export function unpack(words: Uint32Array, n: number, width: number, dst: LaneArray, base = 0): void {
  if (n === 0) return;
  if (width === 0) {
    dst.fill(base, 0, n);
    return;
  }
  const bytes = dst.BYTES_PER_ELEMENT;
  if (width === 32 && base === 0 && bytes === 4) {
    dst.set(new Int32Array(words.buffer, words.byteOffset, n));
    return;
  }
  const w32 = new Int32Array(words.buffer, words.byteOffset, words.length);
  const kernels = unpackKernels[bytes]!;
  let kernel = kernels[width];
  if (kernel === undefined && ++unpackUses[bytes]![width]! >= KERNEL_AFTER) kernel = kernels[width] = unpackKernel(width);
  const runs = kernel === undefined ? 0 : n >>> 5;
  if (runs > 0) kernel!(w32, runs, base, dst);
  const loop = general[bytes] ??= unpackGeneral();
  if (runs * 32 < n) loop(w32.subarray(runs * width), n - runs * 32, width, base, dst.subarray(runs * 32));
}

/** The general unpacking loop (a bit cursor over the words), as a fresh function object for one lane type. */
function unpackGeneral(): UnpackLoop {
  return new Function('words', 'n', 'width', 'base', 'dst', `
    const mask = width === 32 ? -1 : (1 << width) - 1;
    let pos = 0;
    let bit = 0;
    for (let i = 0; i < n; i++) {
      let v = words[pos] >>> bit;
      if (bit + width > 32) v |= words[pos + 1] << (32 - bit);
      dst[i] = ((v & mask) + base) | 0;
      bit += width;
      if (bit >= 32) {
        bit -= 32;
        pos++;
      }
    }`) as UnpackLoop;
}

/** The unpacking kernel for one width: per run of 32 values, `width` loads and 32 stores of constant shifts. */
function unpackKernel(width: number): UnpackKernel {
  const mask = width === 32 ? -1 : (1 << width) - 1;
  const body: string[] = [];
  for (let w = 0; w < width; w++) body.push(`const w${w} = words[p + ${w}];`);
  for (let j = 0; j < 32; j++) {
    const bit = j * width;
    const w = bit >>> 5;
    const b = bit & 31;
    let v = b === 0 ? `w${w}` : `(w${w} >>> ${b})`;
    if (b + width > 32) v = `(${v} | (w${w + 1} << ${32 - b}))`;
    if (b + width !== 32) v = `(${v} & ${mask})`;
    body.push(`dst[i + ${j}] = (${v} + base) | 0;`);
  }
  return new Function('words', 'runs', 'base', 'dst', `
    for (let r = 0, i = 0, p = 0; r < runs; r++, i += 32, p += ${width}) {
      ${body.join('\n      ')}
    }`) as UnpackKernel;
}

/** Bits needed to hold the unsigned 32-bit value `v`. */
export function bitWidth(v: number): number {
  return 32 - Math.clz32(v);
}
