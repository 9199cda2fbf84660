import { fakeNamePair } from './fake-names';
import type { SeededRandom } from './seeded-random';

/** RFC 2606 reserves these for examples; mail to them can never reach anyone. */
export const EXAMPLE_DOMAINS = ['example.com', 'example.org', 'example.net'] as const;

/** A fake but valid email address, `firstname.lastname@example.org`, sometimes with two digits. */
export function fakeEmail(_value: string, rng: SeededRandom): string {
  const [first, last] = fakeNamePair(rng).map(toAtom);
  const suffix = rng.int(3) === 0 ? String(rng.between(10, 99)) : '';
  const local = [first || 'user', last].filter(Boolean).join('.') + suffix;
  return `${local}@${rng.pick(EXAMPLE_DOMAINS)}`;
}

/** Lower-case ASCII letters only: faker names may carry accents, apostrophes or spaces. */
function toAtom(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
