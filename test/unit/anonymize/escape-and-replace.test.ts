import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyReplacements } from '../../../src/core/anonymize/apply-replacements';
import { escapeForCsvField, escapeForJsonString } from '../../../src/core/anonymize/field-escape';
import { splitAtCsvRecordEnd, splitAtLastNewline } from '../../../src/core/anonymize/record-boundaries';

describe('applyReplacements', () => {
  it('applies replacements given in any order', () => {
    const text = 'call 555-1234 or mail a@b.com';
    const out = applyReplacements(text, [
      { start: 22, end: 29, replacement: '[EMAIL]' },
      { start: 5, end: 13, replacement: '[PHONE]' },
    ]);
    assert.equal(out, 'call [PHONE] or mail [EMAIL]');
  });

  it('allows adjacent replacements and insertions, keeps text without replacements', () => {
    assert.equal(applyReplacements('abcd', [{ start: 2, end: 4, replacement: 'Y' }, { start: 0, end: 2, replacement: 'X' }]), 'XY');
    assert.equal(applyReplacements('abcd', [{ start: 2, end: 2, replacement: '-' }]), 'ab-cd');
    assert.equal(applyReplacements('abcd', []), 'abcd');
  });

  it('rejects overlaps, out-of-range offsets and split surrogate pairs', () => {
    assert.throws(() => applyReplacements('abcdef', [{ start: 0, end: 3, replacement: '' }, { start: 2, end: 4, replacement: '' }]), /overlaps/);
    assert.throws(() => applyReplacements('abc', [{ start: 1, end: 4, replacement: '' }]), /outside/);
    assert.throws(() => applyReplacements('abc', [{ start: 2, end: 1, replacement: '' }]), /outside/);
    assert.throws(() => applyReplacements('abc', [{ start: 0.5, end: 1, replacement: '' }]), /outside/);
    assert.throws(() => applyReplacements('a😀b', [{ start: 2, end: 3, replacement: '' }]), /surrogate/);
  });
});

describe('escapeForJsonString', () => {
  it('escapes what a JSON string literal cannot hold raw', () => {
    assert.equal(escapeForJsonString('He said "hi"\\\n\t\u0001'), 'He said \\"hi\\"\\\\\\n\\t\\u0001');
    assert.equal(escapeForJsonString('héllo 😀'), 'héllo 😀');
    const inner = 'a"b\\c\u2028';
    assert.equal(JSON.parse(`"${escapeForJsonString(inner)}"`), inner);
  });
});

describe('escapeForCsvField', () => {
  it('doubles quotes inside a quoted field', () => {
    assert.equal(escapeForCsvField('Smith, "Jones" and Lee', true), 'Smith, ""Jones"" and Lee');
  });

  it('turns characters an unquoted field cannot hold into spaces', () => {
    assert.equal(escapeForCsvField('Smith, Jones and Lee', false), 'Smith  Jones and Lee');
    assert.equal(escapeForCsvField('a\tb,c"d\r\ne', false, '\t'), 'a b,c d  e');
  });
});

describe('record boundaries', () => {
  it('splits JSONL after the last newline', () => {
    assert.equal(splitAtLastNewline('{"a":1}\r\n{"a":2}\n{"a"'), 17);
    assert.equal(splitAtLastNewline('{"a"'), 0);
  });

  it('splits CSV only at line breaks outside quotes', () => {
    const csv = 'id,text\n1,"line one\nline two"\n2,"say ""hi""\n';
    assert.equal(splitAtCsvRecordEnd(csv), csv.indexOf('"\n2,') + 2);
    assert.equal(splitAtCsvRecordEnd('1,"open\n'), 0);
  });
});
