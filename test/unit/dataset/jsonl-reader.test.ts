import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readDocument } from '../../../src/core/dataset/read-document';
import { fieldAt, indexOfOnly, prng, snapshot, sourceOf } from './dataset-test-helpers';

/** Reads one JSONL line and returns the field at `path` of its only record. */
function readOne(line: string, path = 'a') {
  const result = readDocument(line, 'jsonl');
  assert.deepEqual(result.problems, []);
  assert.equal(result.records.length, 1);
  return fieldAt(result.records[0], path);
}

describe('JSONL escapes map back to exact source characters', () => {
  // Each case: the raw escape as written in the file, and the character(s) it decodes to.
  const cases: Array<[name: string, raw: string, decoded: string]> = [
    ['quote', '\\"', '"'],
    ['backslash', '\\\\', '\\'],
    ['solidus', '\\/', '/'],
    ['backspace', '\\b', '\b'],
    ['form feed', '\\f', '\f'],
    ['newline', '\\n', '\n'],
    ['carriage return', '\\r', '\r'],
    ['tab', '\\t', '\t'],
    ['BMP \\u escape', '\\u00e9', 'é'],
    ['upper-case hex', '\\u00C9', 'É'],
    ['surrogate pair escape', '\\ud83d\\ude00', '😀'],
    ['lone surrogate escape', '\\ud800', '\ud800'],
    ['raw non-ASCII', 'é', 'é'],
    ['raw astral', '😀', '😀'],
  ];
  for (const [name, raw, decoded] of cases) {
    test(name, () => {
      const text = `{"a":"left ${raw} right"}`;
      const field = readOne(text);
      assert.equal(field.value, (JSON.parse(text) as { a: string }).a);
      assert.equal(field.value, `left ${decoded} right`);
      const s = field.value.indexOf(decoded);
      const e = s + decoded.length;
      // Expected raw source: found by searching the literal, not through the reader.
      const rawAt = indexOfOnly(text, raw);
      assert.equal(field.toSourceOffset(s), rawAt);
      assert.equal(field.toSourceOffset(e), rawAt + raw.length);
      assert.equal(sourceOf(text, field, s, e), raw);
      // Text around the escape keeps its identity mapping.
      assert.equal(sourceOf(text, field, 0, 5), 'left ');
      assert.equal(sourceOf(text, field, e), ' right');
      assert.equal(sourceOf(text, field), text.slice(indexOfOnly(text, 'left'), text.lastIndexOf('"')));
    });
  }

  test('an offset inside an escaped surrogate pair maps to the escape start', () => {
    const text = '{"a":"x\\ud83d\\ude00y"}';
    const field = readOne(text);
    assert.equal(field.value, 'x😀y');
    const pairAt = indexOfOnly(text, '\\ud83d');
    assert.equal(field.toSourceOffset(1), pairAt);
    assert.equal(field.toSourceOffset(2), pairAt); // between the two halves
    assert.equal(field.toSourceOffset(3), indexOfOnly(text, 'y'));
  });

  test('a raw astral character maps half by half', () => {
    const text = '{"a":"x😀y"}';
    const field = readOne(text);
    const at = indexOfOnly(text, '😀');
    assert.equal(field.toSourceOffset(1), at);
    assert.equal(field.toSourceOffset(2), at + 1);
    assert.equal(field.toSourceOffset(3), at + 2);
  });

  test('every decoded character maps to source that decodes to it', () => {
    const text = '{"a":"\\"q\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u0041\\u00e9 é 😀 \\ud83d\\ude00 \\udc00 end"}';
    const field = readOne(text);
    assert.equal(field.value, (JSON.parse(text) as { a: string }).a);
    let last = -1;
    for (let i = 0; i < field.value.length; i++) {
      const from = field.toSourceOffset(i);
      assert.ok(from >= last, `offsets are monotonic at ${i}`);
      last = from;
      const code = field.value.charCodeAt(i);
      const insidePair = code >= 0xdc00 && code <= 0xdfff && field.toSourceOffset(i) === field.toSourceOffset(i - 1);
      if (insidePair) continue;
      const isHigh = code >= 0xd800 && code <= 0xdbff && i + 1 < field.value.length;
      const to = field.toSourceOffset(isHigh && field.toSourceOffset(i + 1) === from ? i + 2 : i + 1);
      const expected = field.value.slice(i, isHigh && field.toSourceOffset(i + 1) === from ? i + 2 : i + 1);
      assert.equal(JSON.parse(`"${text.slice(from, to)}"`), expected, `char ${i}`);
    }
    assert.equal(field.toSourceOffset(field.value.length), text.lastIndexOf('"'));
  });

  test('offsets outside the value clamp to its ends', () => {
    const text = '{"a":"\\n"}';
    const field = readOne(text);
    assert.equal(field.toSourceOffset(-3), indexOfOnly(text, '\\n'));
    assert.equal(field.toSourceOffset(99), text.lastIndexOf('"'));
  });
});

