import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../../src/core/config/load-config';

test('comments and trailing commas are accepted, like VS Code settings', () => {
  const config = parseConfig('{\n // scan only these\n "datasetGlobs": ["data/**/*.jsonl",],\n}', 'c.json');
  assert.deepEqual(config.datasetGlobs, ['data/**/*.jsonl']);
});

test('a syntax error reports the line and column of the bad token', () => {
  assert.throws(
    () => parseConfig('{\n  "failOn": "error"\n  "pii": {}\n}', 'c.json'),
    (e: unknown) => e instanceof ConfigError && e.line === 3 && e.column === 3,
  );
});

test('an unknown property and a wrong enum are rejected at their line', () => {
  assert.throws(
    () => parseConfig('{\n  "failOn": "fatal"\n}', 'c.json'),
    (e: unknown) => e instanceof ConfigError && e.line === 2 && /failOn/.test(e.message),
  );
  assert.throws(
    () => parseConfig('{\n  "pii": {\n    "entities": { "EMAIL": { "severity": "loud" } }\n  }\n}', 'c.json'),
    (e: unknown) => e instanceof ConfigError && e.line === 3,
  );
  assert.throws(() => parseConfig('{ "piii": {} }', 'c.json'), /piii/);
  assert.throws(() => parseConfig('{ "pii": { "entities": { "EMAILS": {} } } }', 'c.json'), ConfigError);
});
