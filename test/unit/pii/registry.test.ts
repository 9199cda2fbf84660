import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelRecognizer } from '../../../src/core/lint/pii/model-recognizer';
import { resolveOverlaps } from '../../../src/core/lint/pii/overlaps';
import type { PiiMatch, Recognizer } from '../../../src/core/lint/pii/recognizer';
import { createDefaultRegistry, findPiiInValue, findPiiInValues } from '../../../src/core/lint/pii/registry';
import { found, registry } from './pii-test-helpers';

const match = (entity: PiiMatch['entity'], start: number, end: number, score: number): PiiMatch => ({ entity, start, end, score, recognizer: 'test' });

test('registry: no findings on ids, hashes, versions, timestamps, order numbers, prices and integers', () => {
  const negatives = [
    '123e4567-e89b-12d3-a456-426614174000',
    'f47ac10b-58cc-4372-a567-0e02b2c3d479',
    'd41d8cd98f00b204e9800998ecf8427e',
    'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    '1.2.3',
    'v2.10.0',
    'version 10.0.19041.1',
    '2024-01-15',
    '2024-01-15T10:30:00Z',
    '2024-01-15T10:30:00.123+02:00',
    '2024-01-15 10:30:00',
    '15/01/2024',
    'ORD-2024-000123',
    'INV 1234567',
    'invoice #20240115',
    '$1,234.56',
    '€1.234.567,89',
    '1234567',
    '1234567890',
    '42',
    '3.14159265358979',
    '-122.4194, 37.7749',
  ];
  for (const value of negatives) assert.deepEqual(found(value), [], value);
  assert.deepEqual(found(`Release v2.10.0 (build 1234567) shipped 2024-01-15T10:30:00Z as ${negatives[0]}; total $1,234.56 on ORD-2024-000123.`), []);
});

test('registry: matches come sorted by start, filtered by score and entity', () => {
  const value = 'Mail jane@acme.io, call +44 20 7946 0958, card 4111 1111 1111 1111.';
  assert.deepEqual(found(value), ['EMAIL:jane@acme.io', 'PHONE:+44 20 7946 0958', 'CREDIT_CARD:4111 1111 1111 1111']);
  const onlyCards = findPiiInValue(value, {}, registry, { minScore: 0.5, entities: ['CREDIT_CARD'] });
  assert.deepEqual(onlyCards.map((m) => m.entity), ['CREDIT_CARD']);
  assert.deepEqual(findPiiInValue(value, {}, registry, { minScore: 1.01 }), []);
  for (const m of findPiiInValue(value, {}, registry, { minScore: 0.5 })) {
    assert.ok(m.score >= 0.5 && m.score <= 1, `${m.entity} ${m.score}`);
    assert.equal(typeof m.recognizer, 'string');
  }
});

test('registry: the URL credential SECRET stays beside the URL; entity filter drops it', () => {
  const value = 'https://bob:Pa55w0rd9@git.acme.io/x';
  assert.deepEqual(found(value), [`URL:${value}`, 'SECRET:Pa55w0rd9']);
  assert.deepEqual(findPiiInValue(value, {}, registry, { minScore: 0.5, entities: ['URL'] }).map((m) => m.entity), ['URL']);
});

test('overlaps: higher score wins, then the longer span; disjoint matches stay', () => {
  assert.deepEqual(resolveOverlaps([match('PHONE', 0, 10, 0.6), match('US_SSN', 0, 11, 0.95)]).map((m) => m.entity), ['US_SSN']);
  assert.deepEqual(resolveOverlaps([match('PHONE', 0, 10, 0.6), match('CREDIT_CARD', 2, 18, 0.6)]).map((m) => m.entity), ['CREDIT_CARD']);
  assert.deepEqual(resolveOverlaps([match('EMAIL', 20, 30, 1), match('PHONE', 0, 10, 0.6)]).map((m) => m.start), [0, 20]);
  // Touching spans do not overlap.
  assert.equal(resolveOverlaps([match('PHONE', 0, 10, 0.6), match('EMAIL', 10, 20, 1)]).length, 2);
  assert.equal(resolveOverlaps([match('URL', 0, 40, 0.6), match('SECRET', 10, 18, 0.9)]).length, 2);
  assert.equal(resolveOverlaps([match('URL', 0, 40, 0.6), match('EMAIL', 10, 18, 0.9)]).length, 1);
});

test('registry: disabled and extra recognizers', () => {
  const noUrl = createDefaultRegistry({ disabled: ['url'] });
  assert.deepEqual(findPiiInValue('see https://acme.io/x', {}, noUrl, { minScore: 0.5 }), []);
  const employeeIds: Recognizer = {
    id: 'employee-id',
    entity: 'PERSON',
    mayMatch: (v) => v.includes('EMP-'),
    recognize: (v) => [...v.matchAll(/EMP-\d{5}/g)].map((m) => ({ entity: 'PERSON' as const, start: m.index, end: m.index + m[0].length, score: 0.9, recognizer: 'employee-id' })),
  };
  const custom = createDefaultRegistry({ recognizers: [employeeIds] });
  assert.deepEqual(findPiiInValue('ask EMP-12345', {}, custom, { minScore: 0.5 }).map((m) => m.recognizer), ['employee-id']);
});

test('registry: model-backed recognizers run in batches and merge with pattern matches', async () => {
  const batches: number[] = [];
  const ner: ModelRecognizer = {
    id: 'fake-ner',
    entities: ['PERSON'],
    maxBatchSize: 2,
    recognizeBatch: async (values) => {
      batches.push(values.length);
      return values.map((v) => {
        const i = v.indexOf('Jane Roe');
        return i < 0 ? [] : [{ entity: 'PERSON' as const, start: i, end: i + 8, score: 0.85, recognizer: 'fake-ner' }];
      });
    },
  };
  const withModel = createDefaultRegistry({ modelRecognizers: [ner] });
  const values = ['Jane Roe <jane@acme.io>', 'nothing here', 'ask Jane Roe', 'x'];
  const results = await findPiiInValues(values, [{ field: 'text' }], withModel, { minScore: 0.5 });
  assert.deepEqual(batches, [2, 2]);
  assert.deepEqual(results.map((r) => r.map((m) => `${m.entity}:${values[results.indexOf(r)].slice(m.start, m.end)}`)), [
    ['PERSON:Jane Roe', 'EMAIL:jane@acme.io'],
    [],
    ['PERSON:Jane Roe'],
    [],
  ]);
  // Asking only for pattern entities skips the model.
  batches.length = 0;
  await findPiiInValues(values, [], withModel, { minScore: 0.5, entities: ['EMAIL'] });
  assert.deepEqual(batches, []);
  // The synchronous scan never runs models.
  assert.deepEqual(findPiiInValue(values[2], {}, withModel, { minScore: 0.5 }), []);
});
