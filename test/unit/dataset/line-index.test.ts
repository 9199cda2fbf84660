import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, SingleLine, positionAt } from '../../../src/core/dataset/line-index';

test('positions are 1-based, columns in UTF-16 units, LF and CRLF break lines', () => {
  const text = 'ab\r\n😀x\n\nlast';
  const index = LineIndex.fromText(text);
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(0), { line: 1, column: 1 });
  assert.deepEqual(index.positionAt(2), { line: 1, column: 3 }); // the CR
  assert.deepEqual(index.positionAt(text.indexOf('x')), { line: 2, column: 3 });
  assert.deepEqual(index.positionAt(text.indexOf('\n\n') + 1), { line: 3, column: 1 });
  assert.deepEqual(index.positionAt(text.length), { line: 4, column: 5 });
  assert.deepEqual(positionAt(text, text.indexOf('l')), { line: 4, column: 1 });
  for (let offset = 0; offset <= text.length; offset++) {
    assert.equal(index.offsetAt(index.positionAt(offset)), offset);
  }
});

test('a lone CR is not a line break; a BOM is not a column', () => {
  assert.deepEqual(positionAt('a\rb', 2), { line: 1, column: 3 });
  const bom = LineIndex.fromText('\uFEFFab\ncd');
  assert.deepEqual(bom.positionAt(1), { line: 1, column: 1 });
  assert.deepEqual(bom.positionAt(0), { line: 1, column: 1 });
  assert.deepEqual(bom.positionAt(5), { line: 2, column: 2 });
});

test('an index over part of a document and a single-line locator', () => {
  const part = new LineIndex([100, 120], 7);
  assert.deepEqual(part.positionAt(105), { line: 7, column: 6 });
  assert.deepEqual(part.positionAt(130), { line: 8, column: 11 });
  assert.deepEqual(new SingleLine(3, 40).positionAt(42), { line: 3, column: 3 });
});
