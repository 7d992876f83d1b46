/**
 * Seeded generator of random ClickBench-shaped queries over `hits`, each as a pair: the ClickHouse
 * dialect text sent to Eddy and an equivalent DuckDB text. Shapes: grouped aggregation (1–3 keys out
 * of integer columns, low-cardinality strings, dates, date/string/arithmetic functions) with optional
 * HAVING and ORDER BY (an aggregate, selected or not, then all keys) + LIMIT [OFFSET]; grouping without
 * ORDER BY over low-cardinality keys; global aggregation; SELECT DISTINCT; plain filtered rows ordered by
 * (EventTime, WatchID). Filters combine equality, ranges, IN lists (also with out-of-range constants),
 * 64-bit modulo, dates, `<> ''`, LIKE / ILIKE patterns, match, startsWith / endsWith, position and
 * IN (subquery) with AND / OR / NOT. Aggregates: count, sum, avg, min, max, count(DISTINCT), uniqExact
 * and the -If forms. Constants come from {@link HitsValuePools} so that filters select some rows.
 */

/** A SQL fragment in both dialects. */
interface Both { readonly ch: string; readonly duck: string }

/** One generated query. */
export interface GeneratedQuery {
  /** Seed that regenerates this query with {@link generateQuery}. */
  readonly seed: number;
  /** ClickHouse-dialect text, sent to Eddy. */
  readonly sql: string;
  /** DuckDB text. */
  readonly duck: string;
}

/** Typical values of columns (frequent values, minimum and maximum), from the loaded data. */
export type HitsValuePools = Readonly<Record<string, readonly (number | bigint | string)[]>>;

/** Small integer columns (Int16/Int32): filters, keys, sum/avg. */
const SMALL_INTS = [
  'AdvEngineID', 'RegionID', 'SearchEngineID', 'TraficSourceID', 'OS', 'UserAgent', 'ResolutionWidth', 'ResolutionHeight',
  'IsRefresh', 'IsLink', 'IsMobile', 'MobilePhone', 'DontCountHits', 'CounterClass', 'Age', 'Sex', 'Income',
  'ClientTimeZone', 'CounterID', 'UserAgentMajor', 'HTTPError', 'WindowClientWidth', 'CodeVersion', 'HistoryLength',
  'Robotness', 'IsNotBounce', 'JavaEnable', 'Interests', 'SilverlightVersion3', 'ResolutionDepth',
] as const;
/** Wide integer columns: filters, keys, min/max/count(DISTINCT) (no sum: Int64 sums may wrap in ClickHouse). */
const WIDE_INTS = ['UserID', 'ClientIP', 'URLHash', 'RefererHash', 'WatchID', 'FUniqID', 'RemoteIP'] as const;
/** Non-negative small columns usable with % and intDiv. */
const NON_NEGATIVE = ['ResolutionWidth', 'ResolutionHeight', 'UserAgentMajor', 'CodeVersion', 'HistoryLength', 'Robotness', 'Interests', 'WindowClientWidth', 'RegionID'] as const;
/** Low-cardinality string columns: keys and equality filters. */
const LOW_STRINGS = [
  'MobilePhoneModel', 'PageCharset', 'BrowserLanguage', 'BrowserCountry', 'UserAgentMinor', 'FlashMinor2', 'HitColor',
  'UTMSource', 'UTMMedium',
] as const;
/** Long string columns: `<> ''`, LIKE, min/max, length. */
const LONG_STRINGS = ['SearchPhrase', 'URL', 'Title', 'Referer', 'OriginalURL'] as const;
/** Substrings for LIKE '%x%'. */
const NEEDLES = ['google', 'yandex', '.ru/', 'http://', 'https://', '.html', 'utm_', 'auto', 'sport', '?', 'телефон', 'купить', 'news', 'camp', 'Google', '%D0'];
/** Whole LIKE patterns: prefixes, suffixes, `_` wildcards, escapes. */
const PATTERNS = ['http://%', 'https://www.%', '%.html', '%.ru/', '%.r_/%', 'http_://%', '%=_%', 'теле%', '%н_', '%\\_%', '%google%.%', '_%'];
/** ASCII needles for ILIKE, position, startsWith/endsWith on URLs (case folding and offsets agree in both systems). */
const ASCII_NEEDLES = ['GOOGLE', 'Yandex', 'HTTPS', '.Html', 'News', 'UTM_source', 'camp.RU'];
/** Regular expressions for match (RE2 syntax in both systems). */
const REGEXES = ['^https?://[a-z]+\\.ru/', '[0-9]{5,}', '^http://www\\.', 'utm_(source|medium)=', '\\.html$', '^[^?]*$'];
/** Integer constants outside the range of the columns' types. */
const OUT_OF_RANGE = ['70000', '-70000', '2147483648', '-2147483649', '9223372036854775807', '-9223372036854775808'];

