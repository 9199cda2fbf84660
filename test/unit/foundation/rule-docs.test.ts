import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../src/core/lint/rules';

const docs = join(__dirname, '..', '..', '..', 'docs', 'rules');

test('every rule has a documentation page that diagnostics can link to, and no page is orphaned', () => {
  const ids = new Set(RULES.map((r) => r.id));
  assert.equal(ids.size, RULES.length, 'rule ids are unique');
  for (const id of ids) {
    const page = join(docs, `${id}.md`);
    assert.ok(existsSync(page), `docs/rules/${id}.md is missing`);
    assert.match(readFileSync(page, 'utf8'), new RegExp(`^# ${id}\\b`), `docs/rules/${id}.md starts with its id`);
  }
  for (const file of readdirSync(docs)) assert.ok(ids.has(file.replace(/\.md$/, '')), `docs/rules/${file} documents no rule`);
});

test('the config schema and the rules setting list exactly the rule ids', async () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'schemas', 'responsible-ml.config.schema.json'), 'utf8'));
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const expected = RULES.map((r) => r.id).filter((id) => id !== 'too-many-problems').sort();
  assert.deepEqual([...schema.properties.rules.propertyNames.enum].sort(), expected);
  assert.deepEqual([...pkg.contributes.configuration.properties['responsibleMl.rules'].propertyNames.enum].sort(), expected);
});
