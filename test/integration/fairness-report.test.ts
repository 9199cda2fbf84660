import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FairnessReport } from '../../src/core/fairness/fairness-types';
import type { FairnessReportState } from '../../src/extension/fairness/fairness-reports';
import type { RenderedFairnessCard, RenderedFairnessSummary } from '../../src/protocol/fairness-report-protocol';
import { FairnessRunError, FairnessWorkerClient } from '../../src/extension/fairness/fairness-worker-client';
import { countFairness, readCsv, type CountedMetrics } from './fairness-counting';
import { api, cleanScratch, scratchDir, workspaceDir } from './helpers';

// The sample's mapping, preset in the config so that no quick pick asks for it.
const ENTRY = {
  file: 'predictions/loan-predictions.csv',
  y_true: 'y_true',
  y_pred: 'y_pred',
  score: 'score',
  sensitive: ['sex', 'race'],
  thresholds: { dp_ratio_min: 0.8, dp_difference_max: 0.1, eo_difference_max: 0.1, eopp_difference_max: 0.1 },
};

async function state(uri: vscode.Uri): Promise<FairnessReportState | undefined> {
  return vscode.commands.executeCommand<FairnessReportState | undefined>('responsibleMl.fairnessReport.state', uri);
}

type Rendered = FairnessReportState & { rendered: RenderedFairnessSummary; report: FairnessReport };

