import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { INTEGRITY_RULE_SEVERITY } from '../../../src/core/lint/integrity/integrity-options';
import { ruleById } from '../../../src/core/lint/rules';

const DOCS = join(__dirname, '../../../docs/rules');

test('every integrity rule is in RULES with its default severity and has a docs page', () => {
  for (const [id, severity] of Object.entries(INTEGRITY_RULE_SEVERITY)) {
    const rule = ruleById(id);
    assert.ok(rule, `${id} is not in RULES`);
    assert.equal(rule.defaultSeverity, severity, id);
    assert.ok(rule.tags.includes('integrity'), id);
    const page = join(DOCS, `${id}.md`);
    assert.ok(existsSync(page), `docs/rules/${id}.md`);
    assert.match(readFileSync(page, 'utf8'), new RegExp(`^# ${id} — .*\\n\\n\\*\\*Default severity:\\*\\* ${severity}`));
  }
});
