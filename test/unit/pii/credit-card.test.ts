import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cardScheme, luhnValid } from '../../../src/core/lint/pii/recognizers/credit-card';
import { found, foundOf, scoreOf } from './pii-test-helpers';

// Luhn sums worked by hand (double every second digit from the right, subtract 9 above 9):
// 4111 1111 1111 1111: doubled 8 + 7×2 = 22, undoubled 8×1 = 8, total 30.
// 5555 5555 5555 4444: undoubled 4+4+6×5 = 38, doubled 8+8+6×1 = 22, total 60.
// 3782 822463 10005 (Amex): undoubled 5+0+1+6+2+8+8+3 = 33, doubled 0+0+6+8+4+4+5 = 27, total 60.
// 2221 0000 0000 0009 (Mastercard 2-series): undoubled 9+1+2 = 12, doubled 4+4 = 8, total 20.
// 6011 1111 1111 1117 (Discover): undoubled 7+6×1+0 = 13, doubled 7×2 + (12→3) = 17, total 30.
// 3530 1113 3330 0000 (JCB): undoubled 12, doubled 28, total 40.
// 9111 1111 1111 1110: Luhn-valid (9+14+7+0 = 30) but no issuer uses 9.
const VALID = ['4111111111111111', '5555555555554444', '378282246310005', '2221000000000009', '6011111111111117', '3530111333300000'];

test('credit card: Luhn and issuer prefixes as worked out by hand', () => {
  for (const n of VALID) assert.ok(luhnValid(n), n);
  assert.equal(luhnValid('4111111111111112'), false);
  assert.equal(luhnValid('9111111111111110'), true);
  assert.deepEqual(VALID.map(cardScheme), ['visa', 'mastercard', 'amex', 'mastercard', 'discover', 'jcb']);
  assert.equal(cardScheme('9111111111111110'), undefined);
  // Mastercard's 2-series ends at 2720.
  assert.equal(cardScheme('2721000000000000'), undefined);
  // Visa is 13, 16 or 19 digits.
  assert.equal(cardScheme('41111111111111'), undefined);
});

test('credit card: printed groups with one separator, Amex 4-6-5, bare runs', () => {
  assert.deepEqual(found('Card: 4111 1111 1111 1111, exp 12/27'), ['CREDIT_CARD:4111 1111 1111 1111']);
  assert.deepEqual(foundOf('CREDIT_CARD', 'mc 5555-5555-5555-4444.'), ['5555-5555-5555-4444']);
  assert.deepEqual(foundOf('CREDIT_CARD', 'amex 3782 822463 10005'), ['3782 822463 10005']);
  assert.deepEqual(foundOf('CREDIT_CARD', 'charged to 2221000000000009'), ['2221000000000009']);
  assert.ok((scoreOf('CREDIT_CARD', 'my card 6011111111111117', '6011111111111117') ?? 0) > (scoreOf('CREDIT_CARD', 'x 6011111111111117', '6011111111111117') ?? 1));
});

test('credit card: not Luhn-invalid, unknown issuers, mixed separators, odd groups or longer digit runs', () => {
  for (const value of [
    'card 4111 1111 1111 1112',
    'card 9111 1111 1111 1110',
    'card 4111-1111 1111 1111',
    'card 41 1111 1111 1111 11',
    'id 44111111111111111111',
    'amount 4111111111111111.50',
  ]) {
    assert.deepEqual(foundOf('CREDIT_CARD', value), [], value);
  }
});