describe('JSONL paths and keys', () => {
  const text =
    '{"messages":[{"role":"system","content":"s"},{"role":"user","content":"u"},{"role":"assistant","content":"mail me at a@b.co"}],' +
    '"meta":{"user":{"email":"x@y.z"},"n":1.5e3,"ok":true,"no":null},"tags":["t0","t1"],"weird key":"w","k\\"q":"q","":"e","1st":"d","nested":[["n00"],[]]}';

  test('paths name every string value at any depth', () => {
    const { records, problems } = readDocument(text, 'jsonl');
    assert.deepEqual(problems, []);
    const paths = records[0].fields.map((f) => `${f.path}=${f.value}`);
    assert.deepEqual(paths, [
      'messages[0].role=system',
      'messages[0].content=s',
      'messages[1].role=user',
      'messages[1].content=u',
      'messages[2].role=assistant',
      'messages[2].content=mail me at a@b.co',
      'meta.user.email=x@y.z',
      'tags[0]=t0',
      'tags[1]=t1',
      '["weird key"]=w',
      '["k\\"q"]=q',
      '[""]=e',
      '["1st"]=d',
      'nested[0][0]=n00',
    ]);
    const content = fieldAt(records[0], 'messages[2].content');
    const email = content.value.indexOf('a@b.co');
    assert.equal(sourceOf(text, content, email, email + 6), 'a@b.co');
    assert.equal(content.toSourceOffset(email), indexOfOnly(text, 'a@b.co'));
  });

  test('a line that is just a string has the empty path', () => {
    const { records } = readDocument('"just text"\n', 'jsonl');
    assert.equal(records[0].fields[0].path, '');
    assert.equal(records[0].fields[0].value, 'just text');
  });

  test('keys with positions when asked for', () => {
    const { records } = readDocument(text, 'jsonl', { keys: true });
    const keys = records[0].keys!;
    const email = keys.find((k) => k.path === 'meta.user.email')!;
    assert.equal(email.value, 'email');
    assert.equal(text.slice(email.keyStart, email.keyEnd), 'email');
    assert.equal(email.keyStart, indexOfOnly(text, '"email"') + 1);
    const escaped = keys.find((k) => k.value === 'k"q')!;
    assert.equal(escaped.path, '["k\\"q"]');
    assert.equal(text.slice(escaped.keyStart, escaped.keyEnd), 'k\\"q');
    assert.equal(keys.filter((k) => k.value === 'role').length, 3);
    assert.equal(readDocument(text, 'jsonl').records[0].keys, undefined);
  });
});

describe('JSONL lines', () => {
  test('blank lines are skipped, indices count records, lines count lines', () => {
    const text = '\n{"a":"one"}\n   \n\t\n{"a":"two"}\n\n';
    const { records, problems } = readDocument(text, 'jsonl');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      records.map((r) => [r.index, r.line, r.fields[0].value]),
      [
        [0, 2, 'one'],
        [1, 5, 'two'],
      ],
    );
  });

  test('a malformed line is a problem naming line and column; reading goes on', () => {
    const text = '{"a":"ok"}\n{"a":"kept", "b": tru}\n{"a":"after"}\n';
    const { records, problems } = readDocument(text, 'jsonl');
    assert.equal(records.length, 3);
    assert.equal(problems.length, 1);
    const p = problems[0];
    assert.equal(p.line, 2);
    assert.equal(p.record, 1);
    assert.equal(p.code, 'malformed-json');
    assert.equal(p.offset, indexOfOnly(text, 'tru}'));
    assert.equal(p.column, text.split('\n')[1].indexOf('tru}') + 1);
    assert.match(p.message, /^Line 2: invalid JSON: .*column 19/);
    assert.equal(records[1].malformed, true);
    assert.deepEqual(
      records[1].fields.map((f) => f.value),
      ['kept'],
    );
    assert.equal(records[2].fields[0].value, 'after');
  });

  test('CRLF line endings keep offsets and columns right', () => {
    const text = '{"a":"x"}\r\n{"a":"héllo\\tworld"}\r\n';
    const { records } = readDocument(text, 'jsonl');
    const field = fieldAt(records[1], 'a');
    const w = field.value.indexOf('world');
    assert.equal(field.toSourceOffset(w), indexOfOnly(text, 'world'));
    assert.deepEqual(field.toSourcePosition!(w), { line: 2, column: '{"a":"héllo\\t'.length + 1 });
    assert.equal(records[1].span!.end, text.lastIndexOf('\r'));
  });

  test('a BOM is skipped; offsets stay relative to the text given and columns ignore it', () => {
    const text = '\uFEFF{"a":"v"}\n';
    const { records, problems } = readDocument(text, 'jsonl');
    assert.deepEqual(problems, []);
    const field = fieldAt(records[0], 'a');
    assert.equal(field.toSourceOffset(0), indexOfOnly(text, 'v'));
    assert.deepEqual(field.toSourcePosition!(0), { line: 1, column: 7 });
  });

  test('an empty document has no records and no problems', () => {
    assert.deepEqual(readDocument('', 'jsonl'), { records: [], problems: [] });
    assert.deepEqual(readDocument('\n\n', 'jsonl'), { records: [], problems: [] });
  });

  test('a binary document is one problem', () => {
    const { records, problems } = readDocument('PK\u0003\u0004\u0000\u0000junk', 'jsonl');
    assert.equal(records.length, 0);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'binary-file');
    assert.match(problems[0].message, /binary file, not scanned/);
  });

  test('a line range reads only those lines, with document-wide indices and offsets', () => {
    const lines = ['{"a":"0"}', '', '{"a":"1"}', '{"a":"2"}', '{"a":"3"}'];
    const text = lines.join('\n');
    const { records } = readDocument(text, 'jsonl', { lines: { from: 3, to: 4 } });
    assert.deepEqual(
      records.map((r) => [r.index, r.line, r.fields[0].value, r.fields[0].toSourceOffset(0)]),
      [
        [1, 3, '1', indexOfOnly(text, '"1"') + 1],
        [2, 4, '2', indexOfOnly(text, '"2"') + 1],
      ],
    );
  });

  test('many identical lines stay fast (no per-line rescans of the document)', () => {
    const text = '{"text":"the same line, no escapes, again and again"}\n'.repeat(50_000);
    const started = Date.now();
    const { records } = readDocument(text, 'jsonl');
    assert.equal(records.length, 50_000);
    assert.ok(Date.now() - started < 5000, 'reads in under 5 s');
  });

  test('a 10 MB single line is read in linear time', () => {
    const big = 'x'.repeat(5_000_000);
    const text = `{"a":"${big}\\n${big}","b":"tail"}`;
    const started = Date.now();
    const { records, problems } = readDocument(text, 'jsonl');
    assert.ok(Date.now() - started < 5000, 'reads in under 5 s');
    assert.deepEqual(problems, []);
    const a = fieldAt(records[0], 'a');
    assert.equal(a.value.length, 10_000_001);
    assert.equal(sourceOf(text, a, 5_000_000, 5_000_001), '\\n');
    assert.equal(fieldAt(records[0], 'b').toSourceOffset(0), indexOfOnly(text, 'tail'));
    // Unterminated, the same line must fail fast too.
    const broken = readDocument(`{"a":"${big}`, 'jsonl');
    assert.equal(broken.problems[0].code, 'malformed-json');
  });
});

