/** fast-check generators of column vectors of every type, with edge values, shapes and NULL patterns. */
import fc from 'fast-check';
import { arrayTypeOf, makeType, type DataType, type TypeKind, type TypedArray } from '../../../src/core/types.ts';
import { utf8, type FlatVector, type StringVector } from '../../../src/core/vector.ts';

/** Every stored type kind. */
export const KINDS: TypeKind[] = ['Int8', 'Int16', 'Int32', 'Int64', 'UInt8', 'UInt16', 'UInt32', 'UInt64',
  'Float32', 'Float64', 'Bool', 'String', 'Date', 'DateTime', 'DateTime64'];

const INT_RANGE: Partial<Record<TypeKind, [number, number]>> = {
  Int8: [-128, 127], Int16: [-32768, 32767], Int32: [-2147483648, 2147483647], Date: [-2147483648, 2147483647],
  UInt8: [0, 255], UInt16: [0, 65535], UInt32: [0, 4294967295], DateTime: [0, 4294967295], Bool: [0, 1],
};

/** A generator of single values of a type, as stored in its array (numbers, bigints, or strings). */
export function valueArb(kind: TypeKind): fc.Arbitrary<number | bigint | string> {
  const r = INT_RANGE[kind];
  if (r !== undefined) return fc.oneof(fc.integer({ min: r[0], max: r[1] }), fc.constantFrom(r[0], r[1], 0, 1, r[1] - 1));
  switch (kind) {
    case 'Int64': case 'DateTime64': {
      const min = -(2n ** 63n);
      const max = 2n ** 63n - 1n;
      return fc.oneof(fc.bigInt({ min, max }), fc.constantFrom(min, max, 0n, -1n, 1n, 2n ** 32n, -(2n ** 32n)));
    }
    case 'UInt64': {
      const max = 2n ** 64n - 1n;
      return fc.oneof(fc.bigInt({ min: 0n, max }), fc.constantFrom(0n, max, 2n ** 63n, 2n ** 32n - 1n));
    }
    case 'Float32': return fc.oneof(fc.float(), fc.constantFrom(NaN, -0, 0, Infinity, -Infinity, 3.4028234663852886e38));
    case 'Float64': return fc.oneof(fc.double(), fc.constantFrom(NaN, -0, 0, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE));
    case 'String': return fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('', 'é', '😀', 'a'.repeat(300), 'Zürich'));
    default: throw new Error(`no generator for ${kind}`);
  }
}

/** Data shapes that exercise each encoding. */
type Shape = 'random' | 'lowcard' | 'sorted' | 'smallrange';

function valuesArb(kind: TypeKind, minLength: number, maxLength: number): fc.Arbitrary<Array<number | bigint | string>> {
  const v = valueArb(kind);
  return fc.constantFrom<Shape>('random', 'lowcard', 'sorted', 'smallrange').chain((shape) => {
    switch (shape) {
      case 'random': return fc.array(v, { minLength, maxLength });
      case 'lowcard': return fc.array(v, { minLength: 1, maxLength: 5 }).chain((pool) =>
        fc.array(fc.nat(pool.length - 1).map((i) => pool[i]!), { minLength, maxLength }));
      case 'sorted': return fc.array(v, { minLength, maxLength }).map((a) => kind === 'String' ? a : [...a].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
      case 'smallrange': return fc.tuple(v, fc.array(fc.integer({ min: 0, max: 1000 }), { minLength, maxLength })).map(([base, offs]) =>
        offs.map((o) => typeof base === 'bigint' ? base + BigInt(o)
          : typeof base === 'number' ? (kind === 'Bool' ? (base + o) & 1 : base + o) // Bool holds only 0 and 1
          : base + 'x'.repeat(o % 5)));
    }
  });
}

function nullsArb(n: number, nullable: boolean): fc.Arbitrary<Uint8Array | null> {
  if (!nullable) return fc.constant(null);
  return fc.oneof(fc.constant(null), fc.constant(new Uint8Array(n).fill(1)),
    fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((b) => Uint8Array.from(b, (x) => (x ? 1 : 0))));
}

/** Build a vector of `type` from stored values (wrapping like typed-array assignment) and a NULL mask. */
export function makeVector(type: DataType, values: ReadonlyArray<number | bigint | string>, nulls: Uint8Array | null): FlatVector | StringVector {
  const n = values.length;
  if (type.kind === 'String') {
    const enc = values.map((s) => utf8(String(s)));
    const offsets = new Int32Array(n + 1);
    enc.forEach((b, i) => { offsets[i + 1] = offsets[i]! + b.length; });
    const bytes = new Uint8Array(offsets[n]!);
    enc.forEach((b, i) => bytes.set(b, offsets[i]!));
    return { kind: 'string', type, length: n, offsets, bytes, nulls };
  }
  const C = arrayTypeOf(type);
  const arr = new C(n) as TypedArray;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (arr instanceof BigInt64Array || arr instanceof BigUint64Array) arr[i] = BigInt(x);
    else (arr as Float64Array)[i] = Number(x);
  }
  return { kind: 'flat', type, length: n, values: arr, nulls };
}

/** A vector of type `kind` (nullable or not, LowCardinality for some strings) of minLength..maxLength rows. */
export function vectorArb(kind: TypeKind, maxLength = 300, minLength = 0): fc.Arbitrary<FlatVector | StringVector> {
  return fc.record({ nullable: fc.boolean(), lowCard: fc.boolean(), values: valuesArb(kind, minLength, maxLength) }).chain(({ nullable, lowCard, values }) => {
    const type = makeType(kind, { nullable, lowCardinality: kind === 'String' && lowCard, ...(kind === 'DateTime64' ? { precision: 3 } : {}) });
    return nullsArb(values.length, nullable).map((nulls) => makeVector(type, values, nulls));
  });
}

/** Bytes of row i of a flat/string vector (exact bits, for comparisons that must see NaN payloads and -0). */
export function rowBytes(v: FlatVector | StringVector, i: number): string {
  if (v.kind === 'string') return Buffer.from(v.bytes.subarray(v.offsets[i]!, v.offsets[i + 1]!)).toString('hex');
  const w = v.values.BYTES_PER_ELEMENT;
  return Buffer.from(new Uint8Array(v.values.buffer, v.values.byteOffset + i * w, w)).toString('hex');
}
