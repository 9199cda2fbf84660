import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import pkg from '../../../package.json';

const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string {
  return readdirSync(dir)
    .map((n) => join(dir, n))
    .map((f) => (statSync(f).isDirectory() ? sources(f) : f.endsWith('.ts') ? readFileSync(f, 'utf8') : ''))
    .join('\n');
}

test('activation is on specific events only, never "*"', () => {
  assert.ok(!pkg.activationEvents.includes('*'));
  assert.ok(pkg.activationEvents.some((e) => e.startsWith('onLanguage:')));
  assert.ok(pkg.activationEvents.includes('workspaceContains:**/responsible-ml.config.json'));
});

test('manifest basics', () => {
  assert.equal(pkg.name, 'responsible-ml');
  assert.equal(pkg.displayName, 'Responsible ML');
  assert.equal(pkg.engines.vscode, '^1.100.0');
  assert.equal(pkg.main, 'dist/extension.js');
  assert.deepEqual(pkg.categories, ['Machine Learning', 'Data Science', 'Linters']);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
});

test('every contributed command is in the Responsible ML category and registered in the extension', () => {
  const src = sources(join(root, 'src', 'extension'));
  for (const c of pkg.contributes.commands) {
    assert.equal(c.category, 'Responsible ML', c.command);
    assert.ok(src.includes(`'${c.command}'`), `${c.command} is contributed but never registered`);
  }
});

test('the three views exist and each has welcome content with a command button', () => {
  const views = pkg.contributes.views.responsibleMl.map((v: { name: string }) => v.name);
  assert.deepEqual(views, ['Datasets', 'Training Runs', 'Models']);
  for (const v of pkg.contributes.views.responsibleMl) {
    const welcome = pkg.contributes.viewsWelcome.filter((w: { view: string }) => w.view === v.id);
    assert.ok(welcome.length > 0, `${v.id} has no welcome content`);
    assert.ok(welcome.every((w: { contents: string }) => /\]\(command:/.test(w.contents)), `${v.id} welcome has no button`);
    // Two entries under the same condition are both drawn, one below the other.
    const conditions = welcome.map((w: { when?: string }) => w.when ?? '');
    assert.equal(new Set(conditions).size, conditions.length, `${v.id} has two welcome contents for the same 'when'`);
  }
});

test('settings are all prefixed responsibleMl. and described', () => {
  for (const [key, spec] of Object.entries(pkg.contributes.configuration.properties)) {
    assert.ok(key.startsWith('responsibleMl.'), key);
    assert.ok((spec as { markdownDescription?: string }).markdownDescription, `${key} has no description`);
  }
});

test('jsonValidation points at a schema that compiles and rejects a wrong config', () => {
  const [entry] = pkg.contributes.jsonValidation;
  const schema = JSON.parse(readFileSync(join(root, entry!.url), 'utf8'));
  const validate = new Ajv({ strict: false }).compile(schema);
  assert.equal(validate({ failOn: 'warning', pii: { minScore: 0.4 } }), true);
  assert.equal(validate({ failOn: 'never' }), false);
});

test('walkthrough media files exist', () => {
  for (const w of pkg.contributes.walkthroughs) {
    for (const step of w.steps) assert.ok(existsSync(join(root, step.media.markdown)), step.media.markdown);
  }
});
