/**
 * The long strings of `hits`, written straight into a byte buffer: page URLs and titles (a pure
 * function of site and page, so a page always has the same URL and title), search phrases (a pure
 * function of the phrase number), and the referers of search engines, ad networks and social
 * networks. URLs, titles and referers are 50–120 characters long.
 *
 * Built-in shares that ClickBench's LIKE queries see: 3% of pages carry `utm_source=google` in the
 * URL, two sites are Google hosts (`.google.`), 3% of titles contain `Google`, ad referers go through
 * `an.yandex.ru`, search referers through yandex/google/mail/rambler/bing.
 */
import type { ByteBuilder } from './byte-builder.ts';
import { Salt, type HitsModel } from './model.ts';
import { hash2, mix32 } from './random.ts';
import type { StringPool } from './string-pool.ts';
import { utf8 } from '../../src/core/vector.ts';

const HTTP = utf8('http://');
const HTTPS = utf8('https://');
const HTML = utf8('.html');
const GOOGLE_UTM = utf8('?utm_source=google&utm_medium=cpc');
const GOOGLE_TITLE = utf8('Google ');
const TITLE_SEPARATOR = utf8(' - ');
const AD_PREFIX = utf8('http://an.yandex.ru/count/');
const TOKEN_ALPHABET = utf8('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-');

const MIN_LENGTH = 50;
const MAX_LENGTH = 120;
/** Longest query parameter {@link HitsText.params} appends (`&` + word + `=` + word or number). */
const MAX_PARAM = 24;

/** Does the page with this {@link HitsText.pageHash} carry `utm_source=google` in its URL (3% of pages)? */
export function isGooglePage(ph: number): boolean {
  return ph % 100 < 3;
}

/** Writers of the generated strings of one {@link HitsModel}. */
export class HitsText {
  private readonly m: HitsModel;
  private readonly pageSalt: number;
  private readonly phraseSalt: number;

  /** Writers over `model`'s pools. */
  constructor(model: HitsModel) {
    this.m = model;
    this.pageSalt = model.salt(Salt.Pages);
    this.phraseSalt = model.salt(Salt.Phrases);
  }

  /** The hash that decides a page's text and attributes (see {@link isGooglePage}). */
  pageHash(site: number, page: number): number {
    return hash2(this.pageSalt ^ site, page);
  }

  /**
   * The URL of `page` of `site`: page 0 is the home page (`http://host/?…`), others are
   * `http[s]://host/section/word-word-<page>.html?…`, padded with query parameters to 50–120 bytes.
   */
  url(out: ByteBuilder, site: number, page: number): void {
    const m = this.m;
    const ph = this.pageHash(site, page);
    const start = out.pos;
    const scheme = (ph >>> 4) % 4 === 0 ? HTTPS : HTTP;
    out.bytes(scheme, 0, scheme.length);
    poolEntry(out, m.hosts, site);
    out.byte(47);
    if (page > 0) {
      poolEntry(out, m.latin, mix32(ph + 1) % m.latin.count);
      out.byte(47);
      poolEntry(out, m.latin, mix32(ph + 2) % m.latin.count);
      out.byte(45);
      poolEntry(out, m.latin, mix32(ph + 3) % m.latin.count);
      out.byte(45);
      out.int(page);
      out.bytes(HTML, 0, HTML.length);
    }
    let first = true;
    if (isGooglePage(ph)) {
      out.bytes(GOOGLE_UTM, 0, GOOGLE_UTM.length);
      first = false;
    }
    this.params(out, start, mix32(ph + 4), MIN_LENGTH + ((ph >>> 12) % (MAX_LENGTH - MIN_LENGTH + 1)), first);
  }

  /**
   * The title of `page` of `site`: Russian words and ` - <site name>`, 50–120 characters; 2% of
   * pages have no title, 3% start with `Google `.
   */
  title(out: ByteBuilder, site: number, page: number): void {
    const m = this.m;
    const ph = this.pageHash(site, page);
    if ((ph >>> 8) % 50 === 0) return;
    const target = MIN_LENGTH + ((ph >>> 3) % (MAX_LENGTH - MIN_LENGTH + 1));
    const suffix = TITLE_SEPARATOR.length + m.siteNames.chars[site]!;
    let chars = 0;
    if ((ph >>> 16) % 100 < 3) {
      out.bytes(GOOGLE_TITLE, 0, GOOGLE_TITLE.length);
      chars = GOOGLE_TITLE.length;
    }
    for (let i = 0; chars + suffix < target; i++) {
      const w = mix32(ph + 0x100 + i) % m.russian.count;
      const wc = m.russian.chars[w]!;
      if (chars + 1 + wc + suffix > MAX_LENGTH) break;
      if (i > 0) {
        out.byte(32);
        chars++;
      }
      poolEntry(out, m.russian, w);
      chars += wc;
    }
    out.bytes(TITLE_SEPARATOR, 0, TITLE_SEPARATOR.length);
    poolEntry(out, m.siteNames, site);
  }

