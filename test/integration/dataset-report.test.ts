import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DatasetProfile } from '../../src/core/profile/profile-types';
import type { RenderedCard } from '../../src/protocol/dataset-report-protocol';
import type { DatasetReportState } from '../../src/extension/report/dataset-reports';
import { ProfileRunError, ProfileWorkerClient } from '../../src/extension/report/profile-worker-client';
import { api, cleanScratch, scratchDir, workspaceDir } from './helpers';

// The reference shares the test gives gender: close to the sample's own, so the χ² p-value is a
// moderate number the test can check to many digits (3 groups → 2 degrees of freedom, where the
// χ² survival function is exactly exp(−x/2)).
const GENDER_REFERENCE = { female: 0.2, male: 0.77, 'non-binary': 0.03 };
const TEST_CONFIG = {
  datasets: [
    {
      files: 'tabular/*.csv',
      labelField: 'approved',
      positiveLabel: 1,
      sensitive: ['gender', 'race'],
      intersections: [['gender', 'race']],
      reference: { gender: { source: 'integration test', proportions: GENDER_REFERENCE } },
    },
  ],
};

/** The sample CSV, read without the engine: rows and the count of each value of a column. */
function countCsv(file: string): { rows: number; counts: (column: string) => Map<string, number> } {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  assert.ok(!lines.some((l) => l.includes('"')), 'the sample has no quoted fields, so splitting at commas is exact');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  return {
    rows: rows.length,
    counts: (column) => {
      const i = header.indexOf(column);
      const m = new Map<string, number>();
      for (const r of rows) m.set(r[i]!, (m.get(r[i]!) ?? 0) + 1);
      return m;
    },
  };
}

async function state(uri: vscode.Uri): Promise<DatasetReportState | undefined> {
  return vscode.commands.executeCommand<DatasetReportState | undefined>('responsibleMl.datasetReport.state', uri);
}

