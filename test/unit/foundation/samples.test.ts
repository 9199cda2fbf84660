import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const f = join(dir, n);
    return statSync(f).isDirectory() ? files(f) : [f];
  });
}

test('samples/ is exactly what `npm run samples` generates (deterministic seed)', () => {
  const out = mkdtempSync(join(tmpdir(), 'rml-samples-'));
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'generate-samples.ts'), out], { stdio: 'pipe' });
  const generated = files(out).map((f) => relative(out, f)).sort();
  const committed = files(join(root, 'samples'))
    .map((f) => relative(join(root, 'samples'), f))
    .filter((f) => !f.startsWith('.responsible-ml') && !f.startsWith('.vscode'))
    .sort();
  assert.deepEqual(generated, committed);
  for (const f of generated) {
    assert.ok(readFileSync(join(out, f)).equals(readFileSync(join(root, 'samples', f))), `${f} differs`);
  }
});

test('the chat sample carries personal data in a share of its records', () => {
  const lines = readFileSync(join(root, 'samples', 'chat', 'support-chats.jsonl'), 'utf8').trim().split('\n');
  const withEmail = lines.filter((l) => /@[a-z0-9-]+\.[a-z]/i.test(l)).length;
  assert.ok(lines.length >= 200);
  assert.ok(withEmail > 10 && withEmail < lines.length / 2, `emails in ${withEmail} of ${lines.length}`);
});
