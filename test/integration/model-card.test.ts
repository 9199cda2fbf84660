import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CardEditorState } from '../../src/extension/model-card/card-editors';
import { api, cleanScratch, scratchDir, waitFor, workspaceDir } from './helpers';

// samples/models/ is written by scripts/sample-model-cards.ts: loan-model/README.md is a
// generated card with two human fields left (Contact, Out-of-scope uses) and fairness gaps not
// yet discussed; draft.modelcard.md has one of each defect the card lint finds.
const code = (d: vscode.Diagnostic) => (d.code as { value: string }).value;
const fixtures = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'model-card');

function position(text: string, needle: string): vscode.Position {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `'${needle}' is in the card`);
  const before = text.slice(0, at);
  return new vscode.Position(before.split('\n').length - 1, at - before.lastIndexOf('\n') - 1);
}

async function cardDiagnostics(uri: vscode.Uri, until: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Responsible ML' && code(x).startsWith('card-'));
    return until(d) ? d : undefined;
  }, 30_000, what);
}

async function editorState(uri: vscode.Uri, until: (s: CardEditorState) => boolean, what: string): Promise<CardEditorState> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const s = await vscode.commands.executeCommand<CardEditorState>('responsibleMl.modelCardEditor.state', uri);
    if (s && until(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('model cards', function () {
  this.timeout(120_000);
  before(api);
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    cleanScratch();
  });

  it('shows placeholder and fairness diagnostics on the generated sample card, at their exact places', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'models', 'loan-model', 'README.md'));
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const expected = text.split('[More Information Needed]').length - 1;
    const diags = await cardDiagnostics(uri, (d) => d.filter((x) => code(x) === 'card-placeholder').length === expected, `${expected} placeholders`);
    const contact = position(text, '### Contact\n\n[More Information Needed]').translate(2, 0);
    const onContact = diags.find((d) => code(d) === 'card-placeholder' && d.range.start.isEqual(contact));
    assert.ok(onContact, `a placeholder diagnostic at ${contact.line + 1}:${contact.character + 1}`);
    assert.equal(onContact.range.end.character, '[More Information Needed]'.length);
    assert.ok(diags.some((d) => code(d) === 'card-fairness-undiscussed' && /for race is/.test(d.message)), 'the race gap is not discussed');
    assert.ok(!diags.some((d) => code(d) === 'card-fairness-undiscussed' && /for sex is/.test(d.message)), 'the sex gap is discussed in the sample');
    assert.ok(!diags.some((d) => ['card-invalid-yaml', 'card-model-index-schema', 'card-missing-section', 'card-unknown-license'].includes(code(d))));
  });

  it('finds each defect of the broken card, and the quick fix inserts a missing section skeleton', async () => {
    const file = path.join(scratchDir(), 'draft.modelcard.md');
    fs.copyFileSync(path.join(workspaceDir(), 'models', 'draft.modelcard.md'), file);
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const text = doc.getText();
    const rules = ['card-unknown-license', 'card-model-index-schema', 'card-fairness-undiscussed', 'card-aggregate-only', 'card-missing-section', 'card-placeholder'];
    const diags = await cardDiagnostics(uri, (d) => rules.every((r) => d.some((x) => code(x) === r)), 'every defect');
    const license = diags.find((d) => code(d) === 'card-unknown-license')!;
    assert.ok(license.range.start.isEqual(position(text, 'Apache 2')));
    assert.equal(license.severity, vscode.DiagnosticSeverity.Warning);
    const spilt = diags.find((d) => code(d) === 'card-model-index-schema')!;
    assert.ok(spilt.range.start.isEqual(position(text, 'spilt')));
    assert.equal(spilt.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(diags.find((d) => code(d) === 'card-placeholder')!.range.start.isEqual(position(text, 'TODO')));

    const factors = diags.find((d) => code(d) === 'card-missing-section' && /"Factors"/.test(d.message))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, factors.range, vscode.CodeActionKind.QuickFix.value);
    const insert = actions.find((a) => a.title === 'Insert "Factors" section skeleton');
    assert.ok(insert?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(actions.some((a) => a.title === 'Insert all 2 missing sections'));
    assert.ok(await vscode.workspace.applyEdit(insert.edit));
    const after = doc.getText();
    assert.match(after, /## Intended Use\n\nLoan pre-screening\.\n\n## Factors\n\n<!--[^>]*-->\n\n\[More Information Needed\]\n\n## Metrics/);
    assert.equal(after.replace(/## Factors\n\n<!--[^>]*-->\n\n\[More Information Needed\]\n\n/, ''), text, 'nothing else changed');
    const relinted = await cardDiagnostics(uri, (d) => d.filter((x) => code(x) === 'card-missing-section').length === 1, 'one missing section left');
    assert.match(relinted.find((d) => code(d) === 'card-missing-section')!.message, /Environmental Impact/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('opens the Model Card Editor on a *.modelcard.md: the form shows the human fields, the preview the card, and follows edits', async () => {
    const file = path.join(scratchDir(), 'editor.modelcard.md');
    fs.copyFileSync(path.join(workspaceDir(), 'models', 'loan-model', 'README.md'), file);
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('responsibleMl.openModelCardEditor', uri);
    const first = await editorState(uri, (s) => s.open === 1 && !!s.rendered, 'the editor to render');
    const field = (s: CardEditorState, id: string) => s.rendered!.fields.find((f) => f.id === id)!;
    assert.equal(field(first, 'license').value, 'apache-2.0');
    assert.equal(field(first, 'contact').needsHuman, true);
    assert.equal(field(first, 'developers').needsHuman, false);
    assert.ok(first.rendered!.previewHeadings.includes('Quantitative Analyses'));
    assert.ok(first.rendered!.previewTables >= 5, `tables: ${first.rendered!.previewTables}`);
    assert.match(first.rendered!.counter, /^2 fields need you/);
    assert.deepEqual(first.cspViolations, []);

    // An edit of the document (as the form makes them) reaches the page.
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.getText().indexOf('[More Information Needed]', doc.getText().indexOf('### Contact'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + '[More Information Needed]'.length)), 'cards@example.org');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const updated = await editorState(uri, (s) => field(s, 'contact')?.value === 'cards@example.org', 'the contact field to update');
    assert.equal(field(updated, 'contact').needsHuman, false);
    assert.match(updated.rendered!.counter, /^1 field needs you/);
  });

  it('opens the editor beside a README.md card', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'models', 'loan-model', 'README.md'));
    await vscode.commands.executeCommand('responsibleMl.openModelCardEditor', uri);
    const s = await editorState(uri, (x) => x.open >= 1 && !!x.rendered, 'the README editor');
    assert.equal(s.rendered!.file, 'models/loan-model/README.md');
    assert.ok(s.rendered!.previewHeadings[0]?.startsWith('Model Card for loan-model'));
  });

  it('"Generate Model Card…" writes a card from a fairness report, and it is linted', async () => {
    const out = path.join(scratchDir(), 'generated.modelcard.md');
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('responsibleMl.generateModelCard', {
      fairness: path.join(fixtures, 'fairness-report.json'),
      name: 'fixture-model',
      license: 'mit',
      out,
      overwrite: true,
    });
    assert.equal(written?.fsPath, out);
    const text = fs.readFileSync(out, 'utf8');
    assert.match(text, /^# Model Card for fixture-model$/m);
    assert.match(text, /config: sex=female/);
    const diags = await cardDiagnostics(vscode.Uri.file(out), (d) => d.some((x) => code(x) === 'card-fairness-undiscussed'), 'the generated card linted');
    assert.ok(!diags.some((d) => code(d) === 'card-model-index-schema' || code(d) === 'card-invalid-yaml'));
  });

  it('"Generate Datasheet…" profiles a configured dataset and writes its datasheet', async () => {
    const dataset = vscode.Uri.file(path.join(workspaceDir(), 'classification', 'test.jsonl'));
    const target = vscode.Uri.file(path.join(scratchDir(), 'test.datasheet.md'));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('responsibleMl.generateDatasheet', dataset, target);
    assert.equal(written?.fsPath, target.fsPath);
    const text = fs.readFileSync(target.fsPath, 'utf8');
    const rows = fs.readFileSync(dataset.fsPath, 'utf8').trim().split('\n').length;
    assert.match(text, new RegExp(`- \\*\\*Instances:\\*\\* ${rows} records`));
    assert.match(text, /\*\*`gender`\*\*/);
    assert.match(text, /## Maintenance/);
  });
});