/** Polls the panel until the webview has posted what it rendered for a finished profile. */
async function rendered(uri: vscode.Uri, ms = 60_000): Promise<Required<Pick<DatasetReportState, 'rendered' | 'profile' | 'context'>> & DatasetReportState> {
  const until = Date.now() + ms;
  for (;;) {
    const s = await state(uri);
    if (s?.rendered && s.profile && s.context && !s.running && s.rendered.file === s.context.file) return s as never;
    if (Date.now() > until) throw new Error(`the report for ${uri.fsPath} did not render: ${JSON.stringify(s?.rendered ?? s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function card(cards: RenderedCard[], key: RenderedCard['key']): RenderedCard {
  const c = cards.find((x) => x.key === key);
  assert.ok(c, `no ${key} card in ${JSON.stringify(cards)}`);
  return c;
}

function close(actual: number | null, expected: number, rel: number, what: string): void {
  assert.ok(actual !== null, `${what} is missing`);
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${what}: ${actual} vs ${expected}`);
}

describe('Dataset Report', function () {
  this.timeout(120_000);
  const configPath = () => path.join(workspaceDir(), 'responsible-ml.config.json');
  const csv = () => vscode.Uri.file(path.join(workspaceDir(), 'tabular', 'loan-applicants.csv'));
  let savedConfig: string | undefined;

  before(async () => {
    await api();
    savedConfig = fs.existsSync(configPath()) ? fs.readFileSync(configPath(), 'utf8') : undefined;
    fs.writeFileSync(configPath(), JSON.stringify(TEST_CONFIG, null, 2));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (savedConfig !== undefined) fs.writeFileSync(configPath(), savedConfig);
    else fs.rmSync(configPath(), { force: true });
    cleanScratch();
  });

  it('opens on the sample CSV and shows headline numbers equal to ones computed here', async () => {
    const profile = await vscode.commands.executeCommand<DatasetProfile | undefined>('responsibleMl.openDatasetReport', csv());
    assert.ok(profile, 'the command resolves with the profile it showed');
    const s = await rendered(csv());
    const cards = s.rendered.cards;

    const data = countCsv(csv().fsPath);
    const rows = card(cards, 'rows');
    assert.equal(rows.value, data.rows);
    assert.equal(rows.text, data.rows.toLocaleString('en-US'), 'the card shows the row count');

    // Pearson χ² of the gender counts against the reference, by hand; dof 2 → p = exp(−χ²/2).
    const gender = data.counts('gender');
    assert.deepEqual([...gender.keys()].sort(), Object.keys(GENDER_REFERENCE).sort());
    let chi2 = 0;
    let tvd = 0;
    for (const [value, share] of Object.entries(GENDER_REFERENCE)) {
      const observed = gender.get(value)!;
      chi2 += (observed - share * data.rows) ** 2 / (share * data.rows);
      tvd += Math.abs(observed / data.rows - share) / 2;
    }
    const p = card(cards, 'p_value');
    assert.equal(p.attribute, 'gender', 'only gender has a reference');
    close(p.value, Math.exp(-chi2 / 2), 1e-6, 'χ² p-value');
    const t = card(cards, 'tvd');
    close(t.value, tvd, 1e-9, 'TVD');
    assert.equal(t.status, tvd >= 0.1 ? 'fail' : tvd >= 0.05 ? 'warn' : 'ok');

    // Imbalance ratio: the largest over attributes of largest / smallest group share.
    const ratio = (m: Map<string, number>) => Math.max(...m.values()) / Math.min(...m.values());
    const race = data.counts('race');
    const imbalance = card(cards, 'imbalance_ratio');
    close(imbalance.value, Math.max(ratio(gender), ratio(race)), 1e-9, 'imbalance ratio');
    assert.equal(imbalance.attribute, ratio(race) > ratio(gender) ? 'race' : 'gender');
    assert.equal(imbalance.status, 'fail', `${imbalance.value} is past the default threshold of 10`);

    const leakage = card(cards, 'leakage');
    assert.equal(leakage.value, 0, 'no splits are configured, so nothing leaks');

    // What is on the page: 2 share charts + 1 heatmap + 2 label-rate charts, each with its table.
    assert.equal(s.rendered.charts, 5, JSON.stringify(s.rendered));
    assert.ok(s.rendered.tables >= 6, `${s.rendered.tables} tables`);
    assert.equal(s.rendered.notice, undefined, 'attributes are configured, so no notice');
    assert.deepEqual(s.cspViolations, [], 'the page runs under its Content-Security-Policy without violations');
    assert.equal(s.profile.rows, data.rows);
  });

  it('draws the report again when its tab is hidden and shown (no retainContextWhenHidden)', async () => {
    const before = await rendered(csv());
    // Cover the report with an editor in its own group, then go back to it: the page is rebuilt
    // and the host sends it the same profile again.
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(workspaceDir(), 'README.md')), { viewColumn: vscode.ViewColumn.Active, preview: false });
    await vscode.commands.executeCommand('workbench.action.previousEditorInGroup');
    const until = Date.now() + 30_000;
    let after = await state(csv());
    while (after!.renders <= before.renders && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      after = await state(csv());
    }
    assert.ok(after!.renders > before.renders, 'the page rendered again');
    assert.deepEqual(after!.rendered!.cards, before.rendered.cards, 'with the same headline');
  });

  it('exports the profile as JSON exactly and the report as Markdown tables, atomically', async () => {
    const s = await rendered(csv());
    const jsonTarget = vscode.Uri.file(path.join(scratchDir(), 'loan.profile.json'));
    const mdTarget = vscode.Uri.file(path.join(scratchDir(), 'loan.report.md'));
    await vscode.commands.executeCommand('responsibleMl.datasetReport.export', 'json', jsonTarget, csv());
    await vscode.commands.executeCommand('responsibleMl.datasetReport.export', 'markdown', mdTarget, csv());
    assert.deepEqual(JSON.parse(fs.readFileSync(jsonTarget.fsPath, 'utf8')), s.profile);
    const md = fs.readFileSync(mdTarget.fsPath, 'utf8');
    assert.match(md, /^# Dataset Report: tabular\/loan-applicants\.csv/m);
    assert.match(md, new RegExp(`^\\| Rows \\| ${s.profile.rows.toLocaleString('en-US')} \\|`, 'm'));
    // Each group's row count is in its table, as counted here.
    for (const [value, count] of countCsv(csv().fsPath).counts('gender')) {
      assert.match(md, new RegExp(`^\\| ${value} \\| ${count.toLocaleString('en-US')} \\|`, 'm'), `${value} row in the Markdown`);
    }
    assert.match(md, /^### gender × race$/m);
    assert.match(md, /^## Integrity$/m);
    assert.deepEqual(fs.readdirSync(scratchDir()).filter((f) => f.endsWith('.tmp')), [], 'no temp files left behind');
  });

  it('says so, with a Configure button, when no sensitive attributes are configured', async () => {
    const plain = path.join(scratchDir(), 'unconfigured.csv');
    fs.copyFileSync(csv().fsPath, plain);
    const uri = vscode.Uri.file(plain);
    await vscode.commands.executeCommand('responsibleMl.openDatasetReport', uri);
    const s = await rendered(uri);
    assert.match(s.rendered.notice ?? '', /No sensitive attributes are configured for this dataset/);
    assert.deepEqual(s.context.sensitive, []);
    assert.equal(card(s.rendered.cards, 'rows').value, countCsv(plain).rows, 'the rest of the report is still there');
    assert.equal(card(s.rendered.cards, 'p_value').value, null);
  });

  it('cancels a run cooperatively: the worker stays alive and the next run succeeds', async () => {
    const ext = vscode.extensions.getExtension('responsible-ml.responsible-ml')!;
    const client = new ProfileWorkerClient(path.join(ext.extensionPath, 'dist', 'workers', 'profile.worker.js'));
    try {
      const source = new vscode.CancellationTokenSource();
      source.cancel();
      await assert.rejects(
        client.profile({ file: csv().fsPath, configFile: configPath() }, source.token),
        (err: unknown) => err instanceof ProfileRunError && err.cancelled,
      );
      const ok = await client.profile({ file: csv().fsPath, configFile: configPath() });
      assert.equal(ok.profile.rows, countCsv(csv().fsPath).rows);
    } finally {
      client.dispose();
    }
  });
});
