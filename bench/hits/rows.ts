/**
 * One `hits` row at a time: {@link HitsRowGenerator.generate} fills the row's 105 values into flat
 * per-row buffers that the sinks (TSV text, column vectors) read. Row r depends only on the model
 * and r, so any range of rows can be produced independently and in any order.
 *
 * Value buffers, indexed by column number (see schema.ts):
 * - `ints[c]`: Int16/Int32 values, Date as days, DateTime as seconds; for Int64 columns the low half;
 * - `his[c]`: the high half of Int64 columns;
 * - strings: bytes `strBuf[c][strStart[c] .. strEnd[c])`, pointing into a pool or the row's scratch.
 *
 * Shape of the data (what the ClickBench queries see): site traffic is Zipf-distributed with
 * CounterID 62 the busiest (~10% of rows); a site's home page gets 10% of its hits, the other pages a
 * heavy-tailed share; about rows/10 distinct users (half the hits from a heavy-tailed head); events in
 * July 2013 with a diurnal curve; ~13% of hits come from search (non-empty SearchPhrase); ~10% are
 * mobile (non-empty MobilePhoneModel); AdvEngineID ≠ 0 on 1%. The home page of site 62 has
 * URLHash 2868770270353813622 and its page 1 has 3594120000172545465 (in URLHash and RefererHash alike),
 * the values ClickBench queries 41 and 42 filter on; UserID 435090932899640449 (query 20) is a
 * frequent user.
 */
import { ByteBuilder } from './byte-builder.ts';
import { hashBytes64 } from './hash64.ts';
import { Fixed, HitsModel, Salt } from './model.ts';
import { hash2, mix32, SplitMix32 } from './random.ts';
import { C, HITS_COLUMN_COUNT } from './schema.ts';
import type { StringPool } from './string-pool.ts';
import { PageCache } from './page-cache.ts';
import { HitsText, isGooglePage, poolEntry } from './text.ts';

/** 2013-07-01 00:00:00 UTC in seconds and in days. */
const JULY_2013 = 1372636800;
const JULY_2013_DAYS = 15887;

/** [hi, lo] of the fixed hashes: home page and page 1 of the busiest site. */
const HOME_HASH = [667937628, 2325999734 | 0] as const; // 2868770270353813622
const PAGE1_HASH = [836821273, 40457657] as const; // 3594120000172545465
/** The user whose UserID is 435090932899640449, and that id's halves. */
const KNOWN_USER = 3;
const KNOWN_USER_ID = [101302501, 4101633153 | 0] as const;

/** Client time zones (hours); the first is the most common. */
const TIME_ZONES = [4, -1, 3, 2, 6, 5, 7, 0, 8, 9, 1, 10, -5];

const F32 = 1 / 4294967296;

/** Generates rows of one data set into reusable per-row buffers. */
export class HitsRowGenerator {
  /** Integer values by column (see the file comment). */
  readonly ints = new Int32Array(HITS_COLUMN_COUNT);
  /** High halves of Int64 values by column. */
  readonly his = new Int32Array(HITS_COLUMN_COUNT);
  /** Buffer holding each string column's bytes. */
  readonly strBuf: Uint8Array[];
  /** Start of each string column's bytes in its buffer. */
  readonly strStart = new Int32Array(HITS_COLUMN_COUNT);
  /** End of each string column's bytes in its buffer. */
  readonly strEnd = new Int32Array(HITS_COLUMN_COUNT);

  private readonly m: HitsModel;
  private readonly text: HitsText;
  private readonly urls: PageCache;
  private readonly titles: PageCache;
  private readonly rng = new SplitMix32();
  private readonly scratch = new ByteBuilder(4096);
  private readonly hash = new Int32Array(2);
  private readonly watchSalt: number;
  private readonly userSalt: number;

  /** A generator over `model`. */
  constructor(model: HitsModel) {
    this.m = model;
    const text = (this.text = new HitsText(model));
    this.urls = new PageCache((out, site, page) => text.url(out, site, page), 15, 128);
    this.titles = new PageCache((out, site, page) => text.title(out, site, page), 15, 256);
    this.watchSalt = model.salt(Salt.Watch);
    this.userSalt = model.salt(Salt.Users);
    const empty = model.fixed.bytes;
    this.strBuf = Array.from({ length: HITS_COLUMN_COUNT }, () => empty);
  }

