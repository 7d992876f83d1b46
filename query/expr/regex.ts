/**
 * Regular expressions over UTF-8 bytes without decoding: patterns (RE2 syntax, which JS RegExp mostly
 * shares) are compiled against latin1 text, where each char is one byte, and results go back to bytes
 * one char per byte. Compiled patterns are cached.
 */
import { EddyError } from '../../src/core/errors.ts';
import { quoteToken } from '../../src/core/types.ts';
import type { StringBuilder } from './build.ts';
import { latin1Of } from './strings.ts';

const cache = new Map<string, RegExp>();

/** A RegExp over latin1 byte text for an RE2-style pattern; `global` for replace-all. */
export function compileRegex(pattern: string, global = false): RegExp {
  const key = (global ? 'g' : '-') + pattern;
  let re = cache.get(key);
  if (re) return re;
  let src = latin1Of(pattern);
  let flags = global ? 'g' : '';
  const inline = /^\(\?([imsU]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    if (inline[1]!.includes('i')) flags += 'i';
    if (inline[1]!.includes('s')) flags += 's';
    if (inline[1]!.includes('m')) flags += 'm';
  }
  try {
    re = new RegExp(src, flags);
  } catch (e) {
    throw new EddyError('BAD_ARGUMENTS', `Cannot compile regexp ${quoteToken(pattern)}: ${(e as Error).message}`);
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, re);
  return re;
}

/** Translate a ClickHouse replacement (\0..\9 groups, \\ backslash) into a JS replacement string. */
export function translateReplacement(r: string): string {
  let out = '';
  for (let k = 0; k < r.length; k++) {
    const c = r[k]!;
    if (c === '$') { out += '$$'; continue; }
    if (c === '\\' && k + 1 < r.length) {
      const d = r[k + 1]!;
      if (d >= '0' && d <= '9') { out += d === '0' ? '$&' : `$${d}`; k++; continue; }
      out += d === '$' ? '$$' : d;
      k++;
      continue;
    }
    out += c;
  }
  return latin1Of(out);
}

/** Append latin1 text (one byte per char) as the current row's bytes. */
export function pushLatin1(sb: StringBuilder, s: string): void {
  sb.reserve(s.length);
  const b = sb.bytes;
  let p = sb.size;
  for (let k = 0; k < s.length; k++) b[p++] = s.charCodeAt(k);
  sb.size = p;
}

/** Decode latin1 text[s..e) (UTF-8 bytes as chars) into a JS string: for patterns, not for row data. */
export function utf8Text(text: string, s: number, e: number): string {
  return Buffer.from(text.slice(s, e), 'latin1').toString('utf8');
}
