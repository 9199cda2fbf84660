// Installs the packaged VSIX into a fresh code-server (its own extensions dir, no extension
// under development) and checks, in the browser, that it works as a user would get it:
// the activity-bar item appears, opening a CSV activates it without errors, and a command
// from the palette runs, and the shipped NER model (models/pii-ner) is inside and works — through
// the CLI inside the installed extension and as PERSON diagnostics in the editor. Catches what
// only packaging can break (a file left out by .vscodeignore, a native module not shipped).
//
// Usage: node scripts/vsix-install-check.mjs [file.vsix] [--package]
//   no file: the VSIX for this platform from `npm run package` (built when missing);
//   --package: always package first, so the check never runs on a stale VSIX.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extensionHostLogs, openBrowser, quickOpenFile, repoRoot, runCleanups, runCommandFromPalette, startServer } from './vscode-host/server.mjs';

const EXTENSION_ID = 'responsible-ml.responsible-ml';
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const fileArg = process.argv.slice(2).find((a) => a.endsWith('.vsix'));
const vsix = fileArg ? resolve(fileArg) : join(repoRoot, `${pkg.name}-${process.platform}-${process.arch}-${pkg.version}.vsix`);
const results = [];
const t0 = Date.now();

async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name}`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name}\n    ${String(e.message).split('\n').slice(0, 8).join('\n    ')}`);
  }
}

