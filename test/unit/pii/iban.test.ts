import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ibanChecksumValid } from '../../../src/core/lint/pii/recognizers/iban';
import { found, foundOf } from './pii-test-helpers';

/**
 * ISO 7064 MOD 97-10 check digits, written out independently of the recognizer: move the
 * country code and `00` behind the BBAN, turn letters into 10–35, and take 98 − (n mod 97).
 */
function withCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.toUpperCase();
  const numeric = [...rearranged].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('');
  const check = 98n - (BigInt(numeric) % 97n);
  return `${country}${check.toString().padStart(2, '0')}${bban}`;
}

function spaced(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

test('iban: check digits computed with BigInt match the published examples', () => {
  assert.equal(withCheckDigits('GB', 'WEST12345698765432'), 'GB82WEST12345698765432');
  assert.equal(withCheckDigits('DE', '370400440532013000'), 'DE89370400440532013000');
  assert.equal(withCheckDigits('NL', 'ABNA0417164300'), 'NL91ABNA0417164300');
});

test('iban: mod-97 validation agrees with the independent computation', () => {
  for (const [country, bban] of [['FR', '20041010050500013M02606'], ['BE', '539007547034'], ['NO', '86011117947'], ['MT', 'MALT011000012345MTLCAST001S']]) {
    const iban = withCheckDigits(country, bban);
    assert.ok(ibanChecksumValid(iban), iban);
    const wrong = `${iban.slice(0, 2)}${String((Number(iban.slice(2, 4)) + 1) % 100).padStart(2, '0')}${iban.slice(4)}`;
    assert.equal(ibanChecksumValid(wrong), false, wrong);
  }
});

test('iban: compact, spaced in fours and lowercase IBANs, exact extent', () => {
  const de = withCheckDigits('DE', '370400440532013000');
  assert.deepEqual(found(`Please wire it to ${de}.`), [`IBAN:${de}`]);
  assert.deepEqual(foundOf('IBAN', `IBAN: ${spaced(de)} (Berlin)`), [spaced(de)]);
  const gb = withCheckDigits('GB', 'NWBK60161331926819');
  assert.deepEqual(foundOf('IBAN', `my iban is ${gb.toLowerCase()}`), [gb.toLowerCase()]);
  // A spaced IBAN followed by more words stops where its country's length ends.
  assert.deepEqual(foundOf('IBAN', `${spaced(gb)} 2024 invoice`), [spaced(gb)]);
  // Two IBANs in a row are two matches.
  const nl = withCheckDigits('NL', 'ABNA0417164300');
  assert.deepEqual(foundOf('IBAN', `${nl} ${gb}`), [nl, gb]);
});

test('iban: not wrong check digits, wrong length for the country, unknown countries or bad grouping', () => {
  const gb = withCheckDigits('GB', 'WEST12345698765432');
  for (const value of [
    `GB83WEST12345698765432`,
    `${gb}1`,
    gb.slice(0, -1),
    `${withCheckDigits('ZZ', 'WEST12345698765432')}`,
    `GB82 WES T123 4569 8765 432`,
    `ref ${gb}X`,
  ]) {
    assert.deepEqual(foundOf('IBAN', value), [], value);
  }
});
