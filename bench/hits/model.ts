/**
 * The fixed universe a `hits` data set is drawn from, built once per (seed, row count): the sites
 * (CounterIDs with Zipf-distributed traffic, host names, pages per site), the population sizes of users
 * and search phrases (scaled to the row count), the categorical distributions of the small columns and
 * the string pools. Rows are then independent draws from this model (see rows.ts).
 */
import { hash2, mix32 } from './random.ts';
import { StringPool } from './string-pool.ts';
import { WeightedTable, zipfWeights } from './weighted.ts';
import {
  CHARSETS, COUNTRIES, LANGUAGES, LATIN_WORDS, PHONE_MODELS, RESOLUTIONS, RUSSIAN_WORDS, SEARCH_ENGINES,
  SOCIAL_NETWORKS, TLDS, UTM_MEDIUMS, UTM_SOURCES,
} from './words.ts';

/** What to generate. */
export interface HitsOptions {
  /** Total rows of the data set (population sizes scale with it). */
  readonly rows: number;
  /** Any uint32; the same (rows, seed) always gives the same data. */
  readonly seed: number;
}

/** Number of sites (distinct CounterIDs). */
const SITES = 8000;
/** CounterID of the busiest site; ClickBench queries 37–43 filter on it. */
export const TOP_COUNTER_ID = 62;
/** Site ranks whose host is a Google host (URLs matching `%.google.%`). */
const GOOGLE_SITES: ReadonlyMap<number, string> = new Map([[23, 'www.google.ru'], [61, 'maps.google.com']]);

/** Purposes of the derived seeds ({@link HitsModel.salt}). */
export const Salt = { Sites: 0, Pages: 1, Users: 2, Phrases: 3, Watch: 4, Hosts: 5 } as const;

/** The universe of one data set. Immutable after construction. */
export class HitsModel {
  /** Generation seed (uint32). */
  readonly seed: number;
  /** Total rows. */
  readonly rows: number;
  /** CounterID of the site of each rank (rank 0 is the busiest, {@link TOP_COUNTER_ID}). */
  readonly counterIds: Int32Array;
  /** Traffic share of the sites by rank (Zipf, exponent 1). */
  readonly sites: WeightedTable;
  /** Number of distinct pages of each site. */
  readonly pages: Int32Array;
  /** Host name of each site, e.g. `www.autonews.ru`. */
  readonly hosts: StringPool;
  /** Host name of each site without `www.`, used as the site name in titles. */
  readonly siteNames: StringPool;
  /** Per-site attributes packed from a hash: charset, code version, counter class. */
  readonly siteBits: Uint32Array;
  /** Number of distinct users (about a tenth of the rows). */
  readonly users: number;
  /** Size of the search-phrase space. */
  readonly phrases: number;
  /** Latin words (ASCII, also their URL encoding). */
  readonly latin = new StringPool(LATIN_WORDS);
  /** Russian words as UTF-8. */
  readonly russian = new StringPool(RUSSIAN_WORDS);
  /** Russian words percent-encoded for URLs (`%D0%BA…`). */
  readonly russianEncoded = new StringPool(RUSSIAN_WORDS.map((w) => encodeURIComponent(w)));
  /** Mobile phone models, weighted by {@link phoneTable}. */
  readonly phoneModels = new StringPool(PHONE_MODELS);
  /** Distribution of phone models. */
  readonly phoneTable = new WeightedTable(zipfWeights(PHONE_MODELS.length, 1.1));
  /** Page charsets. */
  readonly charsets = new StringPool(CHARSETS);
  /** Browser languages. */
  readonly languages = new StringPool(LANGUAGES);
  /** Browser countries. */
  readonly countries = new StringPool(COUNTRIES);
  /** Distribution of languages and countries (rank 0 dominates). */
  readonly localeTable = new WeightedTable(zipfWeights(LANGUAGES.length, 2));
  /** Search engine referer prefixes (before the phrase), by engine index. */
  readonly enginePrefixes = new StringPool(SEARCH_ENGINES.map(([, prefix]) => prefix));
  /** Search engine referer suffixes (after the phrase), by engine index. */
  readonly engineSuffixes = new StringPool(SEARCH_ENGINES.map(([, , suffix]) => suffix));
  /** SearchEngineID by engine index. */
  readonly engineIds = Int16Array.from(SEARCH_ENGINES.map(([id]) => id));
  /** Distribution of search engines. */
  readonly engineTable = new WeightedTable(zipfWeights(SEARCH_ENGINES.length, 1.3));
  /** Social network names (SocialNetwork), by network index. */
  readonly socialNames = new StringPool(SOCIAL_NETWORKS.map(([, name]) => name));
  /** Social network referer hosts, by network index. */
  readonly socialHosts = new StringPool(SOCIAL_NETWORKS.map(([, , host]) => host));
  /** SocialSourceNetworkID by network index. */
  readonly socialIds = Int16Array.from(SOCIAL_NETWORKS.map(([id]) => id));
  /** Screen resolutions by index, and their distribution. */
  readonly resolutions = RESOLUTIONS;
  /** Distribution of screen resolutions. */
  readonly resolutionTable = new WeightedTable(zipfWeights(RESOLUTIONS.length, 1.2));
  /** UTM sources and mediums. */
  readonly utmSources = new StringPool(UTM_SOURCES);
  /** UTM mediums. */
  readonly utmMediums = new StringPool(UTM_MEDIUMS);
  /** Small fixed strings: see {@link Fixed}. */
  readonly fixed = new StringPool(FIXED_STRINGS);
  /** Decimal strings '0'..'99' (FlashMinor2, ParamOrderID prefixes, …). */
  readonly numbers = new StringPool(Array.from({ length: 100 }, (_, i) => String(i)));
  /** RegionID by rank, and the users' distribution over them. */
  readonly regionIds: Int32Array;
  /** Distribution of users over regions. */
  readonly regionTable = new WeightedTable(zipfWeights(400, 1.1));
  /** Distribution of OS values (OS = index). */
  readonly osTable = new WeightedTable(zipfWeights(90, 1.4));
  /** Distribution of UserAgent values (UserAgent = index). */
  readonly userAgentTable = new WeightedTable(zipfWeights(60, 1.3));
  /** Distribution of AdvEngineID among ad traffic (AdvEngineID = index + 1). */
  readonly advTable = new WeightedTable(zipfWeights(30, 1.5));
  /** Day of July 2013 (0..30): weekends are quieter. */
  readonly dayTable: WeightedTable;
  /** Hour of the day: a diurnal curve peaking in the afternoon. */
  readonly hourTable: WeightedTable;