/** Columns whose typical values {@link poolQueries} must provide. */
export const POOLED_COLUMNS: readonly string[] = [...SMALL_INTS, ...WIDE_INTS, ...LOW_STRINGS];

/** DuckDB queries that give each pooled column's typical values (frequent ones, min and max). */
export function poolQueries(): Array<[column: string, sql: string]> {
  return POOLED_COLUMNS.map((c) => [c,
    `SELECT v FROM (SELECT ${c} AS v, count(*) AS n FROM hits GROUP BY v ORDER BY n DESC, v LIMIT 12) ` +
    `UNION ALL SELECT min(${c}) FROM hits UNION ALL SELECT max(${c}) FROM hits`]);
}

/** A mulberry32 stream. */
class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)]!; }
  chance(p: number): boolean { return this.next() < p; }
}

const same = (s: string): Both => ({ ch: s, duck: s });
const lit = (v: number | bigint | string): string => (typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : String(v));
const duckLit = (v: number | bigint | string): string => (typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v));
const day = (d: number): string => `'2013-07-${String(d).padStart(2, '0')}'`;

/** Builds one query from one seed. */
class QueryBuilder {
  private readonly r: Rng;
  constructor(seed: number, private readonly pools: HitsValuePools) { this.r = new Rng(seed); }

  private value(column: string): number | bigint | string {
    const pool = this.pools[column];
    if (!pool || pool.length === 0) throw new Error(`no value pool for ${column}`);
    return this.r.pick(pool);
  }

  private intAtom(): Both {
    const r = this.r;
    const c = r.chance(0.75) ? r.pick(SMALL_INTS) : r.pick(WIDE_INTS);
    const v = (): string => lit(this.value(c));
    switch (r.int(0, 9)) {
      case 0: return same(`${c} = ${v()}`);
      case 1: return same(`${c} <> ${v()}`);
      case 2: return same(`${c} ${r.pick(['<', '<=', '>', '>='])} ${v()}`);
      case 3: {
        const a = this.value(c);
        const b = this.value(c);
        const [lo, hi] = typeof a === 'string' || typeof b === 'string' || a <= b ? [a, b] : [b, a];
        return same(`${c} BETWEEN ${lit(lo)} AND ${lit(hi)}`);
      }
      case 4: return same(`${c} ${r.chance(0.3) ? 'NOT IN' : 'IN'} (${Array.from({ length: r.int(1, 4) }, v).join(', ')})`);
      case 5: {
        const nn = r.pick(NON_NEGATIVE);
        return same(`${nn} % ${r.int(2, 7)} = ${r.int(0, 1)}`);
      }
      case 6: {
        const small = r.pick(SMALL_INTS); // small: an Int64 sum could overflow, which DuckDB rejects
        return same(`${small} + ${r.int(1, 100)} > ${lit(this.value(small))}`);
      }
      case 7: return same(`${c} ${r.pick(['=', '<>', '<', '>', '<=', '>='])} ${r.pick(OUT_OF_RANGE)}`);
      case 8: return same(`${c} IN (${v()}, ${r.pick(OUT_OF_RANGE)})`);
      default: return same(`${r.pick(WIDE_INTS)} % ${r.pick([7, 13, 1000, 65536])} ${r.pick(['=', '<', '>'])} ${r.int(-3, 3)}`);
    }
  }

