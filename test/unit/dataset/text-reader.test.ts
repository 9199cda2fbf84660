import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readDocument } from '../../../src/core/dataset/read-document';
import { indexOfOnly, sourceOf } from './dataset-test-helpers';

describe('text reader', () => {
  test('each non-blank line is a record with one field `text`', () => {
    const text = '# Title\r\n\r\nCall me at +1 415 555 0100 😀 ok\n   \nlast line';
    const { records, problems } = readDocument(text, 'text');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      records.map((r) => [r.index, r.line, r.fields[0].path, r.fields[0].value]),
      [
        [0, 1, 'text', '# Title'],
        [1, 3, 'text', 'Call me at +1 415 555 0100 😀 ok'],
        [2, 5, 'text', 'last line'],
      ],
    );
    const field = records[1].fields[0];
    const phone = field.value.indexOf('+1');
    assert.equal(field.toSourceOffset(phone), indexOfOnly(text, '+1'));
    assert.equal(sourceOf(text, field, phone, phone + 15), '+1 415 555 0100');
    assert.deepEqual(field.toSourcePosition!(phone), { line: 3, column: 12 });
    assert.deepEqual(records[2].span, { start: indexOfOnly(text, 'last'), end: text.length, line: 5, column: 1, endLine: 5, endColumn: 10 });
  });

  test('a line range', () => {
    const { records } = readDocument('a\nb\n\nc\nd\n', 'text', { lines: { from: 2, to: 4 } });
    assert.deepEqual(
      records.map((r) => [r.index, r.line, r.fields[0].value]),
      [
        [1, 2, 'b'],
        [2, 4, 'c'],
      ],
    );
  });

  test('BOM and empty input', () => {
    const { records } = readDocument('\uFEFFhello', 'text');
    assert.equal(records[0].fields[0].value, 'hello');
    assert.equal(records[0].fields[0].toSourceOffset(0), 1);
    assert.deepEqual(readDocument('', 'text'), { records: [], problems: [] });
  });
});
