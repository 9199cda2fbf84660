import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ssnValid } from '../../../src/core/lint/pii/recognizers/us-ssn';
import { found, foundOf, scoreOf } from './pii-test-helpers';

test('us ssn: area, group and serial ranges', () => {
  assert.ok(ssnValid('536', '22', '1234'));
  assert.ok(ssnValid('899', '01', '0001'));
  for (const [a, g, s] of [['000', '12', '3456'], ['666', '12', '3456'], ['900', '12', '3456'], ['999', '12', '3456'], ['536', '00', '1234'], ['536', '22', '0000'], ['123', '45', '6789'], ['078', '05', '1120'], ['111', '11', '1111']]) {
    assert.equal(ssnValid(a, g, s), false, `${a}-${g}-${s}`);
  }
});

test('us ssn: dashed numbers alone; spaced or bare ones only with SSN context', () => {
  assert.deepEqual(found("Here's my SSN: 536-22-1234"), ['US_SSN:536-22-1234']);
  assert.deepEqual(foundOf('US_SSN', 'ref 536-22-1234 filed'), ['536-22-1234']);
  assert.deepEqual(foundOf('US_SSN', 'social security number 536 22 1234'), ['536 22 1234']);
  assert.deepEqual(foundOf('US_SSN', 'SSN 536221234'), ['536221234']);
  assert.deepEqual(foundOf('US_SSN', '536221234', { field: 'ssn' }), ['536221234']);
  assert.deepEqual(foundOf('US_SSN', 'tracking 536221234'), []);
  assert.deepEqual(foundOf('US_SSN', 'room 536 22 1234'), []);
  assert.ok((scoreOf('US_SSN', 'SSN: 536-22-1234', '536-22-1234') ?? 0) > (scoreOf('US_SSN', 'x 536-22-1234', '536-22-1234') ?? 1));
});

test('us ssn: not invalid ranges, the famous fakes, mixed separators or longer numbers', () => {
  for (const value of ['SSN 000-12-3456', 'SSN 666-12-3456', 'SSN 912-34-5678', 'SSN 536-00-1234', 'SSN 536-22-0000', 'SSN 123-45-6789', 'SSN 536-22 1234', 'id 1536-22-1234', 'v536-22-12345']) {
    assert.deepEqual(foundOf('US_SSN', value), [], value);
  }
});
