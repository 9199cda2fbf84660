import { Metadata, parsePhoneNumberFromString, isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { NO_MATCHES, type PiiMatch, type Recognizer, type RecognizerContext } from '../recognizer';
import { boosted, contextPattern, fieldSuggests, hasContextNear } from '../context-words';
import { detached } from '../detached-string';
import { valueHints, type ValueHints } from '../value-hints';
import { luhnValid } from './credit-card';

/** Regions tried for national-format numbers when neither the caller nor the context names any. */
export const DEFAULT_PHONE_REGIONS: readonly string[] = ['US', 'GB', 'DE', 'FR', 'IN'];

const CONTEXT = contextPattern([
  'phone*', 'telephone*', 'tel', 'mobile*', 'cell', 'cellphone', 'fax*', 'call*', 'dial*', 'text me',
  'sms', 'whatsapp', 'contact*', 'reach', 'ring', 'desk', 'office', 'ext', 'extension',
  'voicemail', 'answering', 'message*', 'hotline', 'tél', 'telefon*', 'handy', 'portable',
]);

// A candidate is digit groups joined by one separator each: a space, dot or dash, a trunk `(0)`
// or an area code in parentheses. Separators are mandatory between groups so a long digit run
// has only one way to split and the regex cannot backtrack badly.
const HEAD = String.raw`(?:\+ ?)?(?:\(\d{1,5}\) ?)?\d{1,15}`;
const SEP = String.raw`(?:[ .\-]| ?\(0\) ?| ?\(\d{1,5}\) ?)`;
const EXT = String.raw`(?: ?(?:x|ext\.?|extension) ?\d{1,6})?`;
// Sticky: it is tried only at the places a cluster of seven or more digits allows (see recognize).
const CANDIDATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_+.\-\/$€£¥₹#@:]|\d,)${HEAD}(?:${SEP}\d{1,15}){0,7}${EXT}(?![\p{L}\p{N}_@]|[.,\-\/:]\d)`,
  'yiu',
);
const EXTENSION_SUFFIX = /(?: ?(?:x|ext\.?|extension) ?\d{1,6})$/i;

/**
 * Characters a CANDIDATE match can hold (`ſ` is an `s` to a case-insensitive Unicode regex). A
 * scan that starts after any other character starts where a scan of the whole value would.
 */
const CANDIDATE_CHAR = new Uint8Array(65536);
for (const c of '0123456789 .-()+xXeEtTnNsSiIoOſ') CANDIDATE_CHAR[c.charCodeAt(0)] = 1;
/** ASCII characters after which CANDIDATE's look-behind refuses to start (letters, digits, `_+.-/$#@:`). */
const NO_START_AFTER = new Uint8Array(65536);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+.-/$#@:') NO_START_AFTER[c.charCodeAt(0)] = 1;

/** A shortest phone number has this many digits; fewer is never reported. */
const MIN_DIGITS = 7;

