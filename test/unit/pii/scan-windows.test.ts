import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintDocument } from '../../../src/core/lint/lint-document';
import { resolveLintOptions } from '../../../src/core/lint/lint-options';
import { forEachClusterMatch } from '../../../src/core/lint/pii/cluster-scan';
import type { ModelRecognizer } from '../../../src/core/lint/pii/model-recognizer';
import { NO_MATCHES } from '../../../src/core/lint/pii/recognizer';
import { createDefaultRegistry, findPiiInValue, findPiiInValues } from '../../../src/core/lint/pii/registry';
import { MARK_AT, MARK_AWS, MARK_BIRTH, MARK_COLON, MARK_EQUALS, MARK_PEM, MARK_SCHEME, MARK_WWW, valueHints } from '../../../src/core/lint/pii/value-hints';
import { found } from './pii-test-helpers';

// The scan looks only at the windows the value hints point to; these cases sit on the edges of
// those windows, and each expected result is what a scan of the whole value finds.

test('value hints: listed clusters, their digits and dots, and the gates built on them', () => {
  const h = valueHints('paid $2414.99 on 2026-12-10, call +44 (0)20 7946-0958 from 10.0.0.1');
  assert.deepEqual(h.clusters, [17, 27, 8, 0, 35, 53, 13, 0, 59, 67, 5, 3]);
  assert.equal(h.longRun, 13);
  assert.equal(h.digitRun, 13);
  assert.equal(h.dotRun, 3);
  assert.equal(h.fourDigits, true);
  // Clusters shorter than seven characters are not listed; digitRun is still exact.
  const short = valueHints('ticket #00264 costs 12.50');
  assert.deepEqual(short.clusters, []);
  assert.equal(short.longRun, 0);
  assert.equal(short.digitRun, 5);
  assert.equal(short.fourDigits, true);
  assert.equal(valueHints('a 1 b 2').fourDigits, false);
  // A cluster at the very start and one at the very end of the value.
  assert.deepEqual(valueHints('1234567').clusters, [0, 7, 7, 0]);
  assert.deepEqual(valueHints('x 12 34 56 7').clusters, [2, 12, 7, 0]);
});

test('value hints: long tokens at any offset, anchored ones only, and the rare marks', () => {
  assert.deepEqual(valueHints('abcdefghijklmn1').longTokens, [0, 15]);
  assert.deepEqual(valueHints('abcdefghijklmn1 x').longTokens, [0, 15]);
  assert.deepEqual(valueHints('x abcdefghijklm1').longTokens, []);
  assert.deepEqual(valueHints('a b mission-critical c 1ZQA2I4UMWVBGQ7FU3').longTokens, [4, 20, 23, 41]);
  assert.deepEqual(valueHints('supercalifragilisticexpialidocious').longTokens, []);
  const marks = (v: string): number => valueHints(v).marks;
  assert.equal(marks('plain words only'), 0);
  assert.equal(marks('mail a@b.co'), MARK_AT);
  assert.equal(marks('see: https://x.io'), MARK_COLON | MARK_SCHEME);
  assert.equal(marks('a = b, WWW.ACME.IO'), MARK_EQUALS | MARK_WWW);
  assert.equal(marks('-----BEGIN KEY AKIASIA'), MARK_PEM | MARK_AWS);
  assert.deepEqual(valueHints('to GB82WEST1234 and de89 3704').letterDigitPairs, [3, 9, 20]);
});

test('value hints: birth words, in any case, looked for only where a date can be', () => {
  const marks = (v: string): number => valueHints(v).marks;
  for (const word of ['birth', 'BORN', 'stubborn', 'bDay', 'b-day', 'DoB', 'd.o.b', 'geb.', 'Née', 'NÉ LE']) {
    assert.equal(marks(`${word} 12.3.1985`) & MARK_BIRTH, MARK_BIRTH, word);
  }
  for (const text of ['b day 12.3.1985', 'd.o. b 1985', 'ne le 1985', 'né  le 1985', 'nee 1985']) assert.equal(marks(text) & MARK_BIRTH, 0, text);
  // Without a cluster of four digits there is no date to find, so no birth word is looked for.
  assert.equal(marks('born on the 3rd') & MARK_BIRTH, 0);
  // Marks and birth words in one pass: each is found next to the other, even sharing a letter.
  assert.equal(marks('dob:1985-03-12 a@b.co'), MARK_BIRTH | MARK_COLON | MARK_AT);
  assert.equal(marks('-----BEGINée 1985'), MARK_PEM | MARK_BIRTH);
  assert.equal(marks('-----BEGIN 1985'), MARK_PEM);
  assert.equal(marks('ASIA born 1985 www.x.io'), MARK_AWS | MARK_BIRTH | MARK_WWW);
});

