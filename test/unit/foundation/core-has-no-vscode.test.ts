import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const coreDir = join(__dirname, '..', '..', '..', 'src', 'core');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? tsFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

test('src/core never imports vscode (the engine stays usable from the CLI)', () => {
  const files = tsFiles(coreDir);
  assert.ok(files.length > 5, 'expected to find the core sources');
  const pattern = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/;
  const offenders = files.filter((f) => pattern.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});

test('the vscode-import check itself catches an import', () => {
  const pattern = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/;
  assert.ok(pattern.test("import * as vscode from 'vscode';"));
  assert.ok(pattern.test('const v = require("vscode")'));
  assert.ok(!pattern.test("import { x } from './vscode-like';"));
});
