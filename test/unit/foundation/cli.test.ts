import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import pkg from '../../../package.json';

async function run(args: string[], cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

test('--version prints the package version on stdout', async () => {
  const r = await run(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, pkg.version);
  assert.equal(r.stderr, '');
});

test('--help lists subcommands; no arguments is a usage error', async () => {
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: rml <command>/);
  assert.match(help.stdout, /config/);
  const none = await run([]);
  assert.equal(none.code, 2);
});

test('unknown command and unknown option exit 2 with the message on stderr only', async () => {
  const a = await run(['frobnicate']);
  assert.equal(a.code, 2);
  assert.equal(a.stdout, '');
  assert.match(a.stderr, /unknown command 'frobnicate'/);
  const b = await run(['config', '--bogus']);
  assert.equal(b.code, 2);
  assert.equal(b.stdout, '');
  assert.match(b.stderr, /--bogus/);
});

test('config: valid file prints JSON; an invalid one names file, line and column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-cli-'));
  const file = join(dir, 'responsible-ml.config.json');
  writeFileSync(file, '{\n  "failOn": "warning",\n  "pii": { "minScore": 0.7 }\n}\n');
  const ok = await run(['config', '--format', 'json'], dir);
  assert.equal(ok.code, 0);
  assert.deepEqual(JSON.parse(ok.stdout).config, { failOn: 'warning', pii: { minScore: 0.7 } });

  writeFileSync(file, '{\n  "failOn": "warning",\n  "pii": { "minScore": 7 }\n}\n');
  const bad = await run(['config'], dir);
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.ok(bad.stderr.includes(`${file}:3:`), bad.stderr);
  assert.match(bad.stderr, /minScore/);

  const wrongFormat = await run(['config', '--format', 'xml'], dir);
  assert.equal(wrongFormat.code, 2);
});