const CURRENCY_BEFORE = /(?:[$€£¥₹]|\b(?:usd|eur|gbp|inr|jpy|chf|cad|aud|rs\.?|price|cost|total|amount)\b)\s?[:=]?\s?$/i;
const CURRENCY_AFTER = /^\s?(?:[$€£¥₹]|(?:usd|eur|gbp|inr|jpy|chf|cad|aud|dollars?|euros?|pounds?|rupees?)\b)/i;
const IDENTIFIER_BEFORE = /\b(?:order|invoice|inv|ord|ref|reference|tracking|ticket|case|transaction|txn|sku|po|isbn|issn|doi|pmid|serial|account|acct|id|version|ver|build|release|rev|v)\b\.?\s?(?:no\.?|number|nr\.?|#)?\s?[:#=]?\s?$/i;
/** House and unit numbers: `17031 2202 Rissik St`, `12 345 Rue de la Paix`. */
const STREET_AFTER = /^ (?:[\p{Lu}][\p{L}'’\-]*\.? ){0,3}(?:st|street|rd|road|ave|avenue|rue|blvd|boulevard|lane|ln|dr|drive|way|court|ct|place|pl|square|sq|strasse|straße|str|highway|hwy|terrace|via|calle|avenida|apt|suite|unit)\b/iu;
const IPV4_SHAPE = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const SSN_SHAPE = /^\d{3}-\d{2}-\d{4}$/;

const metadata = new Metadata() as unknown as {
  selectNumberingPlan(country: CountryCode): void;
  numberingPlan?: { nationalPrefix(): string | undefined; callingCode(): string };
};
const trunkPrefixes = new Map<string, string | undefined>();

/** The trunk prefix national numbers of a region are written with (`0` in GB/DE/FR), if any. */
function trunkPrefix(region: CountryCode): string | undefined {
  if (!trunkPrefixes.has(region)) {
    metadata.selectNumberingPlan(region);
    const plan = metadata.numberingPlan;
    // NANP numbers (US, CA, …) are written without their optional `1`.
    trunkPrefixes.set(region, plan && plan.callingCode() !== '1' ? plan.nationalPrefix() : undefined);
  }
  return trunkPrefixes.get(region);
}

const YEAR_FIRST = /^(\d{4})[-./ ](\d{1,2})[-./ ](\d{1,2})$/;
const YEAR_LAST = /^(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{4})$/;

/** A numeric date in any order, any year of four digits (`2031-01-15`, `15.01.1985`, `2024 01 15`). */
function isDateLike(text: string): boolean {
  // Most long digit clusters in prose are dates, so this runs for nearly every candidate.
  let m = YEAR_FIRST.exec(text);
  let a: number;
  let b: number;
  if (m) {
    a = Number(m[2]);
    b = Number(m[3]);
  } else {
    m = YEAR_LAST.exec(text);
    if (!m) return false;
    a = Number(m[1]);
    b = Number(m[2]);
  }
  return (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
}

/** Why a phone-shaped candidate (extension removed) is something else; undefined when it may be a phone. */
function rejection(value: string, start: number, core: string, digits: string): string | undefined {
  if (digits.length < 7 || digits.length > 15) return 'length';
  const groups = core.replace(/\(0\)/g, ' ').split(/\D+/).filter((g) => g.length > 0);
  const plus = core.startsWith('+');
  // `1 2 3 4 5 6 7` is a list of small numbers; a `+1` country code may be one digit.
  if (groups.filter((g, i) => g.length === 1 && !(plus && i === 0)).length > 1) return 'single digits';
  if (groups.length >= 2 && groups.every((g) => /^(?:1[89]|20|21)\d\d$/.test(g))) return 'years';
  if (isDateLike(core)) return 'date';
  // `0.6666666667`, `3.14159265`: one dot between two digit runs is a decimal number.
  if (/^\d+\.\d+$/.test(core)) return 'decimal';
  if (IPV4_SHAPE.test(core)) return 'ip';
  if (SSN_SHAPE.test(core)) return 'ssn';
  if (digits.length >= 12 && /^[\d -]+$/.test(core) && luhnValid(digits) && /^[2-6]/.test(digits)) return 'card';
  const before = value.slice(Math.max(0, start - 24), start);
  if (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(value.slice(start + core.length, start + core.length + 10))) return 'price';
  if (IDENTIFIER_BEFORE.test(before)) return 'identifier';
  if (STREET_AFTER.test(value.slice(start + core.length, start + core.length + 48))) return 'address';
  return undefined;
}

/** How strongly libphonenumber vouches for an international number: 2 valid, 1 possible, 0 not at all. */
function internationalVerdict(text: string): number {
  const p = parsePhoneNumberFromString(text.startsWith('+') ? text : `+${text.slice(2)}`);
  if (!p) return 0;
  return p.isValid() ? 2 : p.isPossible() ? 1 : 0;
}

/**
 * True when one of `regions` holds `text` as a valid national number. GB/DE/FR/IN numbers are
 * written nationally with their trunk `0`; without it a digit run that happens to fit the plan
 * is only possible there, which scores no higher than not a number at all, so such a region is
 * not even asked (parsing is the dearest step of the scan).
 */
function validNational(text: string, regions: readonly CountryCode[]): boolean {
  const national = text.replace(/^\(/, '');
  const order = regionOrder(regions);
  const tried = order.regions;
  for (let i = 0; i < tried.length; i++) {
    const region = tried[i];
    const trunk = trunkPrefix(region);
    if (trunk !== undefined && !national.startsWith(trunk)) continue;
    const p = parsePhoneNumberFromString(text, region);
    if (p && p.isPossible() && p.isValid()) {
      order.vouched(i);
      return true;
    }
  }
  return false;
}

/**
 * The order a region list is tried in. Any region may vouch, so the order changes no verdict,
 * only how many parses it takes to reach one. Regions written with a trunk prefix come first: a
 * national number starting with `0` is rarely valid in one without (US). Among them, the region
 * that has vouched most often leads: DE's plan is wide (it held 413 of the 415 `0…` numbers of the
 * benchmark corpus, GB's 175), so once DE leads most such numbers need one parse, not two to four.
 */
export class RegionOrder {
  readonly regions: CountryCode[];
  private readonly hits: number[];
  /** How many regions at the front have a trunk prefix; only these are reordered. */
  private readonly trunked: number;

  constructor(regions: readonly CountryCode[]) {
    const trunked = regions.filter((r) => trunkPrefix(r) !== undefined);
    this.regions = [...trunked, ...regions.filter((r) => trunkPrefix(r) === undefined)];
    this.hits = this.regions.map(() => 0);
    this.trunked = trunked.length;
  }

  /** Counts a verdict from `regions[i]`, moving it ahead of the one before once it has more. */
  vouched(i: number): void {
    const hits = ++this.hits[i];
    if (i === 0 || i >= this.trunked || hits <= this.hits[i - 1]) return;
    [this.regions[i - 1], this.regions[i]] = [this.regions[i], this.regions[i - 1]];
    [this.hits[i - 1], this.hits[i]] = [this.hits[i], this.hits[i - 1]];
  }
}

const regionOrders = new WeakMap<readonly CountryCode[], RegionOrder>();

function regionOrder(regions: readonly CountryCode[]): RegionOrder {
  let order = regionOrders.get(regions);
  if (!order) {
    order = new RegionOrder(regions);
    regionOrders.set(regions, order);
  }
  return order;
}

/** Verdicts remembered by candidate text (per region list for national ones): numbers repeat in datasets. */
const VERDICT_CACHE_LIMIT = 4096;
const internationalVerdicts = new Map<string, number>();
const nationalVerdicts = new WeakMap<readonly CountryCode[], Map<string, boolean>>();

function remember<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  let verdict = cache.get(key);
  if (verdict === undefined) {
    verdict = compute(key);
    // Evict the oldest entry: a Map iterates in insertion order.
    if (cache.size >= VERDICT_CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(detached(key), verdict);
  }
  return verdict;
}

function cachedValidNational(text: string, regions: readonly CountryCode[]): boolean {
  let cache = nationalVerdicts.get(regions);
  if (!cache) {
    cache = new Map();
    nationalVerdicts.set(regions, cache);
  }
  return remember(cache, text, (t) => validNational(t, regions));
}

/** The entries of `regions` libphonenumber does not know (`UK` instead of `GB`), for config validation. */
export function unsupportedPhoneRegions(regions: readonly string[]): string[] {
  return regions.filter((r) => !isSupportedCountry(r.toUpperCase()));
}

/** Region lists arrive with every value; the same array is converted once. */
const regionCache = new WeakMap<readonly string[], CountryCode[]>();

/** Supported regions of `list`, upper-cased; unknown codes are left out (see unsupportedPhoneRegions). */
function toRegions(list: readonly string[]): CountryCode[] {
  let regions = regionCache.get(list);
  if (!regions) {
    regions = list.map((r) => r.toUpperCase()).filter((r): r is CountryCode => isSupportedCountry(r));
    regionCache.set(list, regions);
  }
  return regions;
}

/** Phone numbers, international (`+44 20 7946 0958`) or national in the configured regions. */
export function createPhoneRecognizer(defaultRegions: readonly string[] = DEFAULT_PHONE_REGIONS): Recognizer {
  const defaults = toRegions(defaultRegions);
  return {
    id: 'phone',
    entity: 'PHONE',
    mayMatch: (value, hints) => (hints ?? valueHints(value)).longRun >= MIN_DIGITS,
    recognize(value: string, ctx: RecognizerContext, hints?: ValueHints): PiiMatch[] {
      const { longRun, clusters } = hints ?? valueHints(value);
      if (longRun < MIN_DIGITS) return NO_MATCHES;
      let matches: PiiMatch[] | undefined;
      // Every digit of a candidate's number sits in one cluster, so only clusters of seven or
      // more digits can yield a phone. Each is scanned from the first character before it that
      // no candidate can hold, which finds the same candidates as a scan of the whole value.
      let scanned = 0;
      for (let i = 0; i < clusters.length; i += 4) {
        if (clusters[i + 2] < MIN_DIGITS) continue;
        const clusterEnd = clusters[i + 1];
        let at = clusters[i];
        while (at > scanned && CANDIDATE_CHAR[value.charCodeAt(at - 1)] === 1) at--;
        if (at < scanned) at = scanned;
        while (at < clusterEnd) {
          const c = value.charCodeAt(at);
          // A candidate starts with a digit, `+` or `(`, and never right after a digit or letter
          // (most places inside a cluster): the regex would only try and fail there.
          // (`at > 0` keeps the read in bounds: one read past the start makes V8 call charCodeAt out of line from then on.)
          if (!((c >= 48 && c <= 57) || c === 43 || c === 40) || (at > 0 && NO_START_AFTER[value.charCodeAt(at - 1)] === 1)) {
            at++;
            continue;
          }
          CANDIDATE.lastIndex = at;
          const m = CANDIDATE.exec(value);
          if (m === null) {
            at++;
            continue;
          }
          const found = candidateMatch(value, at, m[0], ctx, defaults);
          if (found) (matches ??= []).push(found);
          at += m[0].length;
          scanned = at;
        }
      }
      return matches ?? NO_MATCHES;
    },
  };
}

/** The match a candidate at `start` makes, or undefined when it is something else than a phone. */
function candidateMatch(value: string, start: number, text: string, ctx: RecognizerContext, defaults: CountryCode[]): PiiMatch | undefined {
  // Most long digit clusters in text are dates; a date has no extension, so `rejection` would turn
  // it away whatever else it found. Say so before building anything.
  if (isDateLike(text)) return undefined;
  const core = text.replace(EXTENSION_SUFFIX, '');
  const digits = core.replace(/\D/g, '');
  if (rejection(value, start, core, digits) !== undefined) return undefined;
  let base: number;
  if (core.startsWith('+') || /^00[1-9]/.test(core)) {
    const verdict = remember(internationalVerdicts, core, internationalVerdict);
    base = verdict === 2 ? 0.8 : verdict === 1 ? 0.55 : 0.3;
  } else {
    const valid = cachedValidNational(core, ctx.phoneRegions ? toRegions(ctx.phoneRegions) : defaults);
    // A bare digit run is an id as often as a phone: it needs context even when valid.
    base = /[ .\-()]/.test(core) ? (valid ? 0.6 : 0.3) : valid ? 0.4 : 0.1;
  }
  const supported = fieldSuggests(ctx, 'PHONE') || hasContextNear(value, start, start + text.length, CONTEXT);
  return { entity: 'PHONE', start, end: start + text.length, score: boosted(base, supported), recognizer: 'phone' };
}
