import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MARK_AT, MARK_AWS, MARK_BIRTH, MARK_COLON, MARK_EQUALS, MARK_PEM, MARK_SCHEME, MARK_WWW, valueHints } from '../../../src/core/lint/pii/value-hints';

test('value hints: digit clusters across single separators', () => {
  assert.equal(valueHints('call +44 (0)20 7946-0958 now').digitRun, 13);
  assert.equal(valueHints('a 12 b 34').digitRun, 2);
  assert.equal(valueHints('12   34').digitRun, 2);
  assert.equal(valueHints('no digits at all').digitRun, 0);
  assert.equal(valueHints('192.168.0.1').digitRun, 8);
});

test('value hints: long token runs that hold a digit or _+/-', () => {
  const h = valueHints('x ghp_abcdefghijklmnop123 and supercalifragilisticexpialidocious');
  assert.equal(h.tokenRun, 23);
  assert.deepEqual(h.longTokens, [2, 25]);
  assert.equal(valueHints('well-known words').tokenRun, 10);
});

/** The marks as one regex scan finds them (the straightforward way; the hints use indexOf and a `b` walk). */
function referenceMarks(value: string, fourDigits: boolean): number {
  let marks = 0;
  if (value.includes('@')) marks |= MARK_AT;
  if (value.includes(':')) marks |= MARK_COLON;
  if (value.includes('://')) marks |= MARK_SCHEME;
  if (value.includes('=')) marks |= MARK_EQUALS;
  if (/www\.|WWW\./.test(value)) marks |= MARK_WWW;
  if (value.includes('-----BEGIN')) marks |= MARK_PEM;
  if (/AKIA|ASIA/.test(value)) marks |= MARK_AWS;
  if (fourDigits && /b(?:irth|orn|-?day)|d(?:ob|\.o\.b)|geb|n[éÉ](?:e| le)/i.test(value)) marks |= MARK_BIRTH;
  return marks;
}

test('value hints: marks agree with a plain regex scan, birth words in any case and place', () => {
  const cases = [
    'born 12.03.1985', 'BORN 1985', 'DoB: 1985-01-02', 'd.o.b 1985', 'D.O.B. 1985', 'dob1985', 'b-day 1985', 'B-DAY 1985',
    'bday 1985', 'Birthday 1985', 'geb. 1985', 'GEB 1985', 'née 1985', 'NÉE 1985', 'né le 1985', 'Né Le 1985', 'ne le 1985',
    'b.o.b 1985', 'd-o-b 1985', 'bir th 1985', 'bor n 1985', 'b--day 1985', 'nee 1985', 'ñée 1985', 'dob', '-----BEGIN née 1985',
    'AKIASIA 1985', 'www.x.org 1985', 'WWW.X 1985', 'a:b 1985', 'http://x 1985', 'a=b', 'x@y.z', 'b', 'B', 'é', 'Éb', 'borN1234',
  ];
  // Random strings over the characters the words and marks are made of.
  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const alphabet = 'bBiIrRtThHoOnNdDaAyYgGeElLéÉ-. :/=@wWkKsSAI1234';
  for (let i = 0; i < 20000; i++) {
    let s = '';
    const n = 1 + Math.floor(random() * 12);
    for (let k = 0; k < n; k++) s += alphabet[Math.floor(random() * alphabet.length)];
    cases.push(random() < 0.5 ? `${s} 1985` : s);
  }
  for (const value of cases) {
    const h = valueHints(value);
    assert.equal(h.marks, referenceMarks(value, h.fourDigits), JSON.stringify(value));
  }
});


/** Clusters as a forward regex scan lists them (the hints walk back from each end instead, reading up to three characters before a value's start). */
function referenceClusters(value: string): number[] {
  const out: number[] = [];
  for (const m of value.matchAll(/\d(?:[ .()+/-]{0,2}\d)*/g)) {
    const digits = m[0].replace(/\D/g, '').length;
    const dots = [...m[0].matchAll(/(?<=\d)\.(?=\d)/g)].length;
    if (digits >= 4 && (digits >= 7 || dots >= 3)) out.push(m.index, m.index + m[0].length, digits, dots);
  }
  return out;
}

test('value hints: clusters agree with a forward regex scan, at the edges of the value too', () => {
  const cases = ['1234567', '1.2.3.4', ' 1.2.3.4', '1.2.3.4 ', '(555) 123-4567', '+1 (555) 123 4567', '12 34', '1..2..3..4', 'x1 2 3 4 5 6 7y'];
  let seed = 11;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const alphabet = '0123456789 .()+/-x';
  for (let i = 0; i < 20000; i++) {
    let s = '';
    const n = 1 + Math.floor(random() * 16);
    for (let k = 0; k < n; k++) s += alphabet[Math.floor(random() * (k % 3 === 0 ? alphabet.length : 10))];
    cases.push(s);
  }
  for (const value of cases) {
    const h = valueHints(value);
    const expected = referenceClusters(value);
    assert.deepEqual(h.clusters, expected, JSON.stringify(value));
    assert.equal(h.longRun, Math.max(0, ...expected.filter((_, i) => i % 4 === 2)), JSON.stringify(value));
    assert.equal(h.fourDigits, /\d(?:[ .()+/-]{0,2}\d){3,}/.test(value), JSON.stringify(value));
  }
});