async function main() {
  if (!fileArg && (process.argv.includes('--package') || !existsSync(vsix))) {
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'package.mjs')], { cwd: repoRoot, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run package failed');
  }
  if (!existsSync(vsix)) throw new Error(`${vsix} not found`);
  console.log(`[vsix] checking ${vsix} (${(statSync(vsix).size / 1024 / 1024).toFixed(1)} MiB)`);

  // A small workspace: a CSV with personal data, so opening it triggers onLanguage:csv.
  const workspace = mkdtempSync(join(tmpdir(), 'rml-vsix-workspace-'));
  writeFileSync(join(workspace, 'people.csv'), 'name,email,age\nAda Lovelace,ada@example.com,36\nAlan Turing,alan@example.org,41\n');
  // Free text for the NER model (the CSV's names sit in a column the name rules already flag).
  const chats = ['Hello, my name is Anna Smith and I live in Berlin.', 'Mein Name ist Corinna Bader, wohnhaft in Hamburg.'];
  writeFileSync(join(workspace, 'chats.jsonl'), chats.map((text, id) => JSON.stringify({ id, text })).join('\n') + '\n');

  let server;
  let browser;
  try {
    server = await startServer({ workspace, vsix });
    const installed = spawnSync('ls', [server.extensionsDir], { encoding: 'utf8' }).stdout.trim();
    console.log(`[vsix] installed into a fresh extensions dir: ${installed.replace(/\n/g, ', ')}`);
    const extensionDir = join(server.extensionsDir, installed.split('\n').find((d) => d.startsWith(EXTENSION_ID)) ?? EXTENSION_ID);

    await check('the shipped NER model is inside and runs through the installed CLI (PERSON, LOCATION)', async () => {
      const model = join(extensionDir, 'models', 'pii-ner');
      const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx', 'name-lexicon.txt'];
      const absent = files.filter((f) => !existsSync(join(model, f)));
      if (absent.length) throw new Error(`missing from the installed extension: ${absent.map((f) => `models/pii-ner/${f}`).join(', ')}`);
      if (existsSync(join(extensionDir, 'models', 'train'))) throw new Error('models/train (training scripts) was shipped');
      const r = spawnSync(process.execPath, [join(extensionDir, 'dist', 'cli.js'), 'lint', 'chats.jsonl', '--format', 'json'], { cwd: workspace, encoding: 'utf8' });
      if (r.status === 2 || !r.stdout) throw new Error(`rml lint failed (${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
      const findings = JSON.parse(r.stdout).files[0].findings;
      const covers = (entity, record, name) => findings.some((f) => f.entity === entity && f.record === record && chats[record].slice(f.start, f.end).includes(name));
      for (const [record, person, city] of [[0, 'Anna Smith', 'Berlin'], [1, 'Corinna Bader', 'Hamburg']]) {
        if (!covers('PERSON', record, person) || !covers('LOCATION', record, city)) throw new Error(`record ${record}: no PERSON/LOCATION finding on the names (${findings.map((f) => f.entity).join(', ')})`);
      }
      const size = (dir) => Number(spawnSync('du', ['-sk', dir], { encoding: 'utf8' }).stdout.split('\t')[0]) / 1024;
      console.log(`    models/pii-ner ${size(model).toFixed(1)} MiB of ${size(extensionDir).toFixed(1)} MiB installed`);
    });
    await check('the builtin trainer\'s process entry ships: rml train runs it from the installed extension', async () => {
      const rows = (n, offset) => Array.from({ length: n }, (_, i) => JSON.stringify({ text: `parcel ${i + offset} ${i % 2 ? 'refund invoice' : 'tracking late'}`, label: i % 2 ? 'billing' : 'shipping' })).join('\n') + '\n';
      writeFileSync(join(workspace, 'train.jsonl'), rows(80, 0));
      writeFileSync(join(workspace, 'valid.jsonl'), rows(20, 1000));
      const spec = { task: 'text-classification', data: { train: 'train.jsonl', validation: 'valid.jsonl' }, runner: 'builtin', hyperparameters: { epochs: 2 }, builtin: { buckets: 4096, dim: 8 } };
      writeFileSync(join(workspace, 'train.json'), JSON.stringify(spec));
      const r = spawnSync(process.execPath, [join(extensionDir, 'dist', 'cli.js'), 'train', '--config', 'train.json', '--allow-risks', 'vsix check', '--format', 'json'], { cwd: workspace, encoding: 'utf8', timeout: 120_000 });
      const last = r.stdout.trim().split('\n').pop() ?? '';
      const result = last.startsWith('{') ? JSON.parse(last) : undefined;
      if (r.status !== 0 || result?.run?.status !== 'succeeded') throw new Error(`rml train exited ${r.status} (${result?.run?.status}: ${result?.run?.error ?? r.stderr.trim().split('\n').slice(-3).join(' ')})`);
      if (!result.run.process?.pid || result.run.process.pid === r.pid) throw new Error('the trainer did not run in a process of its own');
      if (!existsSync(join(result.run.outputDir, 'model.onnx'))) throw new Error('no model.onnx written');
    });
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(server.workbenchUrl());

    await check('the installed extension contributes its activity-bar item', async () => {
      await page.locator('.part.activitybar .action-item a.action-label[aria-label^="Responsible ML"]').waitFor({ timeout: 60_000 });
    });

    await check('opening a CSV activates it, with no activation error in the extension host log', async () => {
      // Quick Open, as a person would.
      await quickOpenFile(page, 'people.csv');
      await page.locator('.editor-instance .monaco-editor').first().waitFor({ timeout: 15_000 });
      const deadline = Date.now() + 30_000;
      for (;;) {
        const logs = extensionHostLogs(server.userDataDir);
        const text = logs.map((l) => l.text).join('\n');
        const failure = text.split('\n').find((l) => l.includes(EXTENSION_ID) && /failed|error/i.test(l) && /activat/i.test(l));
        if (failure) throw new Error(`activation failed: ${failure}`);
        const activated = text.split('\n').find((l) => l.includes(`_doActivateExtension ${EXTENSION_ID}`));
        if (activated) {
          console.log(`    ${activated.replace(/^.*ExtensionService#/, '')}`);
          break;
        }
        if (Date.now() > deadline) throw new Error(`no activation record for ${EXTENSION_ID} in ${logs.map((l) => l.file).join(', ') || 'any exthost log'}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    });

    await check('the shipped model gives PERSON diagnostics in the editor (lint worker)', async () => {
      await quickOpenFile(page, 'chats.jsonl');
      await runCommandFromPalette(page, 'View: Focus Problems');
      const markers = page.locator('.markers-panel');
      await markers.waitFor({ state: 'visible', timeout: 15_000 });
      // The model's findings follow the pattern findings in a second result: give it time to load.
      await markers.locator('.monaco-list-row', { hasText: /PERSON in text/ }).first().waitFor({ timeout: 90_000 });
    });

    await check('"Responsible ML: Show Output" runs from the palette', async () => {
      await runCommandFromPalette(page, 'Responsible ML: Show Output');
      await page.waitForFunction(
        () => [...document.querySelectorAll('.part.panel select')].some((s) => s.selectedOptions[0]?.textContent?.trim() === 'Responsible ML'),
        null,
        { timeout: 15_000 },
      );
      mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(repoRoot, 'test-results', 'ui-vsix.png') });
    });
  } finally {
    await browser?.close();
    await server?.stop();
    await runCleanups();
    rmSync(workspace, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  results.push({ name: 'vsix run', ok: false });
  console.log(`  ✗ vsix run\n    ${e.message}`);
  await runCleanups();
}
const passed = results.filter((r) => r.ok).length;
console.log(`[vsix] ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`vsix: ${passed} passed, ${results.length - passed} failed`);
process.exitCode = results.length - passed > 0 ? 1 : 0;
