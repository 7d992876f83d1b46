/**
 * LIKE / ILIKE. A pattern is compiled once into the cheapest matcher: equality, prefix, suffix,
 * substring (a whole-buffer byte search, see markContains) or a byte-level regex over latin1 text for
 * the general case (`_` matches one UTF-8 character). ILIKE folds ASCII case in byte kernels; a
 * pattern with non-ASCII characters folds Unicode case through a per-row decoded `iu` regex instead.
 */
import type { DataType } from '../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import { constVector, flatVector, fromUtf8, stringVector, utf8 } from '../../src/core/vector.ts';
import { materialize } from './build.ts';
import { readStr } from './read.ts';
import { asciiLower, latin1, latin1Of, mapPredicate, markContains } from './strings.ts';

/** A compiled LIKE pattern: marks matching rows of a flat string vector. */
export type LikeMatcher = (s: StringVector, out: Uint8Array) => void;

const UTF8_CHAR = '(?:[\\x00-\\x7f]|[\\xc0-\\xff][\\x80-\\xbf]*)';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Split a LIKE pattern into literal runs and wildcards ('%' or '_'), honouring backslash escapes. */
function tokenize(p: string): (string | { w: '%' | '_' })[] {
  const out: (string | { w: '%' | '_' })[] = [];
  let lit = '';
  for (let k = 0; k < p.length; k++) {
    const c = p[k]!;
    if (c === '\\' && k + 1 < p.length) { lit += p[++k]; continue; }
    if (c === '%' || c === '_') {
      if (lit) out.push(lit);
      lit = '';
      if (c === '%' && typeof out[out.length - 1] === 'object' && (out[out.length - 1] as { w: string }).w === '%') continue;
      out.push({ w: c });
      continue;
    }
    lit += c;
  }
  if (lit) out.push(lit);
  return out;
}

function prefixAt(b: Uint8Array, s: number, e: number, lit: Uint8Array, atEnd: boolean): boolean {
  const l = lit.length;
  if (e - s < l) return false;
  const st = atEnd ? e - l : s;
  for (let k = 0; k < l; k++) if (b[st + k] !== lit[k]) return false;
  return true;
}

/** ILIKE with a non-ASCII pattern: Unicode case folding over decoded rows (the rare, slow path). */
function compileUnicodeILike(pattern: string): LikeMatcher {
  const src = tokenize(pattern).map((t) => (typeof t === 'string' ? escapeRe(t) : t.w === '%' ? '[\\s\\S]*' : '[\\s\\S]')).join('');
  const re = new RegExp(`^${src}$`, 'iu');
  return (s, out) => {
    const o = s.offsets;
    for (let i = 0; i < s.length; i++) out[i] = re.test(fromUtf8(s.bytes, o[i]!, o[i + 1]!)) ? 1 : 0;
  };
}

/** Compile a LIKE pattern (caseInsensitive = ILIKE). */
export function compileLike(pattern: string, caseInsensitive: boolean): LikeMatcher {
  if (caseInsensitive && /[^\x00-\x7f]/.test(pattern)) return compileUnicodeILike(pattern);
  const toks = tokenize(caseInsensitive ? pattern.replace(/[A-Z]/g, (c) => c.toLowerCase()) : pattern);
  const fold = (s: StringVector): Uint8Array => (caseInsensitive ? asciiLower(s.bytes) : s.bytes);
  const isLit = (t: unknown): t is string => typeof t === 'string';
  const isPct = (t: unknown): boolean => typeof t === 'object' && (t as { w: string }).w === '%';
  // '%lit%'
  if (toks.length === 3 && isPct(toks[0]) && isLit(toks[1]) && isPct(toks[2])) {
    const needle = utf8(toks[1]);
    return (s, out) => markContains(caseInsensitive ? { ...s, bytes: asciiLower(s.bytes) } : s, needle, out);
  }
  if (toks.length === 1 && isPct(toks[0])) return (s, out) => { out.fill(1, 0, s.length); };
  if (toks.length === 0) return (s, out) => { for (let i = 0; i < s.length; i++) out[i] = s.offsets[i + 1] === s.offsets[i] ? 1 : 0; };
  // 'lit', 'lit%', '%lit'
  const simple = toks.length <= 2 && toks.filter(isLit).length === 1 && toks.every((t) => isLit(t) || isPct(t));
  if (simple) {
    const lit = utf8(toks.find(isLit)!);
    const exact = toks.length === 1, suffix = isPct(toks[0]);
    return (s, out) => {
      const b = fold(s), o = s.offsets;
      for (let i = 0; i < s.length; i++) {
        const st = o[i]!, e = o[i + 1]!;
        out[i] = (exact ? e - st === lit.length : true) && prefixAt(b, st, e, lit, suffix) ? 1 : 0;
      }
    };
  }
  const src = toks.map((t) => (isLit(t) ? escapeRe(latin1Of(t)) : t.w === '%' ? '[\\s\\S]*' : UTF8_CHAR)).join('');
  const re = new RegExp(`^${src}$`);
  return (s, out) => {
    const text = latin1(fold(s)), o = s.offsets;
    for (let i = 0; i < s.length; i++) out[i] = re.test(text.slice(o[i]!, o[i + 1]!)) ? 1 : 0;
  };
}

/**
 * Evaluate `haystack [NOT] [I]LIKE pattern` for n rows: a constant pattern compiles once and runs per
 * dictionary entry for dictionaries; a per-row pattern compiles each distinct pattern once.
 */
export function likeKernel(hay: Vector, pat: Vector, n: number, t: DataType, caseInsensitive: boolean, negate: boolean): Vector {
  let out: Vector;
  if (pat.kind === 'const') {
    const m = compileLike(String(pat.value ?? ''), caseInsensitive);
    out = mapPredicate(hay, n, t, (s) => { const r = new Uint8Array(s.length); m(s, r); return r; });
  } else {
    const h = materialize(hay) as StringVector, p = readStr(pat);
    const cache = new Map<string, LikeMatcher>();
    const r = new Uint8Array(n);
    const one = new Uint8Array(1);
    for (let i = 0; i < n; i++) {
      const j = p.codes === null ? i & p.m : p.codes[i]!;
      const ps = fromUtf8(p.bytes, p.offsets[j]!, p.offsets[j + 1]!);
      let m = cache.get(ps);
      if (!m) { m = compileLike(ps, caseInsensitive); cache.set(ps, m); }
      const st = h.offsets[i]!, e = h.offsets[i + 1]!;
      one[0] = 0;
      m(stringVector(h.type, Int32Array.of(0, e - st), h.bytes.subarray(st, e)), one);
      r[i] = one[0]!;
    }
    out = flatVector(t, r);
  }
  if (!negate) return out;
  if (out.kind === 'const') return constVector(t, 1 - Number(out.value), n);
  const v = (out as FlatVector).values as Uint8Array;
  for (let i = 0; i < n; i++) v[i] = 1 - v[i]!;
  return out;
}
