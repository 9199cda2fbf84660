import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDates } from '../../../src/core/lint/pii/recognizers/date-formats';
import { foundOf } from './pii-test-helpers';

test('dates: ISO, numeric either order, month names; impossible dates rejected', () => {
  const texts = (value: string): string[] => findDates(value).map((d) => value.slice(d.start, d.end));
  assert.deepEqual(texts('1985-03-12'), ['1985-03-12']);
  assert.deepEqual(texts('on 3/12/1985 or 12.03.1985'), ['3/12/1985', '12.03.1985']);
  assert.deepEqual(texts('12 March 1985, 1st of May 1990, March 12th, 1985, Sept 9 2001'), ['12 March 1985', '1st of May 1990', 'March 12th, 1985', 'Sept 9 2001']);
  // 31 April, 29 February 1985 (not a leap year), month 13, year 1850.
  assert.deepEqual(texts('1985-04-31 29/02/1985 1985-13-01 1850-01-01'), []);
  assert.deepEqual(texts('29 Feb 1984'), ['29 Feb 1984']);
});

test('date of birth: dates next to birth words in the same sentence', () => {
  assert.deepEqual(foundOf('DATE_OF_BIRTH', 'She was born on 2/8/1935. Her maiden name was Smith.'), ['2/8/1935']);
  assert.deepEqual(foundOf('DATE_OF_BIRTH', 'DOB: 1985-03-12'), ['1985-03-12']);
  assert.deepEqual(foundOf('DATE_OF_BIRTH', 'Date of birth 12 March 1985'), ['12 March 1985']);
  assert.deepEqual(foundOf('DATE_OF_BIRTH', 'my birthday is March 12, 1985!'), ['March 12, 1985']);
  assert.deepEqual(foundOf('DATE_OF_BIRTH', '03/12/85 (d.o.b.)'), ['03/12/85']);
});

test('date of birth: any date in a date-of-birth field or column', () => {
  assert.deepEqual(foundOf('DATE_OF_BIRTH', '1985-03-12', { field: 'dob' }), ['1985-03-12']);
  assert.deepEqual(foundOf('DATE_OF_BIRTH', '12/03/1985', { field: 'patient.dateOfBirth' }), ['12/03/1985']);
  assert.deepEqual(foundOf('DATE_OF_BIRTH', '1985-03-12', { columnEntity: 'DATE_OF_BIRTH' }), ['1985-03-12']);
});

test('date of birth: not other dates, timestamps, or birth words in another sentence', () => {
  for (const value of [
    'Meeting on 2024-01-15 at noon',
    'created_at 2024-01-15T10:30:00Z',
    'Date: 1978-04-13 12:20:39',
    'I was born in Ohio. We moved on 1999-06-01.',
    'born 1985-02-30',
    'The Orchestra was founded in 1977.',
  ]) {
    assert.deepEqual(foundOf('DATE_OF_BIRTH', value), [], value);
  }
  assert.deepEqual(foundOf('DATE_OF_BIRTH', '2024-01-15', { field: 'created_at' }), []);
});