  /** Search phrase number `q`: one to four words, mostly Russian, separated by spaces. */
  phrase(out: ByteBuilder, q: number): void {
    const h = hash2(this.phraseSalt, q);
    const words = 1 + ((h >>> 2) % 7 === 0 ? 3 : (h >>> 5) % 3);
    for (let i = 0; i < words; i++) {
      if (i > 0) out.byte(32);
      const wh = mix32(h + i);
      if (wh % 100 < 85) poolEntry(out, this.m.russian, (wh >>> 8) % this.m.russian.count);
      else poolEntry(out, this.m.latin, (wh >>> 8) % this.m.latin.count);
    }
  }

  /**
   * A search engine's result-page URL for phrase `q`: prefix, the phrase percent-encoded (words
   * joined by `+`, those that fit in 120 bytes; a Latin word if none does), suffix, and parameters
   * up to 50 bytes.
   */
  searchReferer(out: ByteBuilder, engine: number, q: number): void {
    const m = this.m;
    const start = out.pos;
    poolEntry(out, m.enginePrefixes, engine);
    const room = MAX_LENGTH - m.engineSuffixes.byteLength(engine);
    const h = hash2(this.phraseSalt, q);
    const words = 1 + ((h >>> 2) % 7 === 0 ? 3 : (h >>> 5) % 3);
    let written = 0;
    for (let i = 0; i < words; i++) {
      const wh = mix32(h + i);
      const russian = wh % 100 < 85;
      const pool = russian ? m.russianEncoded : m.latin;
      const w = (wh >>> 8) % (russian ? m.russian.count : m.latin.count);
      if (out.pos - start + 1 + pool.byteLength(w) > room) continue;
      if (written++ > 0) out.byte(43);
      poolEntry(out, pool, w);
    }
    if (written === 0) poolEntry(out, m.latin, (h >>> 8) % m.latin.count);
    poolEntry(out, m.engineSuffixes, engine);
    this.params(out, start, h, MIN_LENGTH, false);
  }

  /** An ad network's click URL: `http://an.yandex.ru/count/<token>` with a token of 30–80 bytes. */
  adReferer(out: ByteBuilder, h: number): void {
    out.bytes(AD_PREFIX, 0, AD_PREFIX.length);
    const n = 30 + (h % 51);
    out.ensure(n);
    for (let i = 0; i < n; i++) out.buf[out.pos++] = TOKEN_ALPHABET[mix32(h + i) & 63]!;
  }

  /** A post on social network `network`: `https://host/word<id>?…`, 50–120 bytes. */
  socialReferer(out: ByteBuilder, network: number, h: number): void {
    const m = this.m;
    const start = out.pos;
    out.bytes(HTTPS, 0, HTTPS.length);
    poolEntry(out, m.socialHosts, network);
    out.byte(47);
    poolEntry(out, m.latin, h % m.latin.count);
    out.int(mix32(h) % 1000000);
    this.params(out, start, mix32(h + 1), MIN_LENGTH + ((h >>> 10) % 40), true);
  }

  /** Append `?k=v&k=v…` until the string from `start` reaches `target` bytes (and stays ≤ 120). */
  private params(out: ByteBuilder, start: number, h: number, target: number, first: boolean): void {
    const latin = this.m.latin;
    for (let i = 0; out.pos - start < target && out.pos - start + MAX_PARAM <= MAX_LENGTH; i++) {
      out.byte(first ? 63 : 38);
      first = false;
      const ph = mix32(h + i);
      poolEntry(out, latin, ph % latin.count);
      out.byte(61);
      if ((ph >>> 16) % 2 === 0) poolEntry(out, latin, (ph >>> 8) % latin.count);
      else out.int((ph >>> 12) % 1000000);
    }
  }
}

/** Append entry i of `pool`. */
export function poolEntry(out: ByteBuilder, pool: StringPool, i: number): void {
  out.bytes(pool.bytes, pool.offsets[i]!, pool.offsets[i + 1]!);
}
