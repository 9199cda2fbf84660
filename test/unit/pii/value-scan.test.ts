import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { valueHints, valueHintsWithoutWasm, type ValueHints } from '../../../src/core/lint/pii/value-hints';
import { valueScanAvailable } from '../../../src/core/lint/pii/value-scan';

const PII = join(__dirname, '../../../src/core/lint/pii');

/** Every field of the hints, the lazy ones included. */
function all(h: ValueHints): unknown {
  return {
    marks: h.marks,
    fourDigits: h.fourDigits,
    longRun: h.longRun,
    dotRun: h.dotRun,
    clusters: h.clusters,
    longTokens: h.longTokens,
    tokenRun: h.tokenRun,
    digitRun: h.digitRun,
    letterDigitPairs: h.letterDigitPairs,
  };
}

/** Letter-digit pairs as the plain regex lists them (value-hints.ts runs it only where the scan did not). */
function referencePairs(value: string): number[] {
  return [...value.matchAll(/[A-Za-z]{2}\d\d/g)].map((m) => m.index);
}

function expectSame(value: string): void {
  const wasm = valueHints(value);
  const js = valueHintsWithoutWasm(value);
  const label = `${value.length} units: ${JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)}`;
  assert.deepEqual(all(wasm), all(js), label);
  assert.deepEqual(wasm.letterDigitPairs, referencePairs(value), label);
}

test('value scan: the WebAssembly module loads here (else the comparisons below compare JavaScript with itself)', () => {
  assert.equal(valueScanAvailable(), true);
});

test('value scan: value-scan-wasm.ts was generated from the current value-scan.wat', () => {
  const wat = readFileSync(join(PII, 'value-scan.wat'), 'utf8');
  const generated = readFileSync(join(PII, 'value-scan-wasm.ts'), 'utf8');
  assert.equal(/sha256 ([0-9a-f]{64})/.exec(generated)?.[1], createHash('sha256').update(wat).digest('hex'), 'run node scripts/build-wasm.mjs');
});

test('value scan: hand-picked values agree with the JavaScript passes', () => {
  const cases = [
    '', 'a', '1234', '1234567', '1.2.3.4', '192.168.0.1', '(555) 123-4567', '+44 (0)20 7946-0958', '12  34', '1...2...3...4',
    'DE89 3704 0044 0532 0130 00', 'de89370400440532013000', 'ab12cd34', 'x@y.z', 'http://x.org', 'WWW.X.ORG', 'wWw.x', 'www.',
    '-----BEGIN RSA', '----BEGIN', 'AKIAIOSFODNN7EXAMPLE', 'ASIA', 'AKIB', 'a=b', 'a:b', 'born 12.03.1985', 'D.O.B. 1985',
    'née 1985', 'NÉE 1985', 'né le 1985', 'b-day 1985', 'geb. 1985', 'dob1985', 'b1985', '1985 b', 'é1985',
    'ghp_abcdefghijklmnop123', 'supercalifragilisticexpialidocious', 'abcdefghijklmn1', 'abcdefghijklmno', 'a/b/c/d/e/f/g/h',
    '1ZQA2I4UMWVBGQ7FU3', 'tracking code 1ZGHQ6TV5NENJ13AUD.', '€12,043.40', '１２３４５６７', '٠١٢٣٤٥٦٧٨٩', 'İstanbul 1234567',
    '\u0130\u0131\u0140\u0160 5551234567', '😀😀 555 123 4567 😀', '中文 192.168.1.1 中文', 'Ａ＠Ｂ', '\u0000\u0000 1234567 \u0000',
  ];
  for (const value of cases) expectSame(value);
});

test('value scan: random values agree with the JavaScript passes, at every length and offset across the 16-unit blocks', () => {
  let seed = 20250611;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const pick = (s: string): string => s[Math.floor(random() * s.length)];
  // Characters every pass looks at, letters the pairs and tokens need, and units that narrow to 255 or 0.
  const alphabets = [
    '0123456789 .()+/-x',
    '0123456789 .()+/-_:=@wW.AKISBEGINbBirthodaygeé-É',
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+/- .',
    'bBiIrRtThHoOnNdDaAyYgGeElLéÉ-. :/=@wWkKsSAI1234',
    '0123456789.-: éüß€ĀİŀŠ中文ｱ１２\u00ff\u0100\u7fff\u8000\uffff',
  ];
  const edges = [0, 1, 2, 3, 14, 15, 16, 17, 18, 19, 29, 30, 31, 32, 33, 34, 47, 48, 49, 63, 64, 65];
  for (let i = 0; i < 30000; i++) {
    const alphabet = alphabets[i % alphabets.length];
    const n = i < 3000 ? edges[i % edges.length] : Math.floor(random() * (random() < 0.9 ? 80 : 400));
    let s = '';
    for (let k = 0; k < n; k++) s += pick(alphabet);
    expectSame(s);
  }
});

test('value scan: runs of digits, joiners and tokens that cross block edges, after prefixes of every length', () => {
  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const pieces = [
    '555-123-4567', '(555) 123 4567', '1.2.3.4', '10.0.0.255', '12.03.1985', 'DE89370400440532013000', 'ab12', '1234',
    'ghp_abcdefghijklmnop123456', 'abcdefghijklmnopqrstuvwxyz', 'a-b-c-d-e-f-g-h-i', 'born', 'www.', 'AKIA', '-----BEGIN',
    'x@y', '://', '=', ' ', '  ', '...', ' - ', 'é', 'né le', '中', '😀',
  ];
  for (let i = 0; i < 20000; i++) {
    let s = 'x'.repeat(i % 40);
    const count = 1 + Math.floor(random() * 6);
    for (let k = 0; k < count; k++) s += pieces[Math.floor(random() * pieces.length)];
    expectSame(s);
  }
});

test('value scan: long values, and short ones after them (the module keeps its grown memory)', () => {
  const long = 'Call 555-123-4567 or mail a@b.co; token ghp_abcdefghijklmnop123456, born 1985. '.repeat(3000);
  expectSame(long);
  expectSame(long.slice(0, 40_003));
  expectSame('555 123 4567');
  expectSame('x'.repeat(100_000) + '1234567');
  expectSame('a'.repeat(70_000));
  // The longest value the module takes (1 << 20 units), and one past it (the JavaScript passes).
  const edge = '555 123 4567 ghp_abcdefghijklmnop123456 '.repeat(30_000).slice(0, 1 << 20);
  expectSame(edge);
  expectSame(edge + '1234567');
});
