// Fills a template's slots with entity values and distractors, tracking which pieces are entities.
import type { Faker } from '@faker-js/faker';
import { blockAddress, city, country, drawPerson, inlineAddress, institution, organization, region, renderName, streetLine, title, type Person } from './entities';
import { capWord, holiday, law, month, nationality, product, tech, titledThing, weekday, wordSalad } from './distractors';
import type { LocaleFaker } from './locales';
import { PLAIN } from './templates-prose';
import { quarter, UNITS } from './templates-howto';
import { COMMON_ADJECTIVES, COMMON_ADVERBS, COMMON_NOUNS, COMMON_VERBS } from './common-words';
import { brand } from './entities';

export type EntityLabel = 'PER' | 'LOC' | 'ORG';

/** A run of text and its entity label (null = not an entity). */
export interface Piece {
  text: string;
  label: EntityLabel | null;
}

/** What one record draws from: a main locale, the others for mixed-origin people, a seeded RNG. */
export interface RenderContext {
  rng: Faker;
  locale: LocaleFaker;
  otherLocale: () => LocaleFaker;
  persons: Map<number, { person: Person; name: string }>;
}

function person(ctx: RenderContext, index: number): { person: Person; name: string } {
  let entry = ctx.persons.get(index);
  if (!entry) {
    const lf = index === 1 || ctx.rng.number.float() < 0.6 ? ctx.locale : ctx.otherLocale();
    const p = drawPerson(lf, ctx.rng);
    entry = { person: p, name: renderName(p, ctx.rng) };
    ctx.persons.set(index, entry);
  }
  return entry;
}

