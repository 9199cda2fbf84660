import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { runCli } from '../../../src/cli/main';

const root = join(__dirname, '..', '..', '..');

/**
 * dist/cli.js and the two bundles it picks from, bundled as scripts/build.mjs bundles them, inside
 * the repository so that node_modules resolves as it does from dist/.
 */
async function bundleCli(): Promise<string> {
  const out = join(root, 'test-results', 'cli-bundles');
  const common: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir: out, logLevel: 'error', mainFields: ['module', 'main'] };
  const external = ['vscode', 'onnxruntime-node', '@duckdb/node-api', '@duckdb/node-bindings', 'sharp', '@huggingface/transformers', 'mocha'];
  await build({ ...common, entryPoints: { cli: join(root, 'src/cli/bin/rml.ts') }, external: [...external, './cli-lint.js', './cli-all.js'] });
  await build({ ...common, entryPoints: { 'cli-all': join(root, 'src/cli/bin/all.ts'), 'cli-lint': join(root, 'src/cli/bin/lint.ts') }, external });
  return out;
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rml-cli-bundles-'));
  writeFileSync(
    join(dir, 'chat.jsonl'),
    [
      JSON.stringify({ prompt: 'hi', completion: 'reach me at jane.doe@example.com or +44 20 7946 0958' }),
      JSON.stringify({ prompt: 'pay', completion: 'IBAN GB82 WEST 1234 5698 7654 32' }),
      '{"broken": ',
    ].join('\n'),
  );
  return dir;
}

async function inProcess(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t.endsWith('\n') ? t : `${t}\n`), stderr: (t) => err.push(t.endsWith('\n') ? t : `${t}\n`), cwd });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

test('the built rml answers every command as the whole CLI does; lint runs from a bundle without the other commands', async () => {
  const dist = await bundleCli();
  const dir = workspace();
  const cases = [
    ['lint', 'chat.jsonl', '--format', 'json', '--no-ner', '--max-problems', '0'],
    ['lint', 'chat.jsonl', '--no-ner'],
    ['lint', '--help'],
    ['lint', '--bogus'],
    ['lint', 'missing.jsonl', '--no-ner'],
    ['help', 'lint'],
    ['--help'],
    ['--version'],
    ['config', '--help'],
    ['frobnicate'],
  ];
  for (const args of cases) {
    const child = spawnSync(process.execPath, [join(dist, 'cli.js'), ...args], { cwd: dir, encoding: 'utf8' });
    const expected = await inProcess(args, dir);
    assert.equal(child.status, expected.code, `exit code of rml ${args.join(' ')}`);
    assert.equal(child.stdout, expected.stdout, `stdout of rml ${args.join(' ')}`);
    assert.equal(child.stderr, expected.stderr, `stderr of rml ${args.join(' ')}`);
  }
  // The point of the split: lint's bundle leaves out what only other commands use.
  const lintBundle = readFileSync(join(dist, 'cli-lint.js'), 'utf8');
  for (const pkg of ['node_modules/@faker-js/faker/', 'node_modules/yaml/', 'node_modules/micromark']) assert.ok(!lintBundle.includes(pkg), `cli-lint.js bundles ${pkg}`);
  assert.ok(readFileSync(join(dist, 'cli-all.js'), 'utf8').includes('node_modules/yaml/'), 'cli-all.js bundles every command');
  assert.ok(statSync(join(dist, 'cli-lint.js')).size < statSync(join(dist, 'cli-all.js')).size / 2);
});