  /** Fill the buffers with row number `row` (0-based). */
  generate(row: number): void {
    const m = this.m;
    const rng = this.rng;
    const v = this.ints;
    const hi = this.his;
    const text = this.text;
    const out = this.scratch;
    out.reset();
    rng.reset(m.seed, row);
    v.fill(0);
    hi.fill(0);
    this.strStart.fill(0);
    this.strEnd.fill(0);
    this.strBuf.fill(m.fixed.bytes);

    // WatchID: the low half is a bijection of the row number, so WatchIDs are unique.
    const watchLo = mix32((row ^ this.watchSalt) >>> 0);
    v[C.WatchID] = watchLo | 0;
    hi[C.WatchID] = (mix32(watchLo ^ this.watchSalt) & 0x3fffffff) | 0x40000000;

    // When: a day of July 2013 and a time of day on a diurnal curve.
    const day = m.dayTable.pick(rng.float());
    const eventTime = JULY_2013 + day * 86400 + m.hourTable.pick(rng.float()) * 3600 + rng.below(3600);
    v[C.EventTime] = eventTime;
    v[C.EventDate] = JULY_2013_DAYS + day;

    // Where: a site and one of its pages.
    const site = m.sites.pick(rng.float());
    const siteBits = m.siteBits[site]!;
    const pages = m.pages[site]!;
    const page = this.pickPage(pages);
    v[C.CounterID] = m.counterIds[site]!;
    v[C.CounterClass] = siteBits % 10 < 8 ? 0 : (siteBits % 10) - 7;
    v[C.CodeVersion] = (siteBits >>> 4) % 600;
    v[C.IsOldCounter] = (siteBits >>> 14) % 20 === 0 ? 1 : 0;
    const charset = (siteBits >>> 16) % 100;
    this.pooled(C.PageCharset, m.charsets, charset < 60 ? 0 : charset < 90 ? 1 : charset < 97 ? 2 : charset < 99 ? 3 : 4);

    // Who: a user (half the hits from a heavy-tailed head), with stable per-user attributes.
    const user = rng.chance(0.5) ? rng.zipf(m.users, 50) : rng.below(m.users);
    const uh = hash2(this.userSalt, user);
    const uh2 = mix32(uh ^ 0x6a09e667);
    const uh3 = mix32(uh2 ^ 0xbb67ae85);
    const uh4 = mix32(uh3 ^ 0x3c6ef372);
    if (user === KNOWN_USER) {
      hi[C.UserID] = KNOWN_USER_ID[0];
      v[C.UserID] = KNOWN_USER_ID[1];
    } else {
      v[C.UserID] = mix32((user ^ this.userSalt) >>> 0) | 0; // a bijection: distinct users, distinct ids
      hi[C.UserID] = uh2 % 5 === 0 ? uh | 0x80000000 : uh & 0x7fffffff;
    }
    const region = m.regionIds[m.regionTable.pick(uh * F32)]!;
    v[C.RegionID] = region;
    const homeIp = uh3 | 0;
    const clientIp = rng.chance(0.85) ? homeIp : rng.next() | 0;
    v[C.ClientIP] = clientIp;
    v[C.RemoteIP] = rng.chance(0.95) ? clientIp : rng.next() | 0;
    v[C.IPNetworkID] = (clientIp >>> 8) % 4000000;
    v[C.OS] = m.osTable.pick(uh2 * F32);
    v[C.UserAgent] = m.userAgentTable.pick(uh3 * F32);
    v[C.UserAgentMajor] = uh4 % 35;
    this.pooled(C.UserAgentMinor, m.numbers, (uh4 >>> 8) % 10 < 6 ? 0 : (uh4 >>> 12) % 100);
    const resolution = m.resolutions[m.resolutionTable.pick(uh4 * F32)]!;
    v[C.ResolutionWidth] = resolution[0];
    v[C.ResolutionHeight] = resolution[1];
    v[C.ResolutionDepth] = (uh >>> 3) % 10 < 7 ? 24 : (uh >>> 3) % 10 < 9 ? 32 : 16;
    if (resolution[0] > 0 && rng.chance(0.9)) {
      v[C.WindowClientWidth] = Math.max(0, resolution[0] - rng.below(60));
      v[C.WindowClientHeight] = Math.max(0, resolution[1] - 60 - rng.below(300));
    }
    const flash = (uh2 >>> 8) % 10;
    v[C.FlashMajor] = flash < 3 ? 0 : flash < 8 ? 11 : 10;
    v[C.FlashMinor] = flash < 3 ? 0 : (uh2 >>> 12) % 10;
    if (flash >= 3) this.pooled(C.FlashMinor2, m.numbers, (uh2 >>> 16) % 100);
    v[C.NetMajor] = (uh3 >>> 4) % 4 === 0 ? 3 + ((uh3 >>> 8) % 2) : 0;
    v[C.NetMinor] = v[C.NetMajor]! > 0 ? (uh3 >>> 9) % 6 : 0;
    v[C.JavaEnable] = (uh >>> 7) % 10 < 7 ? 1 : 0;
    v[C.CookieEnable] = rng.chance(0.98) ? 1 : 0;
    v[C.JavascriptEnable] = (uh >>> 11) % 100 < 97 ? 1 : 0;
    const mobile = (uh >>> 13) % 10 === 0;
    v[C.IsMobile] = mobile ? 1 : 0;
    if (mobile) {
      const model = m.phoneTable.pick(mix32(uh4) * F32);
      v[C.MobilePhone] = 1 + model;
      this.pooled(C.MobilePhoneModel, m.phoneModels, model);
    }
    const tz = TIME_ZONES[(uh3 >>> 20) % 10 < 5 ? 0 : (uh3 >>> 12) % TIME_ZONES.length]!;
    v[C.ClientTimeZone] = tz;
    v[C.ClientEventTime] = eventTime + rng.below(7) - 3;
    v[C.LocalEventTime] = eventTime + (tz >= 0 ? (tz - 4) * 3600 : 0);
    if ((uh2 >>> 20) % 10 < 3) {
      v[C.SilverlightVersion1] = 5;
      v[C.SilverlightVersion2] = (uh2 >>> 24) % 2;
      v[C.SilverlightVersion3] = 10411 + ((uh2 >>> 25) % 8) * 7101;
      v[C.SilverlightVersion4] = (uh2 >>> 28) % 2;
    }
    const locale = m.localeTable.pick(mix32(uh ^ 0xa54ff53a) * F32);
    this.pooled(C.BrowserLanguage, m.languages, locale);
    this.pooled(C.BrowserCountry, m.countries, (uh >>> 20) % 10 < 8 ? locale : (uh >>> 24) % m.countries.count);
    v[C.Age] = (uh4 >>> 3) % 6;
    v[C.Sex] = (uh4 >>> 6) % 3;
    v[C.Income] = (uh4 >>> 9) % 5;
    v[C.Interests] = (uh4 >>> 12) % 3 === 0 ? 0 : (uh4 >>> 14) % 1000;
    const fUniq = mix32(uh ^ 0x510e527f);
    if (fUniq % 10 >= 4) {
      v[C.FUniqID] = fUniq | 0;
      hi[C.FUniqID] = mix32(fUniq) & 0x7fffffff;
    }

    // What: the hit's flags, URL and title.
    const isLink = rng.chance(0.03);
    v[C.IsLink] = isLink ? 1 : 0;
    v[C.IsDownload] = rng.chance(isLink ? 0.05 : 0.005) ? 1 : 0;
    v[C.IsRefresh] = rng.chance(0.08) ? 1 : 0;
    v[C.DontCountHits] = rng.chance(0.05) ? 1 : 0;
    v[C.GoodEvent] = rng.chance(0.998) ? 1 : 0;
    v[C.IsNotBounce] = rng.chance(0.4) ? 1 : 0;
    v[C.IsEvent] = rng.chance(0.03) ? 1 : 0;
    v[C.IsParameter] = rng.chance(0.01) ? 1 : 0;
    v[C.WithHash] = rng.chance(0.02) ? 1 : 0;
    v[C.IsArtifical] = rng.chance(0.01) ? 1 : 0;
    v[C.Robotness] = rng.chance(0.95) ? 0 : rng.below(100);
    v[C.HistoryLength] = rng.below(16);
    v[C.HID] = rng.next() | 0;
    v[C.WindowName] = rng.chance(0.3) ? -1 : rng.next() | 0;
    v[C.OpenerName] = rng.chance(0.8) ? 0 : rng.next() | 0;
    v[C.HTTPError] = rng.chance(0.998) ? 0 : 404;
    v[C.CLID] = rng.chance(0.9) ? 0 : rng.below(1000000);
    const color = rng.below(100);
    this.pooled(C.HitColor, m.fixed, color < 80 ? Fixed.HitF : color < 90 ? Fixed.HitD : color < 97 ? Fixed.HitE : Fixed.HitT);
    if (rng.chance(0.2)) {
      v[C.SendTiming] = rng.below(500);
      v[C.DNSTiming] = rng.below(200);
      v[C.ConnectTiming] = rng.below(300);
      v[C.ResponseStartTiming] = rng.below(2000);
      v[C.ResponseEndTiming] = rng.below(3000);
      v[C.FetchTiming] = rng.below(5000);
    }

    const urlSite = isLink ? m.sites.pick(rng.float()) : site;
    const urlPage = isLink ? rng.zipf(m.pages[urlSite]!) : page;
    let s = out.pos;
    this.urls.get(out, urlSite, urlPage);
    this.scratchString(C.URL, s);
    this.urlHash(C.URLHash, C.URL, urlSite, urlPage);
    const urlBits = text.pageHash(urlSite, urlPage);
    v[C.URLCategoryID] = (urlBits >>> 20) % 4 === 0 ? 0 : (urlBits >>> 22) % 200;
    v[C.URLRegionID] = (urlBits >>> 24) % 2 === 0 ? 0 : region;
    if (rng.chance(0.3)) this.sameAs(C.OriginalURL, C.URL);
    if (isGooglePage(urlBits)) {
      this.pooled(C.UTMSource, m.utmSources, 1); // utm_source=google
      this.pooled(C.UTMMedium, m.utmMediums, 0);
    }
    s = out.pos;
    this.titles.get(out, site, page);
    this.scratchString(C.Title, s);

    // From where: the traffic source decides the referer, search phrase and engines.
    const source = rng.float();
    s = out.pos;
    if (source < 0.30) {
      v[C.TraficSourceID] = -1; // internal: another page of the same site
      const from = rng.chance(0.25) ? 0 : rng.chance(0.1) ? 1 : rng.zipf(pages);
      this.urls.get(out, site, from);
      this.scratchString(C.Referer, s);
      this.urlHash(C.RefererHash, C.Referer, site, from);
    } else if (source < 0.64 || (source >= 0.78 && source < 0.84)) {
      const direct = source < 0.48;
      v[C.TraficSourceID] = direct ? 0 : source < 0.64 ? 1 : 6;
      if (!direct) {
        const from = m.sites.pick(rng.float());
        const fromPage = rng.zipf(m.pages[from]!);
        this.urls.get(out, from, fromPage);
        this.scratchString(C.Referer, s);
        this.urlHash(C.RefererHash, C.Referer, from, fromPage);
      } else {
        this.urlHash(C.RefererHash, C.Referer, -1, -1);
      }
    } else if (source < 0.78) {
      const ad = source >= 0.77;
      v[C.TraficSourceID] = ad ? 3 : 2;
      const q = rng.chance(0.4) ? rng.zipf(m.phrases, 5) : rng.below(m.phrases);
      if (ad) {
        v[C.AdvEngineID] = 1 + m.advTable.pick(rng.float());
        text.adReferer(out, rng.next());
        this.scratchString(C.Referer, s);
        this.pooled(C.UTMSource, m.utmSources, 0);
        this.pooled(C.UTMMedium, m.utmMediums, 0);
        s = out.pos;
        out.int(rng.below(100000));
        this.scratchString(C.UTMCampaign, s);
        if (rng.chance(0.3)) {
          s = out.pos;
          out.int(rng.below(10000000));
          this.scratchString(C.OpenstatAdID, s);
        }
      } else {
        const engine = m.engineTable.pick(rng.float());
        v[C.SearchEngineID] = m.engineIds[engine]!;
        text.searchReferer(out, engine, q);
        this.scratchString(C.Referer, s);
      }
      this.urlHash(C.RefererHash, C.Referer, -1, -1);
      if (!ad || rng.chance(0.5)) {
        s = out.pos;
        text.phrase(out, q);
        this.scratchString(C.SearchPhrase, s);
        if (ad) this.sameAs(C.UTMTerm, C.SearchPhrase);
      }
    } else if (source < 0.90) {
      v[C.TraficSourceID] = 8; // social network
      const network = rng.below(m.socialIds.length);
      text.socialReferer(out, network, rng.next());
      this.scratchString(C.Referer, s);
      this.urlHash(C.RefererHash, C.Referer, -1, -1);
      v[C.SocialSourceNetworkID] = m.socialIds[network]!;
      this.pooled(C.SocialNetwork, m.socialNames, network);
      this.sameAs(C.SocialSourcePage, C.Referer);
      const action = rng.below(20);
      if (action < 2) this.pooled(C.SocialAction, m.fixed, action === 0 ? Fixed.Like : Fixed.Share);
    } else {
      v[C.TraficSourceID] = 4; // saved page, no referer
      this.urlHash(C.RefererHash, C.Referer, -1, -1);
    }
    const refererBits = v[C.RefererHash]!;
    const hasReferer = this.strEnd[C.Referer]! > this.strStart[C.Referer]!;
    v[C.RefererCategoryID] = hasReferer ? (refererBits >>> 20) % 300 : 0;
    v[C.RefererRegionID] = hasReferer && (refererBits >>> 8) % 3 === 0 ? region : 0;
    v[C.HasGCLID] = rng.chance(0.005) ? 1 : 0;

    // Rare extras: e-commerce parameters and request parameters.
    if (rng.chance(0.01)) {
      v[C.ParamPrice] = rng.below(10000000);
      const currency = rng.below(10);
      this.pooled(C.ParamCurrency, m.fixed, currency < 8 ? Fixed.RUB : currency < 9 ? Fixed.USD : Fixed.EUR);
      v[C.ParamCurrencyID] = currency < 8 ? 643 : currency < 9 ? 840 : 978;
      s = out.pos;
      out.int(rng.below(100000000));
      this.scratchString(C.ParamOrderID, s);
    }
    if (rng.chance(0.02)) {
      s = out.pos;
      poolEntry(out, m.latin, rng.below(m.latin.count));
      out.byte(61);
      out.int(rng.below(100000));
      this.scratchString(C.Params, s);
    }
  }

