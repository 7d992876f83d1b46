/** Trimming of ASCII spaces (byte 32) from either end of each row, as ClickHouse's trimLeft/trimRight/trimBoth. */
import { T } from '../../src/core/types.ts';
import type { StringVector } from '../../src/core/vector.ts';
import type { ScalarFunction } from '../functions/registry.ts';
import { StringBuilder } from './build.ts';
import { defineStringFn } from './unaryString.ts';

/** Rows of s without leading (left) and/or trailing (right) spaces. */
export function trimSpaces(s: StringVector, left: boolean, right: boolean): StringVector {
  const n = s.length, o = s.offsets, b = s.bytes;
  const sb = new StringBuilder(n, b.length);
  for (let i = 0; i < n; i++) {
    let from = o[i]!, to = o[i + 1]!;
    if (left) while (from < to && b[from] === 32) from++;
    if (right) while (to > from && b[to - 1] === 32) to--;
    sb.appendRange(b, from, to);
  }
  return sb.finish(s.type);
}

/** A trim function removing spaces on the chosen sides. */
export function defineTrim(name: string, left: boolean, right: boolean, aliases: readonly string[]): ScalarFunction {
  return defineStringFn({
    name,
    aliases,
    caseInsensitive: true,
    minArgs: 1,
    type: () => T.String,
    kernel: (s, _rest, rt) => ({ ...trimSpaces(s, left, right), type: rt }),
  });
}
