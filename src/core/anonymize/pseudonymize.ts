import type { PiiEntity } from '../lint/finding';
import { fakeCard } from './fake-card';
import { fakeDate } from './fake-date';
import { fakeEmail } from './fake-email';
import { fakeIban } from './fake-iban';
import { fakeLocation, fakeOrganization, fakePerson } from './fake-names';
import { fakeIpAddress, fakeUrl } from './fake-network';
import { fakePhone } from './fake-phone';
import { fakeSecret } from './fake-secret';
import { fakeSsn } from './fake-ssn';
import { assertSalt } from './keyed-digest';
import type { AnonymizeOptions } from './operator';
import { redact } from './redact';
import { seededRandomFor, type SeededRandom } from './seeded-random';

const FAKERS: Record<PiiEntity, (value: string, rng: SeededRandom) => string> = {
  EMAIL: fakeEmail,
  PHONE: fakePhone,
  CREDIT_CARD: fakeCard,
  IBAN: fakeIban,
  US_SSN: fakeSsn,
  IP_ADDRESS: fakeIpAddress,
  URL: fakeUrl,
  DATE_OF_BIRTH: fakeDate,
  SECRET: fakeSecret,
  PERSON: fakePerson,
  LOCATION: fakeLocation,
  ORGANIZATION: fakeOrganization,
};
const MAX_ATTEMPTS = 8;

/**
 * Replaces a value by a realistic fake of the same format (valid checksums, reserved example
 * ranges). The fake is a function of (salt, entity, value) only, so one person's email becomes
 * the same fake email everywhere in the workspace and joins across files survive.
 */
export function pseudonymize(entity: PiiEntity, value: string, options: AnonymizeOptions = {}): string {
  assertSalt(options.salt, 'The pseudonymize operator');
  const rng = seededRandomFor(options.salt, ['pseudonymize', entity, value]);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const fake = FAKERS[entity](value, rng);
    if (fake !== value) return fake;
  }
  // Only a value with nothing to randomize (no digits in a "phone") lands here: never echo it.
  return redact(entity);
}