  /** Build the universe for `options`. */
  constructor(options: HitsOptions) {
    if (!Number.isInteger(options.rows) || options.rows < 0) throw new Error(`bad row count ${options.rows}`);
    this.seed = options.seed >>> 0;
    this.rows = options.rows;
    this.users = Math.max(100, Math.round(options.rows / 10));
    this.phrases = Math.max(1000, Math.round(options.rows / 20));
    this.sites = new WeightedTable(zipfWeights(SITES, 1));
    this.counterIds = new Int32Array(SITES);
    this.pages = new Int32Array(SITES);
    this.siteBits = new Uint32Array(SITES);
    const usedIds = new Set<number>([TOP_COUNTER_ID]);
    this.counterIds[0] = TOP_COUNTER_ID;
    for (let k = 0; k < SITES; k++) {
      if (k > 0) {
        let id = 0;
        for (let attempt = 0; id === 0 || usedIds.has(id); attempt++) id = 1 + (hash2(this.salt(Salt.Sites), k * 31 + attempt) % 250000);
        usedIds.add(id);
        this.counterIds[k] = id;
      }
      // Pages per site: about a quarter of the site's expected hits, so distinct URLs ≈ 20% of rows.
      this.pages[k] = Math.max(20, Math.round(this.sites.probability(k) * options.rows * 0.25));
      this.siteBits[k] = hash2(this.salt(Salt.Sites), k + 0x10000);
    }
    const hosts = this.buildHosts();
    this.hosts = new StringPool(hosts);
    this.siteNames = new StringPool(hosts.map((h) => h.replace(/^www\./, '')));
    const usedRegions = new Set<number>();
    this.regionIds = Int32Array.from({ length: 400 }, (_, i) => {
      const fixed = [229, 2, 208, 1, 34, 158, 184, 107, 42, 47, 225, 54, 65, 35, 11];
      let id = fixed[i] ?? 0;
      for (let a = 0; id === 0 || (i >= fixed.length && usedRegions.has(id)); a++) id = 1 + (hash2(this.seed, 7919 * i + a) % 15000);
      usedRegions.add(id);
      return id;
    });
    this.dayTable = new WeightedTable(Array.from({ length: 31 }, (_, d) => ((d + 1) % 7 === 6 || (d + 1) % 7 === 0 ? 0.75 : 1)));
    this.hourTable = new WeightedTable(Array.from({ length: 24 }, (_, h) => 0.25 + Math.pow(Math.sin(Math.PI * Math.max(0, h - 5) / 19), 2)));
  }

  /** A seed for one purpose, derived from the generation seed. */
  salt(purpose: number): number {
    return hash2(this.seed, 0x5a17 + purpose);
  }

  /** Host names of all sites: one or two words and a TLD, sometimes `www.`, all distinct. */
  private buildHosts(): string[] {
    const seen = new Set<string>();
    const tldTable = new WeightedTable(zipfWeights(TLDS.length, 1.5));
    const hosts: string[] = [];
    const salt = this.salt(Salt.Hosts);
    for (let k = 0; k < SITES; k++) {
      const google = GOOGLE_SITES.get(k);
      if (google !== undefined) {
        hosts.push(google);
        seen.add(google.replace(/^www\./, ''));
        continue;
      }
      for (let attempt = 0; ; attempt++) {
        const h = hash2(salt, k * 64 + attempt);
        const w1 = LATIN_WORDS[h % LATIN_WORDS.length]!;
        const h2 = mix32(h);
        const w2 = LATIN_WORDS[h2 % LATIN_WORDS.length]!;
        const sep = (h2 >>> 20) % 3 === 0 ? '-' : '';
        const base = attempt < 8 && (h >>> 28) < 4 ? w1 : `${w1}${sep}${w2}${attempt >= 16 ? attempt : ''}`;
        const name = `${base}.${TLDS[tldTable.pick(mix32(h2) / 4294967296)]!}`;
        if (seen.has(name)) continue;
        seen.add(name);
        hosts.push((h >>> 25) % 5 < 2 ? `www.${name}` : name);
        break;
      }
    }
    return hosts;
  }
}

const FIXED_STRINGS = ['', 'F', 'D', 'E', 'T', 'RUB', 'USD', 'EUR', 'like', 'share'] as const;

/** Indexes into {@link HitsModel.fixed}. */
export const Fixed = {
  Empty: 0, HitF: 1, HitD: 2, HitE: 3, HitT: 4, RUB: 5, USD: 6, EUR: 7, Like: 8, Share: 9,
} as const satisfies Record<string, number>;
