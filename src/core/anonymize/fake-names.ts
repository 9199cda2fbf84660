import { Faker, base, en, type Randomizer } from '@faker-js/faker';
import type { SeededRandom } from './seeded-random';

// Only the English locale is bundled (about 400 KB minified); the full faker is many megabytes.
let instance: Faker | undefined;
let current: SeededRandom | undefined;

/**
 * Faker draws from our keyed generator instead of its own Mersenne Twister, whose seeding
 * (about 90 µs) dominated pseudonymization. `seed` is a no-op: each value sets `current`.
 */
const randomizer: Randomizer = {
  next: () => {
    if (!current) throw new Error('fake-names: no generator set');
    // 53 random bits, like Math.random.
    return (current.next() * 2 ** 21 + (current.next() >>> 11)) / 2 ** 53;
  },
  seed: () => undefined,
};

/** The shared faker instance drawing from `rng`; synchronous use only, so calls never interleave. */
function seededFaker(rng: SeededRandom): Faker {
  instance ??= new Faker({ locale: [en, base], randomizer });
  current = rng;
  return instance;
}

const HONORIFIC = /^(mr|mrs|ms|miss|mx|dr|prof|sir)\.?$/i;

/**
 * A fake person name with the same number of parts as the original (first / first last /
 * first middle last); a leading title such as `Dr.` and an all-caps spelling are kept. Faker's
 * output depends on its version, so an upgrade may change PERSON/LOCATION/ORGANIZATION fakes.
 */
export function fakePerson(value: string, rng: SeededRandom): string {
  const faker = seededFaker(rng);
  const parts = value.trim().split(/\s+/).filter(Boolean);
  const title = parts.length > 1 && HONORIFIC.test(parts[0]) ? parts.shift() : undefined;
  const names = [faker.person.firstName()];
  if (parts.length >= 3) names.push(faker.person.middleName());
  if (parts.length >= 2) names.push(faker.person.lastName());
  return matchCase(value, [title, ...names].filter(Boolean).join(' '));
}

/** A fake city name. */
export function fakeLocation(value: string, rng: SeededRandom): string {
  return matchCase(value, seededFaker(rng).location.city());
}

/** A fake company name. It may contain a comma (`Lowe, Bruen and Marquardt`), so escape it for CSV. */
export function fakeOrganization(value: string, rng: SeededRandom): string {
  return matchCase(value, seededFaker(rng).company.name());
}

/** A faker-generated first name, last name pair for building other fakes (email local parts). */
export function fakeNamePair(rng: SeededRandom): [string, string] {
  const faker = seededFaker(rng);
  return [faker.person.firstName(), faker.person.lastName()];
}

function matchCase(original: string, fake: string): string {
  const isAllCaps = /[A-Z]/.test(original) && original === original.toUpperCase();
  return isAllCaps ? fake.toUpperCase() : fake;
}
