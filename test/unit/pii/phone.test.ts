import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unsupportedPhoneRegions } from '../../../src/core/lint/pii/recognizers/phone';
import { createDefaultRegistry, findPiiInValue } from '../../../src/core/lint/pii/registry';
import { found, foundOf, scoreOf } from './pii-test-helpers';

test('phone: international numbers with +, 00 and trunk (0)', () => {
  assert.deepEqual(found('Call +44 20 7946 0958 today'), ['PHONE:+44 20 7946 0958']);
  assert.deepEqual(foundOf('PHONE', 'fax +1-650-253-0000x123.'), ['+1-650-253-0000x123']);
  assert.deepEqual(foundOf('PHONE', 'Desk: +41 (0)44 668 18 00'), ['+41 (0)44 668 18 00']);
  assert.deepEqual(foundOf('PHONE', 'mobile 001-650-253-0000'), ['001-650-253-0000']);
  assert.deepEqual(foundOf('PHONE', 'in India +91 98765 43210'), ['+91 98765 43210']);
});

test('phone: national formats of the default regions', () => {
  assert.deepEqual(foundOf('PHONE', 'reach (650) 253-0000 or 650.253.0000'), ['(650) 253-0000', '650.253.0000']);
  assert.deepEqual(foundOf('PHONE', 'Berlin 030 12345678'), ['030 12345678']);
  assert.deepEqual(foundOf('PHONE', 'Paris 01 23 45 67 89'), ['01 23 45 67 89']);
  assert.deepEqual(foundOf('PHONE', 'UK 07700 900123'), ['07700 900123']);
});

test('phone: other countries and bare digit runs need context words or a phone field', () => {
  assert.deepEqual(foundOf('PHONE', 'the code is 9472 7916'), []);
  assert.deepEqual(foundOf('PHONE', 'Can someone call me on 9472 7916?'), ['9472 7916']);
  assert.deepEqual(foundOf('PHONE', '416 60 039 office'), ['416 60 039']);
  assert.deepEqual(foundOf('PHONE', 'id 6502530000'), []);
  assert.deepEqual(foundOf('PHONE', 'Fax: 6502530000'), ['6502530000']);
  assert.deepEqual(foundOf('PHONE', '555 0100', { field: 'phone_number' }), ['555 0100']);
  assert.deepEqual(foundOf('PHONE', '555 0100', { columnEntity: 'PHONE' }), ['555 0100']);
  assert.ok((scoreOf('PHONE', 'phone: (650) 253-0000', '(650) 253-0000') ?? 0) > (scoreOf('PHONE', 'x (650) 253-0000', '(650) 253-0000') ?? 1));
});

test('phone: regions are configurable per registry and per value', () => {
  const auOnly = createDefaultRegistry({ phoneRegions: ['AU'] });
  const text = (value: string, phoneRegions?: string[]) =>
    findPiiInValue(value, { phoneRegions }, auOnly, { minScore: 0.5, entities: ['PHONE'] }).map((m) => value.slice(m.start, m.end));
  assert.deepEqual(text('ring (02) 9876 5432 now'), ['(02) 9876 5432']);
  assert.deepEqual(text('Berlin 030 12345678'), []);
  assert.deepEqual(text('Berlin 030 12345678', ['DE']), ['030 12345678']);
});

test('phone: not dates, prices, order numbers, versions, IPs, cards, SSNs, years or addresses', () => {
  for (const value of [
    'on 2024-01-15 we met',
    'on 15.01.2024 we met',
    'at 2024-01-15 10:30:00',
    'price $1,234,567',
    'costs 1 234 567 €',
    'order ORD-2024-000123',
    'invoice INV 1234567',
    'ticket #12345678',
    'build v10.0.19041.1',
    'version 10.0.19041.1',
    'host 192.168.100.200',
    'card 4111 1111 1111 1111',
    'SSN 536-22-1234',
    'from 2019 2020 2021',
    'seats 1 2 3 4 5 6 7',
    'ISBN 978-3-16-148410-0',
    'offices at 17031 2202 Rissik St',
    'count 1234567890',
    'ratio 0.6666666667',
    'uuid 123e4567-e89b-12d3-a456-426614174000',
  ]) {
    assert.deepEqual(foundOf('PHONE', value), [], value);
  }
});

test('phone: unknown region codes are reported for config validation and otherwise ignored', () => {
  assert.deepEqual(unsupportedPhoneRegions(['US', 'uk', 'gb', 'XX']), ['uk', 'XX']);
  const lenient = createDefaultRegistry({ phoneRegions: ['UK', 'US'] });
  assert.deepEqual(findPiiInValue('call (650) 253-0000', {}, lenient, { minScore: 0.5 }).map((m) => m.entity), ['PHONE']);
});
