// Fake personal values for the benchmark corpus, in the formats people actually type them.
// Everything comes from the seeded faker instance passed in, so a seed fixes every value.
import type { Faker } from '@faker-js/faker';

/** The entities the generator plants, named as the linter names them. */
export const PLANTED_ENTITIES = ['EMAIL', 'PHONE', 'CREDIT_CARD', 'IBAN', 'IP_ADDRESS', 'URL'] as const;
export type PlantedEntity = (typeof PLANTED_ENTITIES)[number];

/** Share of each planted entity among records that carry one (weights, not percentages). */
const ENTITY_WEIGHTS: Array<{ weight: number; value: PlantedEntity }> = [
  { weight: 25, value: 'EMAIL' },
  { weight: 30, value: 'PHONE' },
  { weight: 12, value: 'CREDIT_CARD' },
  { weight: 10, value: 'IBAN' },
  { weight: 10, value: 'IP_ADDRESS' },
  { weight: 13, value: 'URL' },
];

function digits(f: Faker, n: number, firstFrom = 0): string {
  let s = String(f.number.int({ min: firstFrom, max: 9 }));
  for (let i = 1; i < n; i++) s += String(f.number.int(9));
  return s;
}

function usPhone(f: Faker): string {
  const area = f.helpers.arrayElement(['212', '213', '305', '312', '404', '415', '503', '512', '617', '646', '702', '713', '206', '303', '818', '919']);
  let exchange = digits(f, 3, 2);
  if (exchange === '555' || exchange.endsWith('11')) exchange = '482';
  const line = digits(f, 4);
  return f.helpers.arrayElement([
    `(${area}) ${exchange}-${line}`,
    `${area}-${exchange}-${line}`,
    `${area}.${exchange}.${line}`,
    `+1 ${area} ${exchange} ${line}`,
    `+1-${area}-${exchange}-${line}`,
    `+1${area}${exchange}${line}`,
    `1 (${area}) ${exchange}-${line}`,
  ]);
}

function gbPhone(f: Faker): string {
  const kind = f.number.int(2);
  if (kind === 0) {
    const [a, b] = [digits(f, 3), digits(f, 4)];
    return f.helpers.arrayElement([`020 7${a} ${b}`, `+44 20 7${a} ${b}`, `+44 (0)20 7${a} ${b}`]);
  }
  if (kind === 1) {
    const [a, b] = [`7${f.number.int({ min: 4, max: 9 })}${digits(f, 2)}`, digits(f, 6)];
    return f.helpers.arrayElement([`0${a} ${b}`, `+44 ${a} ${b}`, `0${a}${b}`]);
  }
  const [a, b] = [digits(f, 3, 2), digits(f, 4)];
  return f.helpers.arrayElement([`0161 ${a} ${b}`, `+44 161 ${a} ${b}`]);
}

function dePhone(f: Faker): string {
  const kind = f.number.int(2);
  if (kind === 0) {
    const n = digits(f, 8, 2);
    return f.helpers.arrayElement([`030 ${n}`, `+49 30 ${n}`, `(030) ${n.slice(0, 4)} ${n.slice(4)}`]);
  }
  if (kind === 1) {
    const prefix = f.helpers.arrayElement(['151', '160', '170', '176']);
    const n = digits(f, 8, 1);
    return f.helpers.arrayElement([`0${prefix} ${n}`, `+49 ${prefix} ${n}`, `+49 (0)${prefix} ${n}`, `0${prefix}-${n}`]);
  }
  const n = digits(f, 7, 2);
  return f.helpers.arrayElement([`089 ${n}`, `+49 89 ${n}`]);
}

function frPhone(f: Faker): string {
  const first = f.helpers.arrayElement(['1', '2', '3', '4', '5', '6', '7']);
  const pairs = [digits(f, 2), digits(f, 2), digits(f, 2), digits(f, 2)];
  return f.helpers.arrayElement([
    `0${first} ${pairs.join(' ')}`,
    `0${first}.${pairs.join('.')}`,
    `+33 ${first} ${pairs.join(' ')}`,
    `+33 (0)${first} ${pairs.join(' ')}`,
    `0${first}${pairs.join('')}`,
  ]);
}

function inPhone(f: Faker): string {
  const a = digits(f, 5, 6);
  const b = digits(f, 5);
  return f.helpers.arrayElement([`+91 ${a} ${b}`, `${a} ${b}`, `+91-${a}${b}`, `0${a} ${b}`]);
}

function otherInternationalPhone(f: Faker): string {
  return f.helpers.arrayElement([
    () => `+61 2 ${digits(f, 4, 8)} ${digits(f, 4)}`,
    () => `+81 3-${digits(f, 4, 1)}-${digits(f, 4)}`,
    () => `+55 11 9${digits(f, 4)}-${digits(f, 4)}`,
    () => `+34 6${digits(f, 2)} ${digits(f, 3)} ${digits(f, 3)}`,
    () => `+39 06 ${digits(f, 4, 1)} ${digits(f, 4)}`,
    () => `+31 20 ${digits(f, 3, 2)} ${digits(f, 4)}`,
  ])();
}

