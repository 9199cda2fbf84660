import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, waitFor, workspaceDir } from './helpers';

// samples/classification was generated with these problems placed on purpose
// (scripts/generate-samples.ts): train[10] = train[3], train[11] ≈ train[4], train[12] = train[5]
// with another label, test[0] = train[20], test[1] ≈ train[21]. Lines are 1-based.
const code = (d: vscode.Diagnostic) => (d.code as { value: string }).value;

async function datasetDiagnostics(uri: vscode.Uri, rule: string): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => code(x) === rule);
    return d.length > 0 ? d : undefined;
  }, 30_000, `${rule} on ${path.basename(uri.fsPath)}`);
}

describe('dataset integrity diagnostics', function () {
  this.timeout(90_000);
  before(api);
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('flags duplicates and conflicting labels with the twin line as related information', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'classification', 'train.jsonl'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const dups = await datasetDiagnostics(uri, 'duplicate-text');
    const onLine = (line: number) => dups.find((d) => d.range.start.line === line - 1);
    assert.ok(onLine(11), `exact duplicate on line 11; got lines ${dups.map((d) => d.range.start.line + 1)}`);
    assert.equal(onLine(11)!.relatedInformation?.[0]?.location.range.start.line, 4 - 1);
    assert.ok(onLine(12), 'the normalised duplicate on line 12');
    assert.equal(onLine(12)!.relatedInformation?.[0]?.location.range.start.line, 5 - 1);
    const conflicts = await datasetDiagnostics(uri, 'conflicting-labels');
    const lines = new Set(conflicts.map((d) => d.range.start.line + 1));
    assert.ok(lines.has(6) && lines.has(13), `conflict on lines 6 and 13; got ${[...lines]}`);
  });

  it('flags test rows leaked from train, pointing at the train line', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'classification', 'test.jsonl'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const leaks = await datasetDiagnostics(uri, 'split-leakage');
    const first = leaks.find((d) => d.range.start.line === 0);
    const second = leaks.find((d) => d.range.start.line === 1);
    assert.ok(first && second, `leakage on lines 1 and 2; got ${leaks.map((d) => d.range.start.line + 1)}`);
    assert.equal(first.severity, vscode.DiagnosticSeverity.Error);
    const rel = first.relatedInformation?.[0];
    assert.ok(rel?.location.uri.fsPath.endsWith(path.join('classification', 'train.jsonl')));
    assert.equal(rel!.location.range.start.line, 21 - 1);
  });

  it('flags representativeness against the reference on the attribute header cell', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'tabular', 'loan-applicants.csv'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const mismatch = await datasetDiagnostics(uri, 'reference-mismatch');
    const header = doc.lineAt(0).text;
    const gender = mismatch.find((d) => /gender/.test(d.message));
    assert.ok(gender, mismatch.map((d) => d.message).join(' | '));
    assert.equal(gender.range.start.line, 0);
    assert.equal(gender.range.start.character, header.split(',').indexOf('gender') === 0 ? 0 : header.indexOf(',gender') + 1);
    const under = await datasetDiagnostics(uri, 'under-represented-group');
    // The sample draws women 20% of the time against a 50% reference (scripts/generate-samples.ts).
    assert.ok(under.some((d) => /female/.test(d.message)), under.map((d) => d.message).join(' | '));
  });
});
