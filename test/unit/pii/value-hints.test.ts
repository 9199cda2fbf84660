import { test } from 'node:test';
import assert from 'node:assert/strict';
import { valueHints } from '../../../src/core/lint/pii/value-hints';

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
