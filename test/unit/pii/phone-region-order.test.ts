import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { RegionOrder } from '../../../src/core/lint/pii/recognizers/phone';
import { createDefaultRegistry, findPiiInValue } from '../../../src/core/lint/pii/registry';

test('region order: trunk-prefix regions first; the one vouching most moves ahead, never past a region without a trunk prefix', () => {
  const order = new RegionOrder(['US', 'GB', 'DE', 'FR', 'IN']);
  assert.deepEqual(order.regions, ['GB', 'DE', 'FR', 'IN', 'US']);
  order.vouched(1); // DE: 1 hit, GB: 0
  assert.deepEqual(order.regions, ['DE', 'GB', 'FR', 'IN', 'US']);
  order.vouched(3); // IN: 1 hit, FR: 0
  assert.deepEqual(order.regions, ['DE', 'GB', 'IN', 'FR', 'US']);
  order.vouched(2); // IN: 2 hits, GB: 0
  assert.deepEqual(order.regions, ['DE', 'IN', 'GB', 'FR', 'US']);
  order.vouched(1); // IN: 3 hits, DE: 1
  assert.deepEqual(order.regions, ['IN', 'DE', 'GB', 'FR', 'US']);
  for (let i = 0; i < 10; i++) order.vouched(4); // US never moves ahead of a trunk-prefix region
  assert.deepEqual(order.regions, ['IN', 'DE', 'GB', 'FR', 'US']);
});

/** National-format numbers from a fixed seed: trunk `0` numbers of several lengths and groupings, NANP-shaped ones, and digit runs. */
function nationalNumbers(count: number): string[] {
  let seed = 20250611;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const digits = (n: number): string => Array.from({ length: n }, () => String(next(10))).join('');
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = next(5);
    if (kind === 0) out.push(`0${digits(1 + next(4))} ${digits(5 + next(4))}`);
    else if (kind === 1) out.push(`0${digits(1)} ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`);
    else if (kind === 2) out.push(`0${digits(4)} ${digits(6)}`);
    else if (kind === 3) out.push(`(${2 + next(8)}${digits(2)}) ${digits(3)}-${digits(4)}`);
    else out.push(`${digits(3)} ${digits(4)} ${digits(1 + next(3))}`);
  }
  return out;
}

const REGIONS: CountryCode[] = ['US', 'GB', 'DE', 'FR', 'IN'];

/** The verdict worked out without the recognizer: valid in some region whose trunk prefix, if any, it starts with. */
function validSomewhere(text: string): boolean {
  return REGIONS.some((region) => {
    if (region !== 'US' && !text.startsWith('0')) return false;
    const p = parsePhoneNumberFromString(text, region);
    return Boolean(p && p.isPossible() && p.isValid());
  });
}

test('region order: one registry scanning many numbers in turn finds what a fresh registry finds for each alone', () => {
  const numbers = nationalNumbers(400);
  const seen = createDefaultRegistry();
  const validScores: number[] = [];
  const invalidScores: number[] = [];
  for (const n of numbers) {
    // The field names a phone, so valid and invalid numbers are told apart by score alone.
    const value = `call ${n} today`;
    const ctx = { field: 'phone' };
    const options = { minScore: 0, entities: ['PHONE' as const] };
    const inTurn = findPiiInValue(value, ctx, seen, options);
    const alone = findPiiInValue(value, ctx, createDefaultRegistry(), options);
    assert.deepEqual(inTurn, alone, n);
    if (inTurn.length === 1) (validSomewhere(n) ? validScores : invalidScores).push(inTurn[0].score);
  }
  // Every number is grouped, so its score says whether some region vouched for it: a region
  // skipped or tried wrongly would put a number in the wrong group.
  assert.ok(validScores.length > 40 && invalidScores.length > 40, `${validScores.length} valid, ${invalidScores.length} invalid`);
  assert.ok(Math.min(...validScores) > Math.max(...invalidScores));
});