/** Polls until the page has posted a render that satisfies `ok`. */
async function rendered(uri: vscode.Uri, ok: (r: RenderedFairnessSummary) => boolean, what: string, ms = 60_000): Promise<Rendered> {
  const until = Date.now() + ms;
  for (;;) {
    const s = await state(uri);
    if (s?.rendered && s.report && ok(s.rendered)) return s as Rendered;
    if (Date.now() > until) throw new Error(`the page did not render ${what}: ${JSON.stringify(s?.rendered ?? s)?.slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function card(cards: RenderedFairnessCard[], key: RenderedFairnessCard['key']): RenderedFairnessCard {
  const c = cards.find((x) => x.key === key);
  assert.ok(c, `no ${key} card in ${JSON.stringify(cards)}`);
  return c;
}

function close(actual: number | null, expected: number, what: string): void {
  assert.ok(actual !== null, `${what} is missing`);
  assert.ok(Math.abs(actual - expected) <= 1e-12, `${what}: page ${actual}, counted ${expected}`);
}

/** The page's headline and groups equal the counts made here. */
function assertMatches(r: RenderedFairnessSummary, counted: CountedMetrics, what: string): void {
  close(card(r.cards, 'demographic_parity_difference').value, counted.demographic_parity_difference, `${what} demographic parity difference`);
  close(card(r.cards, 'demographic_parity_ratio').value, counted.demographic_parity_ratio, `${what} demographic parity ratio`);
  close(card(r.cards, 'equalized_odds_difference').value, counted.equalized_odds_difference, `${what} equalized odds difference`);
  close(card(r.cards, 'equal_opportunity_difference').value, counted.equal_opportunity_difference, `${what} equal opportunity difference`);
  assert.equal(card(r.cards, 'smallest_group').value, counted.smallest, `${what} smallest group`);
  assert.deepEqual(r.groups.map((g) => g.group).sort(), [...counted.groups.keys()].sort(), `${what} groups`);
  for (const g of r.groups) {
    const c = counted.groups.get(g.group)!;
    assert.equal(g.count, c.n, `${what} ${g.group} n`);
    close(g.selection_rate, c.selected / c.n, `${what} ${g.group} selection rate`);
    close(g.true_positive_rate, c.truePositives / c.positives, `${what} ${g.group} TPR`);
    close(g.false_positive_rate, c.falsePositives / c.negatives, `${what} ${g.group} FPR`);
    assert.equal(g.small, c.n < 30, `${what} ${g.group} small mark`);
  }
}

/** The Markdown table whose header starts with `first` cells (trimmed). */
function markdownTable(md: string, ...first: string[]): { head: string[]; rows: string[][] } {
  const lines = md.split('\n');
  const at = lines.findIndex((l, i) => l.startsWith(`| ${first.join(' | ')} |`) && /^\| -/.test(lines[i + 1] ?? ''));
  assert.ok(at >= 0, `no table headed ${first}`);
  const cells = (l: string) => l.slice(2, -2).split(' | ').map((c) => c.trim());
  const rows: string[][] = [];
  for (let i = at + 2; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(cells(lines[i]!));
  return { head: cells(lines[at]!), rows };
}

/**
 * Asks the runner (scripts/test-integration.mjs, which drives the browser) for a screenshot of
 * the workbench. True when it arrived; under a host without that runner nobody answers.
 */
async function screenshot(name: string): Promise<boolean> {
  const file = path.resolve(__dirname, '..', '..', '..', 'test-results', `integration-${name}.png`);
  fs.rmSync(file, { force: true });
  console.log(`[rml-screenshot] ${name}`);
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if (fs.existsSync(file) && fs.statSync(file).size > 0) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('Fairness Report', function () {
  this.timeout(120_000);
  const configPath = () => path.join(workspaceDir(), 'responsible-ml.config.json');
  const csv = () => vscode.Uri.file(path.join(workspaceDir(), ...ENTRY.file.split('/')));
  let savedConfig: string | undefined;
  let rows: Array<Record<string, string>>;

  before(async () => {
    await api();
    savedConfig = fs.existsSync(configPath()) ? fs.readFileSync(configPath(), 'utf8') : undefined;
    const config = savedConfig ? JSON.parse(savedConfig) : {};
    fs.writeFileSync(configPath(), JSON.stringify({ ...config, fairness: { reports: [ENTRY] } }, null, 2));
    rows = readCsv(csv().fsPath);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (savedConfig !== undefined) fs.writeFileSync(configPath(), savedConfig);
    else fs.rmSync(configPath(), { force: true });
    fs.rmSync(path.join(workspaceDir(), '.responsible-ml', 'fairness'), { recursive: true, force: true });
    cleanScratch();
  });

  it('opens with the remembered mapping and shows headline numbers equal to ones counted here', async () => {
    const report = await vscode.commands.executeCommand<FairnessReport | undefined>('responsibleMl.openFairnessReport', csv());
    assert.ok(report, 'the command resolves with the report it showed (no quick pick asked for the mapping)');
    const s = await rendered(csv(), (r) => r.computedFrom === 'report' && r.analysis === 'sex', 'the sex analysis');
    assert.equal(s.report.rows, rows.length);
    assert.equal(s.rendered.threshold, undefined, "the file's y_pred is shown as it is");
    assertMatches(s.rendered, countFairness(rows, ['sex']), 'sex');
    // The sample is built with a gap between the sexes: the headline fails the 0.1 limit.
    assert.equal(card(s.rendered.cards, 'demographic_parity_difference').status, 'fail');
    // Bootstrap intervals (the config's default 1000 resamples) bracket the value.
    const dp = card(s.rendered.cards, 'demographic_parity_difference');
    assert.ok(dp.ci && dp.ci[0] <= dp.value! && dp.value! <= dp.ci[1], `interval ${dp.ci} around ${dp.value}`);
    // Four charts (selection rate, TPR, FPR, accuracy), the table behind them, two confusion
    // matrices, and the intersection's table.
    assert.equal(s.rendered.charts, 4, JSON.stringify(s.rendered));
    assert.ok(s.rendered.tables >= 4, `${s.rendered.tables} tables`);
    assert.deepEqual(s.cspViolations, [], 'the page runs under its Content-Security-Policy without violations');
    assert.ok(s.hasBins, 'the score column gives the page bins for the slider');
  });

  it('shows each attribute and the intersection when selected', async () => {
    for (const key of ['race', 'sex,race']) {
      assert.ok(await vscode.commands.executeCommand('responsibleMl.fairnessReport.selectAnalysis', key, csv()));
      const s = await rendered(csv(), (r) => r.analysis === key, key);
      assertMatches(s.rendered, countFairness(rows, key.split(',')), key);
    }
  });

  it('moves the threshold: every headline number follows, live from the bins, then with intervals', async () => {
    const before = (await rendered(csv(), (r) => r.analysis === 'sex,race', 'the intersection')).rendered;
    assert.ok(await vscode.commands.executeCommand('responsibleMl.fairnessReport.setThreshold', 0.7, csv()));
    const live = await rendered(csv(), (r) => r.threshold !== undefined, 'a threshold', 30_000);
    const t = live.rendered.threshold!;
    // Scores have three decimals and fewer than 1000 distinct values: the bins are exact and
    // 0.7 is used as it is, or moved up to the next score that occurs (same predictions).
    assert.ok(t >= 0.7 && !rows.some((r) => Number(r.score) >= 0.7 && Number(r.score) < t), `threshold ${t}`);
    const counted = countFairness(rows, ['sex', 'race'], t);
    assertMatches(live.rendered, counted, `sex,race at ${t}`);
    assert.notEqual(card(live.rendered.cards, 'demographic_parity_difference').value, card(before.cards, 'demographic_parity_difference').value, 'the numbers changed');
    // Once the slider rests, the host computes the full report at t: same numbers, with intervals.
    const settled = await rendered(csv(), (r) => r.computedFrom === 'report' && r.threshold === t, 'the settled report', 60_000);
    assertMatches(settled.rendered, counted, `settled sex,race at ${t}`);
    assert.equal(settled.report.threshold, t);
    assert.ok(card(settled.rendered.cards, 'equalized_odds_difference').ci, 'intervals at the new threshold');
    assert.ok(settled.rendered.suggestions >= 0);

    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await new Promise((r) => setTimeout(r, 800));
    const shot = await screenshot('fairness-report');
    if (process.env.RML_INTEGRATION_RESULTS) assert.ok(shot, 'the runner saved test-results/integration-fairness-report.png');
  });

  it('comes back with the same analysis and threshold after being hidden (state kept without retainContextWhenHidden)', async () => {
    const before = await rendered(csv(), (r) => r.computedFrom === 'report' && r.threshold !== undefined, 'the settled report');
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(workspaceDir(), 'README.md')), { viewColumn: vscode.ViewColumn.Active, preview: false });
    await vscode.commands.executeCommand('workbench.action.previousEditorInGroup');
    const after = await rendered(csv(), () => true, 'again', 30_000).then(async (s) => {
      const until = Date.now() + 30_000;
      while (s.renders <= before.renders && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        s = (await state(csv())) as Rendered;
      }
      return s;
    });
    assert.ok(after.renders > before.renders, 'the page rendered again');
    assert.equal(after.rendered.analysis, before.rendered.analysis);
    assert.equal(after.rendered.threshold, before.rendered.threshold);
    assert.deepEqual(after.rendered.cards.map((c) => c.value), before.rendered.cards.map((c) => c.value));
  });

  it('exports the FairnessReport as JSON exactly, Markdown and HTML, and stores it for the model card', async () => {
    const s = await rendered(csv(), (r) => r.computedFrom === 'report', 'a report');
    const target = (name: string) => vscode.Uri.file(path.join(scratchDir(), name));
    await vscode.commands.executeCommand('responsibleMl.fairnessReport.export', 'json', target('f.json'), csv());
    await vscode.commands.executeCommand('responsibleMl.fairnessReport.export', 'markdown', target('f.md'), csv());
    await vscode.commands.executeCommand('responsibleMl.fairnessReport.export', 'html', target('f.html'), csv());
    assert.deepEqual(JSON.parse(fs.readFileSync(target('f.json').fsPath, 'utf8')), s.report);
    const md = fs.readFileSync(target('f.md').fsPath, 'utf8');
    assert.match(md, /^# Fairness Report: predictions\/loan-predictions\.csv/m);
    const counted = countFairness(rows, ['sex'], s.report.threshold);
    assert.match(md, new RegExp(`^\\| sex \\| ${counted.demographic_parity_difference.toFixed(3)} `, 'm'), 'the headline row of sex in the Markdown');
    // The by-group table of race: each group's n and selection rate as counted here.
    const byGroup = markdownTable(md, 'race', 'n');
    const sel = byGroup.head.indexOf('selection rate');
    assert.ok(sel > 1, `a selection rate column in ${byGroup.head}`);
    for (const [group, g] of countFairness(rows, ['race'], s.report.threshold).groups) {
      const row = byGroup.rows.find((r) => r[0] === group);
      assert.ok(row, `race ${group} in the Markdown`);
      assert.equal(row[1], g.n.toLocaleString('en-US'));
      assert.equal(row[sel]!.split(' ')[0], (g.selected / g.n).toFixed(3), `race ${group} selection rate`);
    }
    const html = fs.readFileSync(target('f.html').fsPath, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(!/<script/i.test(html), 'the HTML export runs no script');
    assert.match(html, /<svg role="img"/);

    const stored = await vscode.commands.executeCommand<vscode.Uri | undefined>('responsibleMl.fairnessReport.addToModelCard', csv());
    assert.equal(stored?.fsPath, path.join(workspaceDir(), '.responsible-ml', 'fairness', 'loan-predictions.json'));
    assert.deepEqual(JSON.parse(fs.readFileSync(stored!.fsPath, 'utf8')), s.report);
    const leftovers = [scratchDir(), path.dirname(stored!.fsPath)].flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.tmp')));
    assert.deepEqual(leftovers, [], 'atomic writes leave no temp files');
  });

  it('runs in a worker that cancels cooperatively, says which column is missing, and keeps working', async () => {
    const ext = vscode.extensions.getExtension('responsible-ml.responsible-ml')!;
    const client = new FairnessWorkerClient(path.join(ext.extensionPath, 'dist', 'workers', 'fairness-report.worker.js'));
    const mapping = { y_true: 'y_true', y_pred: 'y_pred', score: 'score', sensitive: ['sex'] };
    try {
      const source = new vscode.CancellationTokenSource();
      source.cancel();
      await assert.rejects(
        client.report({ file: csv().fsPath, mapping, smallGroup: 30 }, source.token),
        (err: unknown) => err instanceof FairnessRunError && err.cancelled,
      );
      await assert.rejects(
        client.report({ file: csv().fsPath, displayName: ENTRY.file, mapping: { ...mapping, sensitive: ['gender'] }, smallGroup: 30 }),
        (err: unknown) => err instanceof FairnessRunError && !err.cancelled && /gender/.test(err.message) && /loan-predictions\.csv/.test(err.message),
      );
      const ok = await client.report({ file: csv().fsPath, mapping, threshold: 0.5, smallGroup: 30 });
      assert.equal(ok.report.rows, rows.length);
      assert.ok(ok.bins, 'score bins for the slider');
      const columns = await client.inspect(csv().fsPath);
      assert.deepEqual(columns.columns.map((c) => c.name), ['id', 'sex', 'race', 'y_true', 'score', 'y_pred']);
      assert.equal(columns.rows, rows.length);
    } finally {
      client.dispose();
    }
  });
});