  private dateAtom(): Both {
    const r = this.r;
    const a = r.int(1, 31);
    const b = r.int(a, 31);
    switch (r.int(0, 7)) {
      case 0: return same(`EventDate ${r.pick(['=', '<>', '<', '<=', '>', '>='])} ${day(a)}`);
      case 1: return same(`EventDate BETWEEN ${day(a)} AND ${day(b)}`);
      case 2: return same(`EventDate >= ${day(a)} AND EventDate <= ${day(b)}`);
      case 3: {
        const t = `'2013-07-${String(a).padStart(2, '0')} ${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00'`;
        return same(`EventTime ${r.pick(['<', '>=', '>'])} ${t}`);
      }
      case 4: {
        const cond = `${r.pick(['<', '>=', '='])} ${r.int(0, 23)}`;
        return { ch: `toHour(EventTime) ${cond}`, duck: `hour(EventTime) ${cond}` };
      }
      case 5: return { ch: `toDate(EventTime) = ${day(a)}`, duck: `CAST(EventTime AS DATE) = ${day(a)}` };
      case 6: return same(`EventDate IN (${day(a)}, ${day(b)}, ${day(r.int(1, 31))})`);
      default: {
        const days = `(${r.int(1, 7)}, ${r.int(1, 7)})`;
        return { ch: `toDayOfWeek(EventDate) IN ${days}`, duck: `isodow(EventDate) IN ${days}` };
      }
    }
  }

  private stringAtom(): Both {
    const r = this.r;
    if (r.chance(0.4)) {
      const c = r.pick(LOW_STRINGS);
      if (r.chance(0.3)) {
        const vs = Array.from({ length: r.int(1, 3) }, () => this.value(c));
        return { ch: `${c} IN (${vs.map(lit).join(', ')})`, duck: `${c} IN (${vs.map(duckLit).join(', ')})` };
      }
      const v = this.value(c);
      const op = r.pick(['=', '<>']);
      return { ch: `${c} ${op} ${lit(v)}`, duck: `${c} ${op} ${duckLit(v)}` };
    }
    const c = r.pick(LONG_STRINGS);
    const url = r.pick(['URL', 'Referer', 'OriginalURL']);
    switch (r.int(0, 10)) {
      case 0: return same(`${c} <> ''`);
      case 1: return same(`${c} = ''`);
      case 2: return same(`${c} LIKE '%${r.pick(NEEDLES)}%'`);
      case 3: return same(`${c} NOT LIKE '%${r.pick(NEEDLES)}%'`);
      case 4: {
        const p = r.pick(PATTERNS);
        const not = r.chance(0.3) ? 'NOT ' : '';
        return { ch: `${c} ${not}LIKE '${p}'`, duck: `${c} ${not}LIKE '${p.replace(/\\\\/g, '\\')}' ESCAPE '\\'` };
      }
      case 5: return same(`${url} ${r.chance(0.3) ? 'NOT ' : ''}ILIKE '%${r.pick(ASCII_NEEDLES)}%'`);
      case 6: {
        const re = r.pick(REGEXES);
        return { ch: `match(${url}, '${re}')`, duck: `regexp_matches(${url}, '${re.replace(/\\\\/g, '\\')}')` };
      }
      case 7: {
        const needle = r.pick(['http://', 'https://', 'http://www.', 'https://camp']);
        return { ch: `startsWith(${url}, '${needle}')`, duck: `starts_with(${url}, '${needle}')` };
      }
      case 8: {
        const needle = r.pick(['.html', '/', 'ru/', '=1']);
        return { ch: `endsWith(${url}, '${needle}')`, duck: `ends_with(${url}, '${needle}')` };
      }
      case 9: {
        const needle = r.pick(['news', 'utm', '.ru', '?']);
        const n = r.int(0, 30);
        return { ch: `position(${url}, '${needle}') > ${n}`, duck: `strpos(${url}, '${needle}') > ${n}` };
      }
      default: {
        const op = r.pick(['<', '>', '<=', '>=']);
        const v = r.pick(['', 'a', 'http://m', 'м', 'телефон', 'zzz']);
        return same(`${c} ${op} '${v}'`);
      }
    }
  }

  private atom(): Both {
    const p = this.r.next();
    return p < 0.45 ? this.intAtom() : p < 0.7 ? this.stringAtom() : this.dateAtom();
  }

  /** A predicate of 1–4 atoms joined by AND / OR, with optional NOT and grouping. */
  predicate(depth = 0): Both {
    const r = this.r;
    const n = depth > 0 ? r.int(1, 2) : r.int(1, 3);
    const parts = Array.from({ length: n }, () => (depth === 0 && r.chance(0.2) ? this.predicate(1) : this.atom()));
    const op = r.chance(0.65) ? ' AND ' : ' OR ';
    let ch = parts.map((p) => (p.ch.includes(' AND ') || p.ch.includes(' OR ') ? `(${p.ch})` : p.ch)).join(op);
    let duck = parts.map((p) => (p.duck.includes(' AND ') || p.duck.includes(' OR ') ? `(${p.duck})` : p.duck)).join(op);
    if (r.chance(0.12)) {
      ch = `NOT (${ch})`;
      duck = `NOT (${duck})`;
    }
    return { ch, duck };
  }

