import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DatasetPredictionSummary } from '../../src/core/inference/predict-dataset';
import { api, cleanScratch, EXTENSION_ID, ourDiagnostics, scratchDir, waitFor, workspaceDir } from './helpers';

/** The shipped NER model (models/pii-ner); before it is merged, the fixture model stands in. */
function nerModel(): string {
  // The workspace is a throwaway copy of samples/; models live in the extension's own folder.
  const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
  const shipped = path.join(root, 'models', 'pii-ner');
  return fs.existsSync(path.join(shipped, 'config.json')) ? shipped : path.join(root, 'test', 'fixtures', 'models', 'tiny-ner');
}

describe('Local inference in the real host', function () {
  this.timeout(120_000);
  after(() => cleanScratch());

  it('Run Model on Dataset writes a predictions file with id, y_pred, score, y_true and attributes', async () => {
    await api();
    const file = path.join(scratchDir(), 'people.jsonl');
    const rows = [
      { id: 'a', text: 'My name is Anna Smith and I live in Berlin', label: 1, gender: 'f' },
      { id: 'b', text: 'John works at Acme Corp in Paris', label: 0, gender: 'm' },
      { id: 'c', text: 'no names here at all', label: 0, gender: 'f' },
    ];
    fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const summary = (await vscode.commands.executeCommand('responsibleMl.runModelOnDataset', {
      uri: vscode.Uri.file(file),
      model: nerModel(),
      task: 'token-classification',
      field: 'text',
      labelField: 'label',
      sensitive: ['gender'],
      quiet: true,
    })) as DatasetPredictionSummary;
    assert.equal(summary.output, path.join(scratchDir(), 'people.predictions.jsonl'));
    const out = fs.readFileSync(summary.output, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(out.map((r) => r.id), ['a', 'b', 'c']);
    assert.deepEqual(out.map((r) => r.y_true), [1, 0, 0]);
    assert.deepEqual(out.map((r) => r.gender), ['f', 'm', 'f']);
    assert.match(out[0].y_pred, /PER/);
    assert.equal(typeof out[0].score, 'number');
    // The device in use is reported (the status bar reads the same map).
    assert.equal((await api()).inference.deviceInUse.get('inference'), 'cpu');
  });

  it('PERSON diagnostics appear in samples/chat/support-chats.jsonl (NER in the lint worker)', async function () {
    if (!fs.existsSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'models', 'pii-ner', 'config.json'))) this.skip();
    const doc = await vscode.workspace.openTextDocument(path.join(workspaceDir(), 'chat', 'support-chats.jsonl'));
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'Responsible ML' && String((x.code as { value?: string })?.value ?? x.code) === 'pii-person');
      return d.length > 0 ? d : undefined;
    }, 60_000, 'PERSON diagnostics');
    // The samples introduce people as "Mein Name ist Corinna Bader, …" or "Hi, I'm Nakia Bradtke and …":
    // some PERSON finding covers exactly such a name (whatever else the model flags).
    const introduced = diagnostics.filter((d) => {
      const before = doc.lineAt(d.range.start.line).text.slice(0, d.range.start.character);
      return /(?:Name ist|name is|I'm(?: (?:Mr|Mrs|Ms|Dr)\.)?) $/.test(before) && /^\p{Lu}\p{L}+(?: \p{Lu}\p{L}+)+$/u.test(doc.getText(d.range));
    });
    assert.ok(introduced.length > 0, `a PERSON finding covers an introduced name (${diagnostics.length} PERSON findings)`);
    await ourDiagnostics(doc.uri);
  });
});
