import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HashSlots } from '../../../src/core/lint/integrity/hash-slots';
import { normaliseText } from '../../../src/core/lint/integrity/normalise-text';
import { hashString, hashText } from '../../../src/core/lint/integrity/text-hash';

/** A seeded generator so failures reproduce. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('normaliseText', () => {
  test('folds case, punctuation and whitespace', () => {
    assert.equal(normaliseText('  Hello,   WORLD!\n'), 'hello world');
    assert.equal(normaliseText("Don't stop"), 'dont stop');
    assert.equal(normaliseText('a\t-\tb'), 'a b');
    assert.equal(normaliseText('$5 + 3 = 8'), '5 3 8');
    assert.equal(normaliseText('?!...'), '');
  });

  test('NFKC and full case folding for non-ASCII text', () => {
    assert.equal(normaliseText('Ｆｕｌｌ　ｗｉｄｔｈ'), 'full width');
    assert.equal(normaliseText('STRASSE'), normaliseText('straße'));
    assert.equal(normaliseText('ﬁne'), 'fine');
    assert.equal(normaliseText('Café'), normaliseText('Cafe\u0301'));
    assert.equal(normaliseText('«Quoted» — text'), 'quoted text');
    assert.equal(normaliseText('日本語、テキスト。'), '日本語テキスト');
  });
});

describe('hashText', () => {
  test('the one-pass ASCII normalisation hashes exactly what normaliseText gives', () => {
    const rnd = prng(7);
    const alphabet = 'aB Z9\t\n\r.,!?-_"\'()[]{}$+<=>^`|~\x01\x7f';
    for (let n = 0; n < 3000; n++) {
      let s = '';
      const len = Math.floor(rnd() * 20);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      const h = hashText(s);
      const [hi, lo] = hashString(normaliseText(s));
      assert.deepEqual([h.normHi, h.normLo], [hi, lo], JSON.stringify(s));
      assert.equal(h.normEmpty, normaliseText(s) === '');
      assert.deepEqual([h.exactHi, h.exactLo], hashString(s));
    }
  });

  test('non-ASCII text takes the normalising path', () => {
    const a = { ...hashText('Ｈｅｌｌｏ， ｗｏｒｌｄ') };
    const b = { ...hashText('hello world') };
    assert.deepEqual([a.normHi, a.normLo], [b.normHi, b.normLo]);
    assert.notDeepEqual([a.exactHi, a.exactLo], [b.exactHi, b.exactLo]);
  });

  test('no collisions among 200k distinct short texts', () => {
    const seen = new HashSlots();
    for (let i = 0; i < 200000; i++) {
      const h = hashText(`text ${i}`);
      assert.ok(seen.add(h.exactHi, h.exactLo) < 0, `collision at ${i}`);
    }
    assert.equal(seen.size, 200000);
  });
});

describe('HashSlots', () => {
  test('numbers members in order and finds them after growing', () => {
    const slots = new HashSlots();
    for (let i = 0; i < 5000; i++) assert.equal(slots.add(i * 7919, i ^ 0xdeadbeef), ~i);
    for (let i = 0; i < 5000; i++) {
      assert.equal(slots.add(i * 7919, i ^ 0xdeadbeef), i);
      assert.equal(slots.find(i * 7919, i ^ 0xdeadbeef), i);
    }
    assert.equal(slots.find(1, 1), -1);
    // Keys that agree in one half still differ.
    assert.equal(slots.find(7919, 0), -1);
  });
});
