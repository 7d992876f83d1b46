/**
 * replaceOne/replaceAll(haystack, pattern, replacement) with constant pattern and replacement:
 * byte-level substring search (Buffer.indexOf over the whole batch buffer, hits mapped back to rows),
 * so no row is decoded. An empty pattern leaves the haystack unchanged.
 */
import { T } from '../../src/core/types.ts';
import type { StringVector, Vector } from '../../src/core/vector.ts';
import { utf8 } from '../../src/core/vector.ts';
import type { ScalarFunction } from '../functions/registry.ts';
import { StringBuilder } from './build.ts';
import { badArguments, illegalType } from './errors.ts';
import { defineStringFn } from './unaryString.ts';

function constText(fn: string, v: Vector | undefined): Uint8Array {
  if (v === undefined || v.kind !== 'const') throw badArguments(fn, 'pattern and replacement must be constant strings');
  return utf8(v.value === null ? '' : String(v.value));
}

/** Replace the first (all = false) or every occurrence of `needle` in each row of s. */
export function replaceBytes(s: StringVector, needle: Uint8Array, repl: Uint8Array, all: boolean): StringVector {
  const n = s.length, o = s.offsets, b = s.bytes;
  if (needle.length === 0) return s;
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const sb = new StringBuilder(n, b.length + 16);
  for (let i = 0; i < n; i++) {
    const end = o[i + 1]!;
    let from = o[i]!;
    while (from < end) {
      const pos = buf.indexOf(needle, from);
      if (pos < 0 || pos + needle.length > end) break;
      sb.pushRange(b, from, pos);
      sb.pushRange(repl, 0, repl.length);
      from = pos + needle.length;
      if (!all) break;
    }
    sb.pushRange(b, from, end);
    sb.endRow();
  }
  return sb.finish(s.type);
}

/** The replaceOne (all = false) or replaceAll (all = true) function. */
export function defineReplace(name: string, all: boolean, aliases: readonly string[] = []): ScalarFunction {
  return defineStringFn({
    name,
    aliases,
    minArgs: 3,
    type: (rest, constants) => {
      rest.forEach((t, k) => { if (t.kind !== 'String') throw illegalType(name, t, k + 1, 'String'); });
      if (constants[0] === undefined || constants[1] === undefined) {
        throw badArguments(name, 'pattern and replacement must be constant strings');
      }
      return T.String;
    },
    kernel: (s, rest, rt) => {
      const r = replaceBytes(s, constText(name, rest[0]), constText(name, rest[1]), all);
      return { ...r, type: rt };
    },
  });
}