const ascii = (s: string): string => s.normalize('NFD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();

function email(ctx: RenderContext, p: Person): string {
  const { rng } = ctx;
  const local = rng.helpers.arrayElement([
    `${ascii(p.first)}.${ascii(p.last)}`, `${ascii(p.first)}${ascii(p.last)}`, `${ascii(p.first)[0] ?? 'x'}${ascii(p.last)}`,
    `${p.first}${p.last}`.replace(/[^A-Za-z]/g, ''), `${ascii(p.first)}${rng.number.int({ min: 1, max: 99 })}`,
    `${p.first}${rng.string.alpha({ length: 1, casing: 'upper' })}${p.last}`.normalize('NFD').replace(/[^A-Za-z]/g, ''),
  ]) || 'info';
  return `${local}@${rng.internet.domainName()}`;
}

// Dates count back from a fixed day, not from the clock, and are written in UTC, so the same seed
// gives the same file on any day and in any time zone.
const DATE_REFERENCE = Date.UTC(2026, 10, 1);
const pastDate = (rng: Faker): Date => rng.date.past({ refDate: DATE_REFERENCE });
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Date.prototype.toDateString's format ("Thu Oct 08 2026"), from the UTC day. */
const dateString = (d: Date): string => `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')} ${d.getUTCFullYear()}`;

/** Resolves one slot name to a piece; unknown slots are a template bug and throw. */
export function resolveSlot(slot: string, ctx: RenderContext): Piece {
  const { rng, locale: lf } = ctx;
  const m = /^([A-Za-z]+)([23]?)$/.exec(slot);
  if (!m) throw new Error(`bad slot {${slot}}`);
  // {Noun} is {noun} with a capital first letter (the start of a sentence).
  if (/^[A-Z]/.test(m[1]!)) {
    const piece = resolveSlot(m[1]!.toLowerCase() + (m[2] ?? ''), ctx);
    return { text: piece.text.charAt(0).toUpperCase() + piece.text.slice(1), label: piece.label };
  }
  const kind = m[1]!;
  const index = m[2] ? Number(m[2]) : 1;
  const place = (): LocaleFaker => (index === 1 ? lf : ctx.otherLocale());
  switch (kind) {
    case 'name': return { text: person(ctx, index).name, label: 'PER' };
    case 'first': return { text: person(ctx, index).person.first, label: 'PER' };
    case 'last': return { text: person(ctx, index).person.last, label: 'PER' };
    case 'city': return { text: city(rng.number.float() < 0.7 ? place() : ctx.otherLocale()), label: 'LOC' };
    case 'country': return { text: country(place(), rng), label: 'LOC' };
    case 'region': return { text: region(place(), rng), label: 'LOC' };
    case 'street': return { text: streetLine(place(), rng), label: 'LOC' };
    case 'address': return { text: inlineAddress(place(), rng), label: 'LOC' };
    case 'block': return { text: blockAddress(place(), rng), label: 'LOC' };
    case 'place': return { text: rng.helpers.arrayElement([() => city(lf), () => country(lf, rng), () => region(lf, rng)])(), label: 'LOC' };
    // A full name with a middle initial, and one with a double surname (the person's own family name first).
    case 'mid': { const p = person(ctx, index).person; return { text: p.familyFirstNoSpace ? `${p.last}${p.first}` : `${p.first} ${[...p.middle][0] ?? 'A'}. ${p.last}`, label: 'PER' }; }
    case 'double': { const p = person(ctx, index).person; return { text: p.familyFirstNoSpace ? `${p.last}${p.first}` : `${p.first} ${p.last}${rng.helpers.arrayElement(['-', ' '])}${lf.faker.person.lastName()}`, label: 'PER' }; }
    case 'hospital': case 'school': case 'bank': case 'agency': return { text: institution(kind, index === 1 ? lf : ctx.otherLocale(), rng), label: 'ORG' };
    case 'age': return { text: String(rng.number.int({ min: 1, max: 97 })), label: null };
    case 'org': return { text: organization(index === 1 ? lf : ctx.otherLocale(), rng, () => drawPerson(lf, rng)), label: 'ORG' };
    case 'title': return { text: title(rng), label: null };
    case 'email': return { text: email(ctx, person(ctx, index).person), label: null };
    case 'user': return { text: rng.internet.username({ firstName: ascii(person(ctx, index).person.first), lastName: ascii(person(ctx, index).person.last) }), label: null };
    case 'product': return { text: product(rng), label: null };
    case 'month': return { text: month(lf, rng), label: null };
    case 'weekday': return { text: weekday(lf, rng), label: null };
    case 'cap': return { text: capWord(rng), label: null };
    case 'nat': return { text: nationality(rng), label: null };
    case 'holiday': return { text: holiday(rng), label: null };
    case 'tech': return { text: tech(rng), label: null };
    case 'thing': return { text: titledThing(rng), label: null };
    case 'salad': return { text: wordSalad(rng, rng.number.int({ min: 3, max: 9 })), label: null };
    case 'job': return { text: rng.person.jobTitle(), label: null };
    case 'phone': return { text: lf.faker.phone.number(), label: null };
    case 'date': return { text: rng.helpers.arrayElement([() => pastDate(rng).toISOString().slice(0, 10), () => dateString(pastDate(rng)), () => `${rng.number.int({ min: 1, max: 28 })} ${month(lf, rng)} ${rng.number.int({ min: 1990, max: 2026 })}`])(), label: null };
    case 'time': return { text: `${rng.number.int({ min: 1, max: 12 })}${rng.helpers.arrayElement([':00', ':30', ' pm', 'am', ':15 AM'])}`, label: null };
    case 'year': return { text: String(rng.number.int({ min: 1920, max: 2026 })), label: null };
    case 'num': return { text: String(rng.number.int({ min: 1, max: rng.helpers.arrayElement([10, 100, 10000, 99999999]) })), label: null };
    case 'money': return { text: rng.finance.amount({ symbol: rng.helpers.arrayElement(['$', '€', '£', '']), dec: rng.helpers.arrayElement([0, 2]) }), label: null };
    case 'id': return { text: `${rng.helpers.arrayElement(['ORD-', '#', 'INV-', 'TCK-', ''])}${rng.string.alphanumeric({ length: { min: 5, max: 10 }, casing: 'upper' })}`, label: null };
    case 'url': return { text: rng.internet.url(), label: null };
    // Everyday words two times in three, faker's long tail otherwise.
    case 'noun': return { text: rng.number.float() < 0.67 ? rng.helpers.arrayElement(COMMON_NOUNS) : rng.word.noun(), label: null };
    case 'adj': return { text: rng.number.float() < 0.67 ? rng.helpers.arrayElement(COMMON_ADJECTIVES) : rng.word.adjective(), label: null };
    case 'verb': return { text: rng.number.float() < 0.67 ? rng.helpers.arrayElement(COMMON_VERBS) : rng.word.verb(), label: null };
    case 'adverb': return { text: rng.number.float() < 0.67 ? rng.helpers.arrayElement(COMMON_ADVERBS) : rng.word.adverb(), label: null };
    case 'people': {
      // A list of 3-7 first names ("A, B, C and D") with a span for each name.
      throw new Error('{people} is expanded by renderTemplate');
    }
    case 'law': return { text: law(rng), label: null };
    case 'unit': return { text: `${rng.number.int({ min: 1, max: rng.helpers.arrayElement([10, 100, 5000]) })}${rng.helpers.arrayElement([' ', ''])}${rng.helpers.arrayElement(UNITS)}`, label: null };
    case 'quarter': return { text: quarter((xs) => rng.helpers.arrayElement(xs), (min, max) => rng.number.int({ min, max })), label: null };
    case 'plain': return { text: rng.helpers.arrayElement(PLAIN), label: null };
    case 'site': return { text: `${rng.helpers.arrayElement(['https://www.', 'http://www.', 'https://', 'www.'])}${brand(rng)}${rng.helpers.arrayElement(['', 'Insider', 'Online', 'Hub', 'Shop'])}.${rng.internet.domainSuffix()}${rng.helpers.arrayElement(['', '/', '/about'])}`, label: null };
    case 'song': return { text: rng.music.songName(), label: null };
    case 'book': return { text: rng.book.title(), label: null };
    case 'food': return { text: rng.food.dish(), label: null };
    case 'color': return { text: rng.color.human(), label: null };
    case 'animal': return { text: rng.animal.type(), label: null };
    default: throw new Error(`unknown slot {${slot}}`);
  }
}

function people(ctx: RenderContext): Piece[] {
  const { rng } = ctx;
  const n = rng.number.int({ min: 3, max: 7 });
  const out: Piece[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0) out.push({ text: i === n - 1 ? rng.helpers.arrayElement([' and ', ', and ', ' & ']) : ', ', label: null });
    const lf = rng.number.float() < 0.5 ? ctx.locale : ctx.otherLocale();
    out.push({ text: drawPerson(lf, rng).first, label: 'PER' });
  }
  return out;
}

/** Splits a template into literal and slot pieces, in order. */
export function renderTemplate(template: string, ctx: RenderContext): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([A-Za-z]+[23]?)\}/g)) {
    if (match.index > last) pieces.push({ text: template.slice(last, match.index), label: null });
    if (match[1] === 'people') pieces.push(...people(ctx));
    else pieces.push(resolveSlot(match[1]!, ctx));
    last = match.index + match[0].length;
  }
  if (last < template.length) pieces.push({ text: template.slice(last), label: null });
  return pieces;
}
