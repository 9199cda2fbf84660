import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PathNode } from '../../../src/core/dataset/json-path';
import { scanJsonValue } from '../../../src/core/dataset/json-scanner';
import { SingleLine } from '../../../src/core/dataset/line-index';
import { assertEachCharMaps, prng } from './dataset-test-helpers';

const ALPHABET = ['a', 'Z', ' ', '"', '\\', '/', '\n', '\t', '\u0001', '\u001f', 'é', '日', '😀', '\ud800', '\udc00', '\u2028', '@'];

/** Writes a string as JSON, choosing among the legal spellings of each character at random. */
function writeString(value: string, rnd: () => number): string {
  let out = '"';
  for (const ch of value.split('')) {
    const code = ch.charCodeAt(0);
    const hex = '\\u' + code.toString(16).padStart(4, '0');
    const upper = hex.slice(0, 2) + hex.slice(2).toUpperCase();
    if (ch === '"' || ch === '\\' || code < 0x20 || (code >= 0xd800 && code <= 0xdfff && rnd() < 0.5)) {
      const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t' };
      out += short[ch] !== undefined && rnd() < 0.7 ? short[ch] : rnd() < 0.5 ? hex : upper;
    } else if (ch === '/' && rnd() < 0.5) out += '\\/';
    else if (rnd() < 0.05) out += hex;
    else out += ch;
  }
  return out + '"';
}

function randomString(rnd: () => number): string {
  const n = Math.floor(rnd() * 8);
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
  return s;
}

/** A random JSON text (no line breaks) and the strings it holds, in document order. */
function randomJson(rnd: () => number, depth = 0): { text: string; strings: string[] } {
  const ws = () => [' ', '', '', '\t', '\r'][Math.floor(rnd() * 5)];
  const pick = rnd();
  if (depth > 3 || pick < 0.35) {
    const scalar = rnd();
    if (scalar < 0.5) {
      const s = randomString(rnd);
      return { text: writeString(s, rnd), strings: [s] };
    }
    const literals = ['0', '-0', '12', '-3.5e+2', '1E9', '0.25', 'true', 'false', 'null'];
    return { text: literals[Math.floor(rnd() * literals.length)], strings: [] };
  }
  const n = Math.floor(rnd() * 4);
  const parts: string[] = [];
  const strings: string[] = [];
  const isObject = pick < 0.7;
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    const child = randomJson(rnd, depth + 1);
    if (isObject) {
      const key = randomString(rnd);
      if (used.has(key)) continue; // JSON.parse keeps only the last of repeated keys
      used.add(key);
      parts.push(ws() + writeString(key, rnd) + ws() + ':' + ws() + child.text + ws());
    } else parts.push(ws() + child.text + ws());
    strings.push(...child.strings);
  }
  const body = parts.join(',');
  return { text: isObject ? `{${body}${ws()}}` : `[${body}${ws()}]`, strings };
}

function scan(text: string) {
  return scanJsonValue(text, 0, text.length, 0, new SingleLine(1, 0), { keys: true, paths: PathNode.root() });
}

describe('JSON scanner agrees with JSON.parse', () => {
  test('valid texts: no error, the same strings, exact mappings', () => {
    const rnd = prng(7);
    for (let n = 0; n < 3000; n++) {
      const { text, strings } = randomJson(rnd);
      JSON.parse(text); // the generator writes valid JSON
      const result = scan(text);
      assert.equal(result.errorAt, -1, `${text}: ${result.error}`);
      assert.deepEqual(
        result.fields.map((f) => f.value),
        strings,
        text,
      );
      for (const field of result.fields) assertEachCharMaps(text, field, (raw) => JSON.parse(`"${raw}"`) as string);
      for (const key of result.keys!) assertEachCharMaps(text, key, (raw) => JSON.parse(`"${raw}"`) as string);
    }
  });

  test('mutated texts: rejected exactly when JSON.parse rejects them', () => {
    const rnd = prng(11);
    const noise = ['{', '}', '[', ']', '"', ',', ':', '\\', 'u', '0', '9', '-', '+', '.', 'e', 't', 'n', ' ', '\u0000', '\u007f', 'x'];
    let rejected = 0;
    for (let n = 0; n < 6000; n++) {
      let text = randomJson(rnd).text;
      const edits = 1 + Math.floor(rnd() * 2);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(rnd() * (text.length + 1));
        const op = rnd();
        const ch = noise[Math.floor(rnd() * noise.length)];
        if (op < 0.33) text = text.slice(0, at) + text.slice(at + 1);
        else if (op < 0.66) text = text.slice(0, at) + ch + text.slice(at);
        else text = text.slice(0, at) + ch + text.slice(at + 1);
      }
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      const result = scan(text);
      assert.equal(result.errorAt === -1, valid, `${JSON.stringify(text)}: scanner says ${result.error || 'valid'}`);
      if (!valid) {
        rejected++;
        assert.ok(result.errorAt >= 0 && result.errorAt <= text.length);
      }
    }
    assert.ok(rejected > 1000, 'the mutations do produce invalid texts');
  });

  test('literal edge cases', () => {
    const cases = ['01', '1.', '.5', '-', '1e', '1e+', '--1', '+1', 'tru', 'nul', 'falsey', '[1,]', '{"a":1,}', '{,}', '[,1]', '{"a"}', '{"a":}', '{1:2}', "'a'", '"\\x"', '"\\u12"', '"\\u12g4"', '""', '[]', '{}', ' 1 ', '1 2', '"a" "b"', '[[[]]]', '-0.0e-0'];
    for (const text of cases) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      assert.equal(scan(text).errorAt === -1, valid, text);
    }
  });

  test('deep nesting does not overflow the stack', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + '"deep"' + ']'.repeat(depth);
    const result = scan(text);
    assert.equal(result.errorAt, -1);
    assert.equal(result.fields[0].value, 'deep');
    assert.equal(result.fields[0].path, '[0]'.repeat(depth));
  });
});

describe('search reuse between calls', () => {
  test('calls on one text may go back to earlier ranges', () => {
    const text = '{"a":"x\\ny"}\n{"b":"p\\tq"}';
    const second = text.indexOf('\n') + 1;
    const lines = new SingleLine(1, 0);
    const later = scanJsonValue(text, second, text.length, 0, lines, { textId: 42 });
    const earlier = scanJsonValue(text, 0, second - 1, 0, lines, { textId: 42 });
    assert.equal(later.fields[0].value, 'p\tq');
    assert.equal(earlier.fields[0].value, 'x\ny');
    assert.equal(earlier.fields[0].toSourceOffset(1), text.indexOf('\\n'));
  });
});
