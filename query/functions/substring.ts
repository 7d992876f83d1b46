/**
 * `substring(s, offset[, length])` (substr, mid): bytes from 1-based `offset` (negative counts from the
 * end; 0 gives ''), up to `length` bytes (negative: all but the last -length bytes), as ClickHouse does.
 */
import type { DataType } from '../../src/core/types.ts';
import { T, isInteger } from '../../src/core/types.ts';
import { StringBuilder } from '../expr/build.ts';
import { illegalType } from '../expr/errors.ts';
import { readF64 } from '../expr/read.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** Byte range [start, end) of substring(offset, length) within a row of `len` bytes. */
export function substringRange(len: number, offset: number, length: number | undefined): [number, number] {
  let start: number;
  if (offset > 0) start = Math.min(offset - 1, len);
  else if (offset < 0) start = Math.max(len + offset, 0);
  else return [0, 0];
  if (offset < 0 && -offset > len && length !== undefined && length >= 0) {
    // Start before the string: the length counts from the virtual start.
    const end = Math.max(0, Math.min(len, len + offset + length));
    return [0, end];
  }
  let end = len;
  if (length !== undefined) end = length >= 0 ? Math.min(len, start + length) : Math.max(start, len + length);
  return [start, end];
}

function checkInts(fn: string, rest: readonly DataType[]): DataType {
  rest.forEach((t, i) => { if (!isInteger(t)) throw illegalType(fn, t, i + 1); });
  return T.String;
}

/** The substring function. */
export const substring = defineStringFn({
  name: 'substring',
  aliases: ['substr', 'mid', 'byteSlice'],
  caseInsensitive: true,
  minArgs: 2,
  maxArgs: 3,
  type: (rest) => checkInts('substring', rest),
  kernel: (s, rest, rt) => {
    const n = s.length, o = s.offsets;
    const off = readF64(rest[0]!, n), len = rest[1] ? readF64(rest[1], n) : null;
    const sb = new StringBuilder(n, s.bytes.length);
    for (let i = 0; i < n; i++) {
      const st = o[i]!;
      const [a, b] = substringRange(o[i + 1]! - st, off.a[i & off.m]!, len ? len.a[i & len.m]! : undefined);
      sb.appendRange(s.bytes, st + a, st + b);
    }
    return sb.finish(rt);
  },
});

registerScalar(substring);
