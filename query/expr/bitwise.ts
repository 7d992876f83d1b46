/**
 * bitAnd/bitOr/bitXor(a, b) and bitNot(a) over integers: ClickHouse's ResultOfBit (signed when either
 * side is, width of the wider side). Computed on the 64-bit two's complement hi/lo halves of both
 * sides, so Int64/UInt64 stay exact; narrower results wrap into their typed array.
 */
import type { DataType } from '../../src/core/types.ts';
import { isInteger, isUnsigned } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector } from '../../src/core/vector.ts';
import type { ScalarFunction } from '../functions/registry.ts';
import { allocValues, halves } from './build.ts';
import { defineScalar } from './define.ts';
import { illegalType } from './errors.ts';
import { constructNumeric, numSize } from './promote.ts';
import { TWO32, readI64 } from './read.ts';

/** A binary bitwise operator. */
export type BitOp = 'and' | 'or' | 'xor';

function requireInt(fn: string, t: DataType, index: number): void {
  if (!isInteger(t) && t.kind !== 'Bool') throw illegalType(fn, t, index, 'an integer');
}

function signed(t: DataType): boolean {
  return !isUnsigned(t);
}

/** Write 64-bit halves (hi, lo as uint32) into a result of type rt. */
function store(rt: DataType, hi: Uint32Array, lo: Uint32Array, n: number): Vector {
  const out = allocValues(rt, n);
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    const w = halves(out);
    for (let i = 0; i < n; i++) { w[2 * i] = lo[i]!; w[2 * i + 1] = hi[i]!; }
  } else {
    const o = out as Int32Array;
    for (let i = 0; i < n; i++) o[i] = lo[i]! | 0; // typed array stores wrap to the result width
  }
  return flatVector(rt, out);
}

/** The binary bitwise function `name`. */
export function defineBitwise(name: string, op: BitOp): ScalarFunction {
  return defineScalar({
    name,
    minArgs: 2,
    type: ([a, b]) => {
      requireInt(name, a!, 0);
      requireInt(name, b!, 1);
      return constructNumeric(signed(a!) || signed(b!), false, Math.max(numSize(a!.kind), numSize(b!.kind)));
    },
    kernel: ([x, y], n, rt) => {
      const a = readI64(x!, n), b = readI64(y!, n);
      const hi = new Uint32Array(n), lo = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const ah = a.hi[i & a.m]!, al = a.lo[i & a.m]!, bh = b.hi[i & b.m]!, bl = b.lo[i & b.m]!;
        switch (op) {
          case 'and': hi[i] = ah & bh; lo[i] = al & bl; break;
          case 'or': hi[i] = ah | bh; lo[i] = al | bl; break;
          case 'xor': hi[i] = ah ^ bh; lo[i] = al ^ bl; break;
        }
      }
      return store(rt, hi, lo, n);
    },
  });
}

/** The bitNot function: every bit flipped, same signedness and width as the argument. */
export function defineBitNot(name: string): ScalarFunction {
  return defineScalar({
    name,
    minArgs: 1,
    type: ([a]) => {
      requireInt(name, a!, 0);
      return constructNumeric(signed(a!), false, numSize(a!.kind));
    },
    kernel: ([x], n, rt) => {
      const a = readI64(x!, n);
      const hi = new Uint32Array(n), lo = new Uint32Array(n);
      for (let i = 0; i < n; i++) { hi[i] = ~a.hi[i & a.m]!; lo[i] = ~(a.lo[i & a.m]! % TWO32); }
      return store(rt, hi, lo, n);
    },
  });
}
