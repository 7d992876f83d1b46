/**
 * `x [NOT] IN (constants)`: a set built once per query in the probe column's representation
 * (numbers, 64-bit halves or UTF-8 bytes), probed per row without allocating.
 */
import type { DataType, Scalar } from '../../src/core/types.ts';
import { T, is64Bit, withNullable } from '../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import { flatVector, utf8 } from '../../src/core/vector.ts';
import { BytesMap, hashBytes } from './hash/bytes-map.ts';
import { PairMap } from './hash/pair-map.ts';
import { repeatScalar } from '../../src/core/materialize.ts';

/** A constant set probed by vectors of one type. */
export class InSet {
  private readonly numbers: Set<number> | null = null;
  private readonly wide: PairMap | null = null;
  private readonly strings: BytesMap | null = null;
  private readonly dictCache = new WeakMap<object, Uint8Array>();

  constructor(type: DataType, values: readonly Scalar[], private readonly negated: boolean) {
    if (type.kind === 'String') {
      this.strings = new BytesMap(values.length);
      for (const v of values) { const b = utf8(String(v)); this.strings.findOrInsert(b, 0, b.length, hashBytes(b, 0, b.length)); }
    } else if (is64Bit(type)) {
      this.wide = new PairMap(values.length);
      const tmp = new BigInt64Array(1);
      const w = new Int32Array(tmp.buffer);
      for (const v of values) { tmp[0] = BigInt.asIntN(64, BigInt(v as bigint)); this.wide.findOrInsert(w[0]!, w[1]!); }
    } else {
      this.numbers = new Set(values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : Number(v))));
    }
  }

  /** 1/0 per row (NULL input → NULL output). */
  probe(v: Vector, n: number): Vector {
    const type = v.type.nullable ? withNullable(T.UInt8) : T.UInt8;
    if (v.kind === 'const') {
      const hit = this.probeFlat(repeatScalar(v.type, v.value, 1), 1);
      return { kind: 'const', type, length: n, value: v.value === null ? null : hit[0]! };
    }
    if (v.kind === 'dict') {
      let m = this.dictCache.get(v.dict);
      if (m === undefined) { m = this.probeFlat(v.dict, v.dict.length); this.dictCache.set(v.dict, m); }
      const out = new Uint8Array(n);
      const codes = v.codes;
      for (let i = 0; i < n; i++) out[i] = m[codes[i]!]!;
      return flatVector(type, out, v.nulls);
    }
    return flatVector(type, this.probeFlat(v, n), v.nulls);
  }

  private probeFlat(v: FlatVector | StringVector, n: number): Uint8Array {
    const out = new Uint8Array(n);
    const yes = this.negated ? 0 : 1;
    const no = 1 - yes;
    if (v.kind === 'string') {
      const m = this.strings!;
      const offs = v.offsets; const bytes = v.bytes;
      for (let i = 0; i < n; i++) {
        const s = offs[i]!; const e = offs[i + 1]!;
        out[i] = m.find(bytes, s, e, hashBytes(bytes, s, e)) >= 0 ? yes : no;
      }
    } else if (this.wide) {
      const w = new Int32Array(v.values.buffer, v.values.byteOffset, 2 * n);
      for (let i = 0; i < n; i++) out[i] = this.wide.find(w[2 * i]!, w[2 * i + 1]!) >= 0 ? yes : no;
    } else {
      const set = this.numbers!;
      const vals = v.values as Float64Array;
      for (let i = 0; i < n; i++) out[i] = set.has(vals[i]!) ? yes : no;
    }
    return out;
  }
}