  /** 10% the home page, 40% a heavy-tailed page, 50% any page. */
  private pickPage(pages: number): number {
    const u = this.rng.float();
    if (u < 0.1) return 0;
    return u < 0.5 ? this.rng.zipf(pages) : this.rng.below(pages);
  }

  private pooled(c: number, pool: StringPool, i: number): void {
    this.strBuf[c] = pool.bytes;
    this.strStart[c] = pool.offsets[i]!;
    this.strEnd[c] = pool.offsets[i + 1]!;
  }

  private scratchString(c: number, start: number): void {
    this.strBuf[c] = this.scratch.buf;
    this.strStart[c] = start;
    this.strEnd[c] = this.scratch.pos;
  }

  private sameAs(c: number, from: number): void {
    this.strBuf[c] = this.strBuf[from]!;
    this.strStart[c] = this.strStart[from]!;
    this.strEnd[c] = this.strEnd[from]!;
  }

  /** Hash string column `from` into Int64 column `c`; site 0's pages 0 and 1 have fixed hashes. */
  private urlHash(c: number, from: number, site: number, page: number): void {
    if (site === 0 && (page === 0 || page === 1)) {
      const fixed = page === 0 ? HOME_HASH : PAGE1_HASH;
      this.his[c] = fixed[0];
      this.ints[c] = fixed[1];
      return;
    }
    hashBytes64(this.strBuf[from]!, this.strStart[from]!, this.strEnd[from]!, this.hash, 0);
    this.ints[c] = this.hash[0]!;
    this.his[c] = this.hash[1]!;
  }
}