  /** A GROUP BY key; `lowCard` restricts to keys with few distinct values. */
  key(lowCard: boolean): Both {
    const r = this.r;
    const small = ['AdvEngineID', 'SearchEngineID', 'TraficSourceID', 'OS', 'IsRefresh', 'IsMobile', 'CounterClass', 'Age', 'Sex', 'ClientTimeZone', 'HTTPError', 'IsLink', 'ResolutionDepth'];
    const options: Array<() => Both> = [
      () => same(r.pick(small)),
      () => same(r.pick(LOW_STRINGS)),
      () => same('EventDate'),
      () => ({ ch: 'toHour(EventTime)', duck: 'hour(EventTime)' }),
      () => same('extract(minute FROM EventTime)'),
      () => ({ ch: 'toDayOfWeek(EventDate)', duck: 'isodow(EventDate)' }),
      () => {
        const d = r.pick([100, 256, 1000]);
        return { ch: `intDiv(ResolutionWidth, ${d})`, duck: `ResolutionWidth // ${d}` };
      },
      () => same(`CASE WHEN SearchEngineID = 0 THEN 'direct' ELSE 'search' END`),
    ];
    if (!lowCard) {
      options.push(
        () => same(r.pick(['RegionID', 'ResolutionWidth', 'UserAgent', 'MobilePhone', 'CounterID', 'UserAgentMajor', 'CodeVersion'])),
        () => same(r.pick(['UserID', 'ClientIP', 'URLHash', 'SearchPhrase'])),
        () => ({ ch: 'toStartOfHour(EventTime)', duck: `date_trunc('hour', EventTime)` }),
        () => same(`DATE_TRUNC('minute', EventTime)`),
        () => ({ ch: 'toMonday(EventDate)', duck: `CAST(date_trunc('week', EventDate) AS DATE)` }),
        () => ({ ch: 'length(URL)', duck: 'strlen(URL)' }),
        () => same(`${r.pick(NON_NEGATIVE)} % ${r.int(3, 20)}`),
        () => same(`substring(URL, 1, ${r.int(8, 20)})`),
        () => ({ ch: 'toStartOfFiveMinutes(EventTime)', duck: 'time_bucket(INTERVAL 5 MINUTE, EventTime)' }),
        () => ({ ch: 'toDate(EventTime)', duck: 'CAST(EventTime AS DATE)' }),
        () => ({ ch: 'lengthUTF8(Title)', duck: 'length(Title)' }),
        () => same(`concat(BrowserLanguage, '-', BrowserCountry)`),
        () => same('lower(MobilePhoneModel)'),
        () => same(`ResolutionWidth / ${r.pick([3, 7, 10])}`),
        () => same('ResolutionWidth * 2 - ResolutionHeight'),
        () => ({ ch: 'toYYYYMMDD(EventDate)', duck: `CAST(strftime(EventDate, '%Y%m%d') AS INTEGER)` }),
        () => same(`if(IsMobile = 1, MobilePhoneModel, 'desktop')`),
        () => same(`${r.pick(['UserID', 'WatchID', 'URLHash'])} % ${r.pick([13, 100, 1000])}`),
        () => ({ ch: 'ClientIP - 1', duck: 'CAST(ClientIP AS BIGINT) - 1' }),
      );
    }
    return r.pick(options)();
  }

