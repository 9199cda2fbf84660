import { Metadata, parsePhoneNumberFromString, isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import type { PiiMatch, Recognizer, RecognizerContext } from '../recognizer';
import { boosted, contextPattern, fieldSuggests, hasContextNear } from '../context-words';
import { valueHints } from '../value-hints';
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
const CANDIDATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_+.\-\/$€£¥₹#@:]|\d,)${HEAD}(?:${SEP}\d{1,15}){0,7}${EXT}(?![\p{L}\p{N}_@]|[.,\-\/:]\d)`,
  'giu',
);

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

/** A numeric date in any order, any year of four digits (`2031-01-15`, `15.01.1985`, `2024 01 15`). */
function isDateLike(text: string): boolean {
  const m = /^(\d{4})[-./ ](\d{1,2})[-./ ](\d{1,2})$/.exec(text) ?? /^(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{4})$/.exec(text);
  if (!m) return false;
  const [a, b] = m[1].length === 4 ? [Number(m[2]), Number(m[3])] : [Number(m[1]), Number(m[2])];
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

/** How strongly libphonenumber vouches for a candidate: 2 valid, 1 possible, 0 not at all. */
function validation(text: string, regions: readonly CountryCode[]): number {
  const international = text.startsWith('+') || /^00[1-9]/.test(text);
  if (international) {
    const p = parsePhoneNumberFromString(text.startsWith('+') ? text : `+${text.slice(2)}`);
    if (!p) return 0;
    return p.isValid() ? 2 : p.isPossible() ? 1 : 0;
  }
  let best = 0;
  const national = text.replace(/^\(/, '');
  for (const region of regions) {
    const p = parsePhoneNumberFromString(text, region);
    if (!p || !p.isPossible()) continue;
    // GB/DE/FR/IN numbers are written nationally with their trunk `0`; without it a digit run
    // that happens to fit the plan is only possible, not a convincing national number.
    const trunk = trunkPrefix(region);
    if (p.isValid() && (trunk === undefined || national.startsWith(trunk))) return 2;
    best = 1;
  }
  return best;
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
    mayMatch: (value, hints) => (hints ?? valueHints(value)).digitRun >= 7,
    recognize(value: string, ctx: RecognizerContext): PiiMatch[] {
      const regions = ctx.phoneRegions ? toRegions(ctx.phoneRegions) : defaults;
      const matches: PiiMatch[] = [];
      const field = fieldSuggests(ctx, 'PHONE');
      for (const m of value.matchAll(CANDIDATE)) {
        const text = m[0];
        const start = m.index;
        const core = text.replace(/(?: ?(?:x|ext\.?|extension) ?\d{1,6})$/i, '');
        const digits = core.replace(/\D/g, '');
        if (rejection(value, start, core, digits) !== undefined) continue;
        const separated = /[ .\-()]/.test(core);
        const international = core.startsWith('+') || /^00[1-9]/.test(core);
        const valid = validation(core, regions);
        let base: number;
        if (international) base = valid === 2 ? 0.8 : valid === 1 ? 0.55 : 0.3;
        else if (separated) base = valid === 2 ? 0.6 : 0.3;
        // A bare digit run is an id as often as a phone: it needs context even when valid.
        else base = valid === 2 ? 0.4 : 0.1;
        const supported = field || hasContextNear(value, start, start + text.length, CONTEXT);
        const score = boosted(base, supported);
        matches.push({ entity: 'PHONE', start, end: start + text.length, score, recognizer: 'phone' });
      }
      return matches;
    },
  };
}