describe('JSONL lines read by JSON.parse', () => {
  const KEYS = ['a', 'b', 'a', 'text', '1', '10', '-1', 'x y', 'é', '__proto__', 'k"q'];
  const STRINGS = ['', 'plain', 'line\\nbreak', 'q\\"uote', 'back\\\\slash', '\\u00e9t\\u00C9', '\\ud83d\\ude00 smile', 'raw é 😀 €', 'a@b.co'];

  /** A random JSON value, written by hand so keys may repeat and escapes vary. */
  function randomValue(rnd: () => number, depth: number): string {
    const pick = rnd();
    if (depth > 3 || pick < 0.4) {
      const scalars = ['1', '-2.5e3', 'true', 'null'];
      return rnd() < 0.7 ? `"${STRINGS[Math.floor(rnd() * STRINGS.length)]}"` : scalars[Math.floor(rnd() * scalars.length)];
    }
    const n = Math.floor(rnd() * 4);
    const ws = (): string => (rnd() < 0.2 ? ' ' : '');
    const parts = Array.from({ length: n }, () => randomValue(rnd, depth + 1));
    if (pick < 0.7) return `{${parts.map((v) => `${ws()}"${KEYS[Math.floor(rnd() * KEYS.length)].replace('"', '\\"')}"${ws()}:${ws()}${v}`).join(',')}}`;
    return `[${parts.map((v) => ws() + v).join(',')}]`;
  }

  test('every field, key, offset and position is what the scanner alone reads', () => {
    const rnd = prng(5);
    const lines = Array.from({ length: 3000 }, () => randomValue(rnd, 0));
    // Deep nesting and a line that is not valid JSON go to the scanner, which handles both.
    lines.push('['.repeat(70) + '"deep"' + ']'.repeat(70), '{"a":"x", "b": }', '"just a string"');
    const text = lines.map((l, i) => (i % 7 === 0 ? `${l}\r\n` : `${l}\n`)).join('');
    // Asking for scalars makes every line go through the scanner.
    const scanned = readDocument(text, 'jsonl', { keys: true, scalars: true });
    const read = readDocument(text, 'jsonl', { keys: true });
    assert.deepEqual(snapshot(read.records), snapshot(scanned.records));
    assert.deepEqual(read.problems, scanned.problems);
  });

  test('repeated keys and index-like keys keep every string in text order', () => {
    const { records } = readDocument('{"a":"x@y.io","a":"z"}\n{"b":"1","2":"3","0":"4"}\n', 'jsonl', { keys: true });
    assert.deepEqual(records[0].fields.map((f) => `${f.path}=${f.value}`), ['a=x@y.io', 'a=z']);
    assert.deepEqual(records[1].fields.map((f) => `${f.path}=${f.value}`), ['b=1', '["2"]=3', '["0"]=4']);
    assert.deepEqual(records[1].keys!.map((k) => k.value), ['b', '2', '0']);
  });
});
