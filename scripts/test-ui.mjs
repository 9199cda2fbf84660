// `npm run test:ui`: uses the extension as a person would — in a real VS Code (fresh
// code-server) through headless Chromium — and checks what is on screen. Screenshots go to
// test-results/ui-*.png; look at them.
//
// Options: --vsix   also pack the VSIX and check it installed in a fresh host
//                   (scripts/vsix-install-check.mjs --package; `npm test` passes it).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { copyWorkspace, openBrowser, quickInputRow, quickOpenFile, repoRoot, runCleanups, runCommandFromPalette, startServer } from './vscode-host/server.mjs';

const resultsDir = join(repoRoot, 'test-results');
const shot = (name) => join(resultsDir, `ui-${name}.png`);
const results = [];

/** Runs one named check; a failure is recorded and the remaining checks still run. */
async function check(name, fn) {
  const t = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${Date.now() - t} ms)`);
  } catch (e) {
    results.push({ name, ok: false, error: e.message });
    console.log(`  ✗ ${name} (${Date.now() - t} ms)\n    ${String(e.message).split('\n').slice(0, 6).join('\n    ')}`);
  }
}

/**
 * Two training runs in the workspace's run store, written as the training side writes them
 * (run.json + metrics.jsonl): "support-intent", a process run at epoch 3 of 5 (its process, a
 * `sleep`, is alive, so Stop has something to stop) with training loss, evaluation loss and
 * accuracy, and accuracy per gender group; and a finished "baseline".
 */
function writeDemoRuns(workspace, pid) {
  const now = Date.now();
  const iso = (ms) => new Date(ms).toISOString();
  const write = (id, name, status, startedAgoS, steps, epochs, quality) => {
    const dir = join(workspace, '.responsible-ml', 'runs', id);
    mkdirSync(join(dir, 'artifacts'), { recursive: true });
    const live = status === 'running';
    const spec = { task: 'text-classification', name, data: { train: 'chat/support-chats.jsonl' }, runner: 'process', command: 'python train.py', hyperparameters: { epochs: 5 } };
    const record = {
      version: 1, id, name, runner: 'process', status, spec,
      resolved: { ...spec, data: { ...spec.data, textField: 'text', labelField: 'label', sensitiveFields: [] }, cwd: workspace, env: {}, metrics: { trainerState: false }, slurm: {}, baseDir: workspace,
        hyperparameters: { epochs: 5, learningRate: 0.01, batchSize: 32, seed: 42, earlyStoppingPatience: 2 } },
      ...(live ? { process: { pid, hostname: hostname(), command: 'python train.py' } } : {}),
      datasets: [],
      device: { hostname: 'workstation', platform: 'linux', arch: 'x64', cpus: 16, memoryBytes: 64 * 2 ** 30, node: process.version, accelerator: 'cpu' },
      timings: { createdAt: iso(now - startedAgoS * 1000 - 5000), startedAt: iso(now - startedAgoS * 1000), ...(status === 'running' ? {} : { endedAt: iso(now - 60_000) }) },
      outputDir: join(dir, 'artifacts'), artifacts: [],
      progress: { epoch: epochs, step: steps, totalEpochs: 5, latest: {} },
    };
    writeFileSync(join(dir, 'run.json'), `${JSON.stringify(record, null, 2)}\n`);
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    const lines = [];
    const t0 = now / 1000 - startedAgoS;
    const perEpoch = 1000;
    for (let step = 1; step <= steps; step++) {
      const epoch = step / perEpoch;
      lines.push({ step, epoch, name: 'train/loss', value: 0.25 + 1.6 * Math.exp(-step / (700 * quality)) + 0.22 * (rand() - 0.5), wallTime: t0 + step * 0.15 });
      if (step % perEpoch === 0) {
        const e = step / perEpoch;
        lines.push({ step, epoch: e, name: 'eval/loss', value: 0.35 + 1.1 * Math.exp(-e / quality), wallTime: t0 + step * 0.15 });
        lines.push({ step, epoch: e, name: 'eval/accuracy', value: 0.93 - 0.4 * Math.exp(-e / quality), wallTime: t0 + step * 0.15 });
        for (const [group, gap] of [['female', 0.02], ['male', 0], ['non-binary', 0.09]]) {
          lines.push({ step, epoch: e, name: `eval/group/gender=${group}/accuracy`, value: 0.93 - gap - 0.4 * Math.exp(-e / quality), wallTime: t0 + step * 0.15 });
        }
      }
    }
    writeFileSync(join(dir, 'metrics.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return { id, dir, metrics: join(dir, 'metrics.jsonl'), steps };
  };
  return {
    baseline: write('20261120-091500-baseline-1a2b', 'baseline', 'succeeded', 3000, 5000, 5, 1.6),
    main: write('20261122-101500-support-intent-3fa9', 'support-intent', 'running', 470, 3000, 3, 1),
  };
}

/** The process behind the demo training run (killed at the end if Stop did not end it). */
let sleeper;

async function main() {
  if (!existsSync(join(repoRoot, 'dist', 'extension.js'))) {
    const b = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('npm run build failed');
  }
  mkdirSync(resultsDir, { recursive: true });
  if (!existsSync(join(repoRoot, 'samples'))) throw new Error('samples/ is missing — run `npm run samples` first');
  // A throw-away copy: commands run here must not change samples/ itself.
  const copy = copyWorkspace(join(repoRoot, 'samples'));
  const workspace = copy.dir;

  const t0 = Date.now();
  const server = await startServer({ workspace, extensionDevelopmentPath: repoRoot });
  const browser = await openBrowser();
  const { page } = browser;
  console.log(`[ui] code-server pid ${server.pid} on ${server.url}; workspace ${workspace}`);
  try {
    await page.goto(server.workbenchUrl());
    const activityItem = page.locator('.part.activitybar .action-item a.action-label[aria-label^="Responsible ML"]');

    await check('workbench loads with the Responsible ML activity-bar item', async () => {
      await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
      await activityItem.waitFor({ timeout: 60_000 });
      await page.screenshot({ path: shot('workbench') });
    });

    await check('the Responsible ML container shows Datasets, Training Runs and Models', async () => {
      await activityItem.click();
      const sidebar = page.locator('.part.sidebar');
      await sidebar.locator('.composite.title', { hasText: /Responsible ML/i }).waitFor({ timeout: 15_000 });
      for (const view of ['Datasets', 'Training Runs', 'Models']) {
        await sidebar.locator('.pane-header', { hasText: new RegExp(`^\\s*${view}`, 'i') }).first().waitFor({ timeout: 15_000 });
      }
      await page.waitForTimeout(1000); // let the trees render their first items for the screenshot
      await page.screenshot({ path: shot('sidebar') });
    });

    await check('"Responsible ML: Show Output" from the palette opens its output channel', async () => {
      await runCommandFromPalette(page, 'Responsible ML: Show Output');
      const panel = page.locator('.part.panel');
      await panel.waitFor({ state: 'visible', timeout: 15_000 });
      // The output view's channel picker names the channel that is shown.
      await page.waitForFunction(
        () => [...document.querySelectorAll('.part.panel select')].some((s) => s.selectedOptions[0]?.textContent?.trim() === 'Responsible ML'),
        null,
        { timeout: 15_000 },
      );
      // …and the channel has text in it (the extension logs its activation there).
      await panel.locator('.monaco-editor .view-line', { hasText: /\S/ }).first().waitFor({ timeout: 15_000 });
      await page.screenshot({ path: shot('output') });
    });

    await check('"Scan Workspace Datasets" fills the Problems panel and the Datasets view counts', async () => {
      await runCommandFromPalette(page, 'Responsible ML: Scan Workspace Datasets');
      const datasets = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: /^\s*Datasets/i }) });
      // The Datasets view shows per-entity counts beside the chat sample once it is scanned.
      await datasets.locator('.monaco-list-row', { hasText: /support-chats\.jsonl.*\d+ EMAIL/ }).waitFor({ timeout: 60_000 });
      await runCommandFromPalette(page, 'View: Focus Problems');
      const markers = page.locator('.markers-panel');
      await markers.waitFor({ state: 'visible', timeout: 15_000 });
      await markers.locator('.monaco-list-row', { hasText: /IBAN in messages\[1\]\.content/ }).first().waitFor({ timeout: 15_000 });
      const text = await markers.innerText();
      // Messages show masked values only: no run of 12+ digits (a card or an IBAN in clear).
      if (/\d{12,}/.test(text.replace(/\s/g, ''))) throw new Error('a full number appears in the Problems panel');
      await page.screenshot({ path: shot('problems') });
    });

    await check('opening the chat sample underlines PII in the editor', async () => {
      // Quick Open, as a person would: F1 then drop the '>' to search files.
      await quickOpenFile(page, 'support-chats.jsonl');
      const editor = page.locator('.part.editor .monaco-editor').first();
      await editor.waitFor({ timeout: 15_000 });
      await page.waitForTimeout(1000); // diagnostics arrive from the lint worker
      // F8 jumps to the first problem and shows its message inline, as a person would check it.
      await editor.click({ position: { x: 200, y: 20 } });
      await page.keyboard.press('F8');
      const peek = page.locator('.marker-widget');
      await peek.waitFor({ state: 'visible', timeout: 30_000 });
      const message = await peek.innerText();
      if (!/Responsible ML/.test(message) || !/(EMAIL|PHONE|IBAN|CREDIT_CARD|IP_ADDRESS)/.test(message)) throw new Error(`unexpected problem peek: ${message.slice(0, 200)}`);
      await editor.locator('.squiggly-error, .squiggly-warning, .squiggly-info').first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: shot('editor-squiggles') });
    });

    // Dataset Report: the palette command on the sample CSV, values read from the webview's DOM
    // (iframe.webview.ready → #active-frame), screenshots in the light and the dark theme, and a
    // click on a line number in the integrity table revealing that line in the editor.
    const reportFrame = () => page.locator('iframe.webview.ready:visible').first().contentFrame().frameLocator('#active-frame');
    // Picks a quick-pick row by its exact label (Enter would take whichever row ranks first).
    const pickRow = async (text) => {
      const row = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${text}$`) }) }).first();
      await row.waitFor({ timeout: 10_000 });
      await row.click();
    };
    // A palette command run while a webview's tab is active. F1 typed while the webview has focus
    // stays in its frame, so the palette comes from the title bar's command center after a click
    // on the tab; a row is clicked by its exact label (Enter would take whichever ranks first).
    const tabCommand = async (tabLabel, title, attempts = 4) => {
      // Best effort: a tab in a collapsed group (after "Maximize Editor Group") never becomes
      // clickable, and the command center opens the palette without it (a CI run once waited 30 s here).
      const focus = () => page.locator(`.part.editor .tab[aria-label^="${tabLabel}"]`).first().click({ timeout: 5_000 }).catch(() => undefined);
      const row = await quickInputRow(page, `>${title}`, title, { exact: true, fromWebview: true, focus, attempts });
      await row.click();
    };
    // Preferences: Color Theme, then the theme by name; both steps again if the picker closes early.
    const colorThemeFrom = async (tabLabel, name, bodyClass) => {
      for (let attempt = 0; ; attempt++) {
        await tabCommand(tabLabel, 'Preferences: Color Theme');
        try {
          await page.locator('.quick-input-widget input.input').fill(name, { timeout: 3_000 });
          await pickRow(name);
          break;
        } catch (e) {
          if (attempt === 1) throw e;
        }
      }
      await reportFrame().locator(`body.${bodyClass}`).waitFor({ state: 'attached', timeout: 15_000 });
      await page.waitForTimeout(800); // the charts redraw in the theme's colours
    };
    const workbenchCommand = (title) => tabCommand('Dataset Report', title);
    const quickOpen = async (name) => {
      await quickOpenFile(page, name);
      await page.locator(`.part.editor .tab.active[data-resource-name="${name}"]`).waitFor({ timeout: 15_000 });
    };
    const colorTheme = (name, bodyClass) => colorThemeFrom('Dataset Report', name, bodyClass);

    await check('"Open Dataset Report" from the palette shows the sample CSV\'s headline, in light and dark themes', async () => {
      const lines = readFileSync(join(workspace, 'tabular', 'loan-applicants.csv'), 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
      const expectedRows = (lines.length - 1).toLocaleString('en-US');
      await quickOpen('loan-applicants.csv');
      await runCommandFromPalette(page, 'Responsible ML: Open Dataset Report');
      const rows = reportFrame().locator('.card[data-key="rows"] .card-value');
      await rows.waitFor({ timeout: 60_000 });
      const shown = (await rows.innerText()).trim();
      if (shown !== expectedRows) throw new Error(`the Rows card shows ${shown}, the CSV has ${expectedRows} rows`);
      const p = await reportFrame().locator('.card[data-key="p_value"]').getAttribute('data-value');
      if (!(Number(p) >= 0 && Number(p) <= 1)) throw new Error(`no χ² p-value on its card (${p})`);
      await reportFrame().locator('svg.rml-plot').first().waitFor({ timeout: 15_000 });
      await reportFrame().locator('[role="table"]').first().waitFor({ timeout: 15_000 });
      await workbenchCommand('View: Hide Panel');
      await workbenchCommand('View: Maximize Editor Group and Hide Side Bars');
      await page.waitForTimeout(1500); // the report redraws its charts at the new width
      await page.screenshot({ path: shot('dataset-report') });
      await colorTheme('Dark Modern', 'vscode-dark');
      await page.screenshot({ path: shot('dataset-report-dark') });
      await colorTheme('Light Modern', 'vscode-light');
    });

    await check('clicking a line number in the report\'s integrity table reveals that line', async () => {
      await workbenchCommand('View: Close All Editors');
      await quickOpen('train.jsonl');
      await runCommandFromPalette(page, 'Responsible ML: Open Dataset Report');
      const report = reportFrame();
      await report.locator('vscode-tab-header[data-tab="integrity"]').click({ timeout: 60_000 });
      const link = report.locator('button.line-link').first();
      await link.waitFor({ timeout: 15_000 });
      const line = await link.getAttribute('data-line');
      await link.click();
      await page.locator('.part.editor .tab.active[data-resource-name="train.jsonl"]').waitFor({ timeout: 15_000 });
      const position = page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col \\d+`) });
      await position.waitFor({ timeout: 15_000 });
      await page.screenshot({ path: shot('dataset-report-reveal') });
    });

    await check('"Configure Dataset…" proposes sensitive columns by name and writes what the user confirms', async () => {
      await workbenchCommand('View: Close All Editors');
      await quickOpen('loan-applicants.csv');
      await runCommandFromPalette(page, 'Responsible ML: Configure Dataset…');
      // The proposal arrives as a multi-select list with gender, race and age already ticked.
      const picked = page.locator('.quick-input-widget .monaco-list-row[aria-checked="true"]');
      await picked.first().waitFor({ timeout: 15_000 });
      const names = (await picked.locator('.label-name').allInnerTexts()).map((t) => t.trim()).sort();
      if (names.join(',') !== 'age,gender,race') throw new Error(`proposed: ${names.join(', ')}`);
      await page.screenshot({ path: shot('configure-dataset') });
      await page.keyboard.press('Enter'); // confirm the proposal
      await pickRow('approved'); // the label column, offered first as the likely label
      const bins = page.locator('.quick-input-widget input.input');
      await bins.waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter'); // default age bins 30,45,65
      await page.locator('.part.editor .tab.active[data-resource-name="responsible-ml.config.json"]').waitFor({ timeout: 15_000 });
      await page.waitForTimeout(500);
      const config = JSON.parse(readFileSync(join(workspace, 'responsible-ml.config.json'), 'utf8'));
      const entry = config.datasets.find((d) => d.files === 'tabular/loan-applicants.csv');
      if (!entry) throw new Error('no datasets entry written for tabular/loan-applicants.csv');
      const want = JSON.stringify({ files: 'tabular/loan-applicants.csv', labelField: 'approved', sensitive: ['gender', 'race', { column: 'age', bins: [30, 45, 65] }] });
      if (JSON.stringify(entry) !== want) throw new Error(`wrote ${JSON.stringify(entry)}`);
    });

    await check('"Open Model Card Editor" shows the form beside a live preview; typing in a field edits the card', async () => {
      await runCommandFromPalette(page, 'View: Close All Editors');
      await quickInputRow(page, 'loan-model/README.md', 'README.md');
      await page.keyboard.press('Enter');
      await page.locator('.part.editor .tab.active[data-resource-name="README.md"]').waitFor({ timeout: 15_000 });
      // The card's diagnostics are in the text editor before the form opens.
      await page.locator('.part.editor .monaco-editor').first().click({ position: { x: 200, y: 20 } });
      // The model card worker lints the card on open: Alt+F8 (next problem in this file, where
      // F8 would move on to another file while the card is still being linted) until one shows.
      const peek = page.locator('.marker-widget');
      for (let tries = 0; !(await peek.isVisible()); tries++) {
        if (tries === 30) throw new Error('Alt+F8 showed no problem on the card');
        await page.keyboard.press('Alt+F8');
        await page.waitForTimeout(1000);
      }
      const problem = await peek.innerText();
      if (!/card-(placeholder|fairness-undiscussed)/.test(problem)) throw new Error(`unexpected problem peek: ${problem.slice(0, 200)}`);
      await page.keyboard.press('Escape');
      await runCommandFromPalette(page, 'Responsible ML: Open Model Card Editor');
      const editor = page.locator('iframe.webview.ready:visible').first().contentFrame().frameLocator('#active-frame');
      const contact = editor.locator('vscode-textarea[data-field="contact"]');
      await contact.waitFor({ timeout: 60_000 });
      const counter = editor.locator('.counter');
      if (!/^2 fields need you/.test((await counter.innerText()).trim())) throw new Error(`counter: ${await counter.innerText()}`);
      await editor.locator('.preview table').first().waitFor({ timeout: 15_000 });
      await contact.locator('textarea').fill('model-cards@example.org');
      // The edit goes through the document and comes back: preview, counter and file agree.
      await editor.locator('.preview p', { hasText: 'model-cards@example.org' }).waitFor({ timeout: 15_000 });
      if (!/^1 field needs you/.test((await counter.innerText()).trim())) throw new Error(`counter after typing: ${await counter.innerText()}`);
      await editor.locator('vscode-button', { hasText: 'Save' }).click();
      const saved = join(workspace, 'models', 'loan-model', 'README.md');
      const deadline = Date.now() + 10_000;
      while (!readFileSync(saved, 'utf8').includes('### Contact\n\nmodel-cards@example.org\n')) {
        if (Date.now() > deadline) throw new Error('the saved README.md does not hold the new contact');
        await page.waitForTimeout(200);
      }
      // The editor's group alone, wide enough for the form beside the preview.
      await tabCommand('Model Card Editor', 'View: Maximize Editor Group and Hide Side Bars');
      await editor.locator('.editor-grid .preview h2').first().waitFor({ timeout: 10_000 });
      await page.waitForTimeout(800);
      await page.screenshot({ path: shot('model-card-editor') });
    });

    // Fairness Report: the quick picks propose the mapping and the user confirms it (it is then
    // remembered in the config), the headline equals counts made here from the CSV, the slider
    // moves by keyboard and every number follows; light and dark screenshots.
    const fairnessCommand = (title, attempts) => tabCommand('Fairness', title, attempts);
    /** Demographic parity and equal opportunity differences by sex, counted from the CSV (y_pred, or score ≥ t). */
    const countBySex = (threshold) => {
      const lines = readFileSync(join(workspace, 'predictions', 'loan-predictions.csv'), 'utf8').split(/\r?\n/).filter((l) => l);
      const head = lines[0].split(',');
      const col = (name) => head.indexOf(name);
      const g = {};
      for (const l of lines.slice(1)) {
        const c = l.split(',');
        const k = (g[c[col('sex')]] ??= { n: 0, sel: 0, pos: 0, tp: 0 });
        const pred = threshold === undefined ? c[col('y_pred')] === '1' : Number(c[col('score')]) >= threshold;
        k.n++;
        if (pred) k.sel++;
        if (c[col('y_true')] === '1') (k.pos++, pred && k.tp++);
      }
      const sel = Object.values(g).map((k) => k.sel / k.n);
      const tpr = Object.values(g).map((k) => k.tp / k.pos);
      return { dp: Math.max(...sel) - Math.min(...sel), eopp: Math.max(...tpr) - Math.min(...tpr) };
    };
    const fairnessCard = async (key) => Number(await reportFrame().locator(`.card[data-key="${key}"]`).getAttribute('data-value'));
    const near = (a, b, what) => {
      if (!(Math.abs(a - b) < 1e-9)) throw new Error(`${what}: page ${a}, counted ${b}`);
    };

    await check('"Open Fairness Report…" proposes the mapping, remembers it, and its threshold slider moves every number (light and dark)', async () => {
      await runCommandFromPalette(page, 'View: Close All Editors');
      await quickOpen('loan-predictions.csv');
      await runCommandFromPalette(page, 'Responsible ML: Open Fairness Report…');
      // y_true, y_pred and score are proposed first by name (Enter confirms each).
      for (const [step, column] of [['1/4', 'y_true'], ['2/4', 'y_pred'], ['3/4', 'score']]) {
        const title = page.locator('.quick-input-widget .quick-input-title', { hasText: step });
        await title.waitFor({ timeout: 30_000 });
        const first = (await page.locator('.quick-input-widget .monaco-list-row .label-name').first().innerText()).trim();
        if (first !== column) throw new Error(`step ${step} proposes ${first}, not ${column}`);
        await page.keyboard.press('Enter');
      }
      const picked = page.locator('.quick-input-widget .monaco-list-row[aria-checked="true"]');
      await picked.first().waitFor({ timeout: 15_000 });
      // Each row's own label (its detail line, the values, is a label too).
      const names = (await Promise.all((await picked.all()).map((row) => row.locator('.label-name').first().innerText()))).map((s) => s.trim()).sort();
      if (names.join(',') !== 'race,sex') throw new Error(`sensitive proposed: ${names.join(', ')}`);
      await page.screenshot({ path: shot('fairness-mapping') });
      await page.keyboard.press('Enter');

      const dpCard = reportFrame().locator('.card[data-key="demographic_parity_difference"]');
      await dpCard.waitFor({ timeout: 60_000 });
      const counted = countBySex();
      near(await fairnessCard('demographic_parity_difference'), counted.dp, 'demographic parity difference (sex)');
      near(await fairnessCard('equal_opportunity_difference'), counted.eopp, 'equal opportunity difference (sex)');
      const shown = (await dpCard.locator('.card-value').innerText()).trim();
      if (shown !== counted.dp.toFixed(3)) throw new Error(`the card shows ${shown}, counted ${counted.dp.toFixed(3)}`);
      const config = JSON.parse(readFileSync(join(workspace, 'responsible-ml.config.json'), 'utf8'));
      const entry = config.fairness?.reports?.find((r) => r.file === 'predictions/loan-predictions.csv');
      if (!entry || entry.y_true !== 'y_true' || entry.y_pred !== 'y_pred' || entry.score !== 'score' || entry.sensitive.join() !== 'sex,race') {
        throw new Error(`config entry: ${JSON.stringify(entry)}`);
      }

      // The slider by keyboard: every press moves one score step; the cards follow.
      const range = reportFrame().locator('input.threshold-range');
      await range.focus();
      for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(1500);
      const t = Number(await reportFrame().locator('input.threshold-number').inputValue());
      if (!(t > 0.5 && t < 0.6)) throw new Error(`threshold after 20 steps right: ${t}`);
      const at = countBySex(t);
      near(await fairnessCard('demographic_parity_difference'), at.dp, `demographic parity difference at ${t}`);
      near(await fairnessCard('equal_opportunity_difference'), at.eopp, `equal opportunity difference at ${t}`);
      await reportFrame().locator('.card[data-key="demographic_parity_difference"][data-ci]').waitFor({ timeout: 30_000 }); // intervals once it rests
      // The recomputed report leaves the keyboard on the slider: one more press moves it on.
      await page.keyboard.press('ArrowRight');
      const box = reportFrame().locator('input.threshold-number');
      for (let waited = 0; Number(await box.inputValue()) <= t; waited += 200) {
        if (waited > 10_000) throw new Error(`the slider lost the keyboard after the report was recomputed (still ${await box.inputValue()})`);
        await page.waitForTimeout(200);
      }

      await fairnessCommand('View: Hide Panel', 1).catch(() => page.keyboard.press('Escape'));
      await fairnessCommand('View: Maximize Editor Group and Hide Side Bars');
      await page.waitForTimeout(1500);
      await reportFrame().locator('#app').evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: shot('fairness-report') });
      await colorThemeFrom('Fairness', 'Dark Modern', 'vscode-dark');
      await reportFrame().locator('#app').evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: shot('fairness-report-dark') });
      await colorThemeFrom('Fairness', 'Light Modern', 'vscode-light');

      // Opened again: the remembered mapping is used, nothing is asked.
      await fairnessCommand('View: Close All Editors');
      await quickOpen('loan-predictions.csv');
      await runCommandFromPalette(page, 'Responsible ML: Open Fairness Report…');
      await reportFrame().locator('.card[data-key="demographic_parity_difference"]').waitFor({ timeout: 60_000 });
      if (await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Fairness Report' }).isVisible()) throw new Error('the mapping was asked for again');
    });

    // Training Dashboard: the palette command's quick pick of runs, live updates as lines are
    // appended to metrics.jsonl, comparing with a second run, and Stop reaching the run folder.
    const dashboardCommand = (title, attempts) => tabCommand('Training: ', title, attempts);
    await check('"Open Training Dashboard" picks a run, draws it live as metrics.jsonl grows, compares and stops', async () => {
      // Written now, not before the workbench started, so the earlier checks see the plain samples.
      sleeper = spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
      const runs = writeDemoRuns(workspace, sleeper.pid);
      await runCommandFromPalette(page, 'View: Close All Editors');
      await runCommandFromPalette(page, 'Responsible ML: Open Training Dashboard');
      await pickRow('support-intent');
      const dash = reportFrame();
      const main = runs.main.id;
      await dash.locator(`.run-header[data-run="${main}"] .status-chip[data-status="running"]`).waitFor({ timeout: 30_000 });
      await dash.locator('svg.rml-plot').first().waitFor({ timeout: 15_000 });
      await dash.locator('[role="table"]').first().waitFor({ timeout: 15_000 });
      const loss = dash.locator(`.series-key[data-run="${main}"][data-series="train/loss"]`);
      if ((await loss.getAttribute('data-points')) !== String(runs.main.steps)) throw new Error(`the loss table shows ${await loss.getAttribute('data-points')} points`);
      // A line appended now is in the table within moments (fs.watch → worker → page).
      appendFileSync(runs.main.metrics, `${JSON.stringify({ step: runs.main.steps + 1, epoch: (runs.main.steps + 1) / 1000, name: 'train/loss', value: 0.123456, wallTime: Date.now() / 1000 })}\n`);
      await dash.locator(`.series-key[data-run="${main}"][data-series="train/loss"][data-last-value="0.123456"]`).waitFor({ timeout: 10_000 });
      // Compare with the finished baseline: its line joins every chart.
      await dash.locator('vscode-collapsible.compare').click();
      await dash.locator(`vscode-checkbox.compare-run[data-run="${runs.baseline.id}"]`).click();
      await dash.locator(`.series-key[data-run="${runs.baseline.id}"][data-series="train/loss"]`).waitFor({ timeout: 15_000 });
      // Room for the screenshot: close what is open (a command that is not offered is skipped).
      for (const title of ['View: Close Panel', 'View: Close Primary Side Bar']) {
        await dashboardCommand(title, 1).catch(() => page.keyboard.press('Escape'));
      }
      await page.mouse.move(700, 600); // no tooltip from the command center in the picture
      await page.waitForTimeout(1500); // the charts redraw at the new width
      await page.screenshot({ path: shot('training-dashboard') });
      // Per-group accuracy over epochs: a line per gender group, the latest gap in the caption.
      const groups = dash.locator('.chart-block[data-chart="eval/group/gender/accuracy"]');
      await groups.scrollIntoViewIfNeeded();
      const caption = await groups.locator('figcaption').innerText();
      if (!/Latest gap between groups: 0\.09 \(male [\d.]+ vs non-binary [\d.]+\)/.test(caption)) throw new Error(`per-group caption: ${caption}`);
      await page.screenshot({ path: shot('training-dashboard-groups') });
      // Stop asks first; confirmed, the run's process ends and the header says "stopped".
      await dash.locator(`.stop-button[data-run="${main}"]`).click();
      if (sleeper.exitCode !== null || sleeper.signalCode !== null) throw new Error('the first click stopped the run without asking');
      await dash.locator(`.confirm-stop[data-run="${main}"]`).click();
      const requested = join(runs.main.dir, 'stop-requested');
      for (let i = 0; i < 150 && !existsSync(requested); i++) await page.waitForTimeout(100);
      if (!existsSync(requested)) throw new Error('no stop-requested file in the run folder');
      await dash.locator(`.run-header[data-run="${main}"] .status-chip[data-status="stopped"]`).waitFor({ timeout: 30_000 });
      if (sleeper.exitCode === null && sleeper.signalCode === null) throw new Error('the run\'s process is still running');
      await page.screenshot({ path: shot('training-dashboard-stopped') });
    });
  } finally {
    if (sleeper && sleeper.exitCode === null && sleeper.signalCode === null) sleeper.kill('SIGKILL');
    await browser.close();
    await server.stop();
    copy.remove();
    await runCleanups();
  }
  console.log(`[ui] browser checks took ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  if (process.argv.includes('--vsix')) {
    // Package afresh and install the VSIX into another fresh host; its checks count here.
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'vsix-install-check.mjs'), '--package'], {
      cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8',
    });
    process.stdout.write(r.stdout ?? '');
    const m = /^vsix: (\d+) passed, (\d+) failed$/m.exec(r.stdout ?? '');
    if (!m) results.push({ name: 'packaged VSIX check', ok: false });
    else {
      for (let i = 0; i < Number(m[1]); i++) results.push({ name: 'vsix', ok: true });
      for (let i = 0; i < Number(m[2]); i++) results.push({ name: 'vsix', ok: false });
      if (r.status !== 0 && Number(m[2]) === 0) results.push({ name: 'packaged VSIX check', ok: false });
    }
  }
}

try {
  await main();
} catch (e) {
  results.push({ name: 'ui run', ok: false, error: e.message });
  console.log(`  ✗ ui run\n    ${e.message}`);
  await runCleanups();
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`ui: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