  /**
   * An aggregate. With `global` (no GROUP BY, so possibly over no rows) the DuckDB text yields what
   * ClickHouse gives over no rows instead of NULL: 0 for sums, nan for averages, the type's default
   * for min/max. `nan` marks aggregates that may be nan in a group: ClickHouse sorts nan last in
   * both directions and DuckDB as the largest value, so they are not used as sort keys.
   */
  aggregate(global: boolean): Both & { readonly nan?: boolean } {
    const r = this.r;
    const orEmpty = (duck: string, empty: string): string => (global ? `coalesce(${duck}, ${empty})` : duck);
    const NAN = `'nan'::DOUBLE`;
    switch (r.int(0, 16)) {
      case 0: case 1: return { ch: 'count()', duck: 'count(*)' };
      case 2: { const e = `sum(${r.pick(SMALL_INTS)})`; return { ch: e, duck: orEmpty(e, '0') }; }
      case 3: { const e = `avg(${r.pick(SMALL_INTS)})`; return { ch: e, duck: orEmpty(e, NAN) }; }
      case 4: case 5: {
        const c = r.pick<string>([...SMALL_INTS, ...WIDE_INTS, ...LOW_STRINGS, ...LONG_STRINGS, 'EventDate', 'EventTime']);
        const e = `${r.chance(0.5) ? 'min' : 'max'}(${c})`;
        const empty = c === 'EventDate' ? `DATE '1970-01-01'` : c === 'EventTime' ? `TIMESTAMP '1970-01-01 00:00:00'`
          : (LOW_STRINGS as readonly string[]).includes(c) || (LONG_STRINGS as readonly string[]).includes(c) ? `''` : '0';
        return { ch: e, duck: orEmpty(e, empty) };
      }
      case 6: return same(`count(DISTINCT ${r.pick<string>(['UserID', 'SearchPhrase', 'RegionID', 'URL', 'ClientIP', 'MobilePhoneModel', 'EventDate'])})`);
      case 7: { const c = r.pick<string>(['UserID', 'SearchPhrase', 'CounterID', 'Title', 'OS', 'WatchID']); return { ch: `uniqExact(${c})`, duck: `count(DISTINCT ${c})` }; }
      case 8: {
        const c = r.pick(SMALL_INTS);
        const cond = this.atom();
        return { ch: `sumIf(${c}, ${cond.ch})`, duck: `coalesce(sum(${c}) FILTER (WHERE ${cond.duck}), 0)` };
      }
      case 9: {
        const cond = this.atom();
        return { ch: `countIf(${cond.ch})`, duck: `count(*) FILTER (WHERE ${cond.duck})` };
      }
      case 10: return { ch: 'avg(length(URL))', duck: orEmpty('avg(strlen(URL))', NAN) };
      case 11: { const e = `sum(${r.pick(SMALL_INTS)} + ${r.int(1, 90)})`; return { ch: e, duck: orEmpty(e, '0') }; }
      case 12: {
        const c = r.pick(SMALL_INTS);
        const cond = this.atom();
        return { ch: `avgIf(${c}, ${cond.ch})`, duck: `coalesce(avg(${c}) FILTER (WHERE ${cond.duck}), ${NAN})`, nan: true };
      }
      case 13: {
        const c = r.pick<string>(['ResolutionWidth', 'UserID', 'URL', 'SearchPhrase', 'EventDate', 'ClientIP']);
        const fn = r.chance(0.5) ? 'min' : 'max';
        const cond = this.atom();
        const empty = c === 'EventDate' ? `DATE '1970-01-01'` : c === 'URL' || c === 'SearchPhrase' ? `''` : '0';
        return { ch: `${fn}If(${c}, ${cond.ch})`, duck: `coalesce(${fn}(${c}) FILTER (WHERE ${cond.duck}), ${empty})` };
      }
      case 14: {
        const c = r.pick<string>(['UserID', 'SearchPhrase', 'RegionID']);
        const cond = this.atom();
        return { ch: `uniqExactIf(${c}, ${cond.ch})`, duck: `count(DISTINCT ${c}) FILTER (WHERE ${cond.duck})` };
      }
      case 15: { const c = r.pick<string>(['URL', 'UserID', 'ResolutionWidth']); return same(`count(${c})`); }
      default: {
        const e = r.pick(['ResolutionWidth * 2 + 1', 'ResolutionWidth - ResolutionHeight', 'UserID % 1000', 'length(Title)']);
        const fn = r.pick(['sum', 'min', 'max']);
        const duck = `${fn}(${e.replace('length(', 'strlen(')})`;
        return { ch: `${fn}(${e})`, duck: orEmpty(duck, '0') };
      }
    }
  }