/** A phone number in one of several national and international formats. */
export function fakePhone(f: Faker): string {
  return f.helpers.weightedArrayElement([
    { weight: 35, value: usPhone },
    { weight: 20, value: gbPhone },
    { weight: 15, value: dePhone },
    { weight: 12, value: frPhone },
    { weight: 10, value: inPhone },
    { weight: 8, value: otherInternationalPhone },
  ])(f);
}

/** A Luhn-valid card number, grouped by spaces, dashes or not at all. */
export function fakeCardNumber(f: Faker): string {
  const issuer = f.helpers.arrayElement(['visa', 'mastercard', 'amex', 'discover']);
  const d = f.finance.creditCardNumber({ issuer }).replace(/\D/g, '');
  const sep = f.helpers.arrayElement([' ', '-', '', ' ']);
  const groups = d.length === 15 ? [d.slice(0, 4), d.slice(4, 10), d.slice(10)] : (d.match(/.{1,4}/g) ?? [d]);
  return groups.join(sep);
}

/** A checksum-valid IBAN, printed in groups of four or as one run. */
export function fakeIban(f: Faker): string {
  const countryCode = f.helpers.arrayElement(['DE', 'FR', 'GB', 'NL', 'ES', 'IT', 'CH', 'BE']);
  return f.finance.iban({ formatted: f.datatype.boolean(0.6), countryCode });
}

function fakeEmail(f: Faker): string {
  if (f.datatype.boolean(0.6)) return f.internet.email();
  const first = f.person.firstName().toLowerCase().replace(/[^a-z]/g, '');
  const last = f.person.lastName().toLowerCase().replace(/[^a-z]/g, '');
  return `${first}.${last}@${f.internet.domainName()}`;
}

/** A unicast address someone could be reached at: reserved, loopback and multicast ranges point at no one. */
function fakeIp(f: Faker): string {
  if (!f.datatype.boolean(0.8)) return f.internet.ipv6();
  for (;;) {
    const ip = f.internet.ipv4();
    const [a, b] = ip.split('.').map(Number) as [number, number];
    if (a >= 1 && a < 224 && a !== 127 && !(a === 169 && b === 254)) return ip;
  }
}

function fakePersonalUrl(f: Faker): string {
  const user = f.internet.username().toLowerCase().replace(/[^a-z0-9._-]/g, '');
  return f.helpers.arrayElement([
    `https://${f.internet.domainName()}/users/${user}`,
    `https://www.${f.internet.domainName()}/profile/${user}?tab=photos`,
    `http://${user}.${f.internet.domainWord()}.net/`,
    `https://drive.${f.internet.domainName()}/share/${f.string.alphanumeric(12)}`,
  ]);
}

/** Sentences a user (or an assistant quoting them) writes around one personal value. */
const TEMPLATES: Record<PlantedEntity, Array<(v: string) => string>> = {
  EMAIL: [
    (v) => `You can reach me at ${v} if anything is unclear.`,
    (v) => `Please send the invoice to ${v}, not to the old address.`,
    (v) => `My login is ${v} but the reset link never arrives.`,
    (v) => `CC ${v} on your reply so my manager sees it.`,
  ],
  PHONE: [
    (v) => `Call me on ${v} after 5pm, I'm in meetings until then.`,
    (v) => `My number is ${v} in case the courier needs it.`,
    (v) => `The driver can ring ${v} when he is outside the building.`,
    (v) => `Text ${v} if the delivery is going to be late.`,
  ],
  CREDIT_CARD: [
    (v) => `My card ${v} was charged twice for the same order.`,
    (v) => `I paid with the card ending in the number ${v}, can you check it?`,
    (v) => `Please charge the renewal to ${v} instead of PayPal.`,
  ],
  IBAN: [
    (v) => `Please refund the amount to my IBAN ${v} this week.`,
    (v) => `Our company account is ${v}, reference the invoice number.`,
    (v) => `The transfer to ${v} bounced back yesterday.`,
  ],
  IP_ADDRESS: [
    (v) => `The server at ${v} keeps timing out when I upload files.`,
    (v) => `Logins from ${v} were blocked by the firewall this morning.`,
    (v) => `I ssh into ${v} and the logs show the same error.`,
  ],
  URL: [
    (v) => `My profile is at ${v} if you want to check the settings.`,
    (v) => `I uploaded the scans of my passport to ${v} for you.`,
    (v) => `See ${v} for my portfolio and previous work.`,
  ],
};

/** Picks an entity by the corpus weights. */
export function pickEntity(f: Faker): PlantedEntity {
  return f.helpers.weightedArrayElement(ENTITY_WEIGHTS);
}

/** One sentence carrying one fake value of the given entity, and the value itself. */
export function piiSentence(f: Faker, entity: PlantedEntity): { sentence: string; value: string } {
  const value = {
    EMAIL: fakeEmail,
    PHONE: fakePhone,
    CREDIT_CARD: fakeCardNumber,
    IBAN: fakeIban,
    IP_ADDRESS: fakeIp,
    URL: fakePersonalUrl,
  }[entity](f);
  return { sentence: f.helpers.arrayElement(TEMPLATES[entity])(value), value };
}
