// Installs the packaged VSIX into a fresh code-server (its own extensions dir, no extension
// under development) and checks, in the browser, that it works as a user would get it:
// the activity-bar item appears, opening a CSV activates it without errors, and a command
// from the palette runs. Catches what only packaging can break (a file left out by
// .vscodeignore, a native module not shipped).
//
// Usage: node scripts/vsix-install-check.mjs [file.vsix] [--package]
//   no file: the VSIX for this platform from `npm run package` (built when missing);
//   --package: always package first, so the check never runs on a stale VSIX.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extensionHostLogs, openBrowser, openQuickInput, repoRoot, runCleanups, runCommandFromPalette, startServer } from './vscode-host/server.mjs';

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
  console.log(`[vsix] checking ${vsix}`);

  // A small workspace: a CSV with personal data, so opening it triggers onLanguage:csv.
  const workspace = mkdtempSync(join(tmpdir(), 'rml-vsix-workspace-'));
  writeFileSync(join(workspace, 'people.csv'), 'name,email,age\nAda Lovelace,ada@example.com,36\nAlan Turing,alan@example.org,41\n');

  let server;
  let browser;
  try {
    server = await startServer({ workspace, vsix });
    const installed = spawnSync('ls', [server.extensionsDir], { encoding: 'utf8' }).stdout.trim();
    console.log(`[vsix] installed into a fresh extensions dir: ${installed.replace(/\n/g, ', ')}`);
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(server.workbenchUrl());

    await check('the installed extension contributes its activity-bar item', async () => {
      await page.locator('.part.activitybar .action-item a.action-label[aria-label^="Responsible ML"]').waitFor({ timeout: 60_000 });
    });

    await check('opening a CSV activates it, with no activation error in the extension host log', async () => {
      // Quick Open, as a person would.
      const input = await openQuickInput(page);
      await input.fill('people.csv');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'people.csv' }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
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