  /** The whole query. */
  build(seed: number): GeneratedQuery {
    const r = this.r;
    const shape = r.next();
    let where = r.chance(0.8) ? this.predicate() : undefined;
    if (r.chance(0.06)) {
      const inner = this.atom();
      const c = r.pick(['UserID', 'RegionID', 'SearchPhrase', 'CounterID']);
      const sub = (side: keyof Both): string => `${c} ${r.chance(0.3) ? 'NOT ' : ''}IN (SELECT ${c} FROM hits WHERE ${inner[side]})`;
      const text = { ch: sub('ch'), duck: '' };
      text.duck = text.ch.replace(inner.ch, inner.duck);
      where = where ? { ch: `(${where.ch}) AND ${text.ch}`, duck: `(${where.duck}) AND ${text.duck}` } : text;
    }
    const w = (side: keyof Both): string => (where ? ` WHERE ${where[side]}` : '');
    const both = (f: (side: keyof Both) => string): GeneratedQuery => ({ seed, sql: f('ch'), duck: f('duck') });
    if (shape < 0.1) {
      const aggs = Array.from({ length: r.int(1, 4) }, () => this.aggregate(true));
      return both((side) => `SELECT ${aggs.map((a) => a[side]).join(', ')} FROM hits${w(side)}`);
    }
    if (shape < 0.2) {
      const picked = Array.from({ length: r.int(1, 4) }, () => r.pick<string>([...SMALL_INTS, ...WIDE_INTS, ...LOW_STRINGS, ...LONG_STRINGS, 'EventDate']));
      const cols = ['EventTime', 'WatchID', ...new Set(picked.filter((c) => c !== 'WatchID'))];
      const desc = r.chance(0.3) ? ' DESC' : '';
      const limit = ` LIMIT ${r.int(1, 30)}${r.chance(0.3) ? ` OFFSET ${r.int(1, 50)}` : ''}`;
      return both((side) => `SELECT ${cols.join(', ')} FROM hits${w(side)} ORDER BY EventTime${desc}, WatchID${desc}${limit}`);
    }
    if (shape < 0.25) {
      const keys = [...new Map(Array.from({ length: r.int(1, 3) }, () => this.key(false)).map((k) => [k.ch, k])).values()];
      const order = keys.map((_, i) => `k${i}${r.chance(0.4) ? ' DESC' : ''}`).join(', ');
      const limit = ` LIMIT ${r.int(1, 25)}${r.chance(0.25) ? ` OFFSET ${r.int(1, 20)}` : ''}`;
      return both((side) => `SELECT DISTINCT ${keys.map((k, i) => `${k[side]} AS k${i}`).join(', ')} FROM hits${w(side)} ORDER BY ${order}${limit}`);
    }
    const ordered = shape >= 0.3;
    const keys: Both[] = [];
    const nKeys = r.int(1, 3);
    for (let i = 0; i < nKeys; i++) {
      const k = this.key(!ordered);
      if (!keys.some((x) => x.ch === k.ch)) keys.push(k);
    }
    const aggs = Array.from({ length: r.int(1, 4) }, () => this.aggregate(false));
    const byAlias = keys.map(() => r.chance(0.5));
    const having = r.chance(0.15) ? r.int(1, 20) : 0;
    const tail = { ch: '', duck: '' };
    if (ordered) {
      const dir = (): string => (r.chance(0.5) ? ' DESC' : '');
      const keyOrder = keys.map((_, i) => `k${i}${dir()}`);
      const p = r.next();
      // by an aggregate in the select list, by one that is not selected, or by the keys only
      const sortable = aggs.flatMap((a, i) => (a.nan ? [] : [i]));
      const lead: Both | undefined = p < 0.55 && sortable.length > 0 ? same(`a${r.pick(sortable)}${dir()}`)
        : p < 0.7 ? (() => { const d = dir(); return { ch: `count()${d}`, duck: `count(*)${d}` }; })() : undefined;
      const limit = ` LIMIT ${r.int(1, 25)}${r.chance(0.25) ? ` OFFSET ${r.int(1, 20)}` : ''}`;
      tail.ch = ` ORDER BY ${[...(lead ? [lead.ch] : []), ...keyOrder].join(', ')}${limit}`;
      tail.duck = ` ORDER BY ${[...(lead ? [lead.duck] : []), ...keyOrder].join(', ')}${limit}`;
    }
    return both((side) => {
      const items = [...keys.map((k, i) => `${k[side]} AS k${i}`), ...aggs.map((a, i) => `${a[side]} AS a${i}`)];
      const groupBy = keys.map((k, i) => (byAlias[i] ? `k${i}` : k[side]));
      const count = side === 'ch' ? 'count()' : 'count(*)';
      return `SELECT ${items.join(', ')} FROM hits${w(side)} GROUP BY ${groupBy.join(', ')}` +
        `${having > 0 ? ` HAVING ${count} > ${having}` : ''}${tail[side]}`;
    });
  }
}

/** The query of `seed` over data with the given value pools. */
export function generateQuery(seed: number, pools: HitsValuePools): GeneratedQuery {
  return new QueryBuilder(seed, pools).build(seed);
}