test('cluster scan: sticky matches inside the wanted clusters, left to right', () => {
  const value = 'a 1234 5678 90 b 12-34 c 555 0100 1234';
  const seen: string[] = [];
  forEachClusterMatch(value, valueHints(value).clusters, /\d{4}(?!\d)/y, (digits) => digits >= 8, (m, start) => seen.push(`${start}:${m[0]}`));
  assert.deepEqual(seen, ['2:1234', '7:5678', '29:0100', '34:1234']);
});

test('windowed recognizers find what a scan of the whole value finds', () => {
  // An extension whose digits start the next cluster keeps that cluster from starting a number.
  assert.deepEqual(found('call 555 1234 x 123 4567 now'), ['PHONE:555 1234 x 123']);
  assert.deepEqual(found('office 020 7946 0958 ext 12 or (650) 253-0000 x9'), ['PHONE:020 7946 0958 ext 12', 'PHONE:(650) 253-0000 x9']);
  assert.deepEqual(found('ref 2024-01-15, call 020 7946 0958'), ['PHONE:020 7946 0958']);
  // An address starts only where its local part starts, and never inside the one before.
  assert.deepEqual(found('write a@b.co@c.org or x.y@z.io, not icon@2x.png or git@github.com:org/repo.git'), ['EMAIL:a@b.co', 'EMAIL:x.y@z.io']);
  assert.deepEqual(found('IBAN GB82 WEST 1234 5698 7654 32 and DE89370400440532013000 on 2024-01-15'), ['IBAN:GB82 WEST 1234 5698 7654 32', 'IBAN:DE89370400440532013000']);
  assert.deepEqual(found('at 10:30:00 from ::1 and fe80::1ff:fe23:4567:890a via 192.168.1.10'), ['IP_ADDRESS:fe80::1ff:fe23:4567:890a', 'IP_ADDRESS:192.168.1.10']);
  assert.deepEqual(found('password = "hunter2!!" and pwd: s3cr3t99'), ['SECRET:hunter2!!', 'SECRET:s3cr3t99']);
  assert.deepEqual(found('key AKIAABCDEFGHIJKLMNOP and token ghp_abcdefghijklmnopqrstuvwxyz0123456789'), ['SECRET:AKIAABCDEFGHIJKLMNOP', 'SECRET:ghp_abcdefghijklmnopqrstuvwxyz0123456789']);
  assert.deepEqual(found('card 4111 1111 1111 1111, ssn 123-45-6789'), ['CREDIT_CARD:4111 1111 1111 1111']);
  assert.deepEqual(found('born 12 March 1985 in Paris'), ['DATE_OF_BIRTH:12 March 1985']);
});

test('phone: the order regions are tried in and the verdict cache change no score', () => {
  const value = 'call 020 7946 0958 or 030 12345678 or (650) 253-0000';
  const scores = (regions: string[]): number[] => findPiiInValue(value, { phoneRegions: regions }, createDefaultRegistry(), { minScore: 0, entities: ['PHONE'] }).map((m) => m.score);
  const first = scores(['US', 'GB', 'DE']);
  assert.equal(first.length, 3);
  assert.deepEqual(scores(['DE', 'GB', 'US']), first);
  assert.deepEqual(scores(['US', 'GB', 'DE']), first);
});

test('results that found nothing are shared and frozen; findPiiInValues still adds model matches', async () => {
  const registry = createDefaultRegistry();
  const none = findPiiInValue('nothing to see here', {}, registry, { minScore: 0.5 });
  assert.equal(none, NO_MATCHES);
  assert.throws(() => none.push(none[0]!));
  const model: ModelRecognizer = {
    id: 'fake-ner',
    entities: ['PERSON'],
    recognizeBatch: async (values) => values.map(() => [{ entity: 'PERSON' as const, start: 0, end: 4, score: 0.9, recognizer: 'fake-ner' }]),
  };
  const withModel = createDefaultRegistry({ modelRecognizers: [model] });
  const result = await findPiiInValues(['Anna says hi', 'ok'], [{}], withModel, { minScore: 0.5 });
  assert.deepEqual(result.map((r) => r.map((m) => m.entity)), [['PERSON'], ['PERSON']]);
  assert.deepEqual(findPiiInValue('nothing to see here', {}, registry, { minScore: 0.5 }), []);
});

test('linter: repeated short values are scanned once per path and still reported at each place', () => {
  const lines = ['{"who":"a@b.co","note":"x"}', '{"who":"a@b.co","note":"y"}', '{"who":"c@d.io","note":"a@b.co"}'];
  const { findings } = lintDocument(lines.join('\n'), 'jsonl', resolveLintOptions());
  const emails = findings.filter((f) => f.entity === 'EMAIL' && f.scope === 'value');
  const at = (line: number, email: string): string => `${line}:${lines[line - 1]!.lastIndexOf(email) + 1}`;
  assert.deepEqual(emails.map((f) => `${f.line}:${f.column}`), [at(1, 'a@b.co'), at(2, 'a@b.co'), at(3, 'c@d.io'), at(3, 'a@b.co')]);
  assert.deepEqual(emails.map((f) => f.field), ['who', 'who', 'who', 'note']);
});
