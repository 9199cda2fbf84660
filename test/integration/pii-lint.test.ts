import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, cleanScratch, ourDiagnostics, scratchDir, waitFor, workspaceDir } from './helpers';

// Hand-written records: values whose exact source positions the assertions compute by searching.
const EMAIL = 'maria.gonzalez@mailbox.org';
const CARD = '4111 1111 1111 1111';
const LINES = [
  JSON.stringify({ messages: [{ role: 'user', content: `Write to ${EMAIL} please` }] }),
  JSON.stringify({ text: 'nothing personal here, order ORD-2024-000123 costs $1,234.56' }),
  JSON.stringify({ text: `card: ${CARD}, thanks` }),
  '{"text": "broken line',
  JSON.stringify({ text: `escaped \u00e9 then ${EMAIL}` }).replace('é', '\\u00e9'),
];

function writeDataset(name: string): vscode.Uri {
  const file = path.join(scratchDir(), name);
  fs.writeFileSync(file, LINES.join('\n') + '\n');
  return vscode.Uri.file(file);
}

function rangeOf(doc: vscode.TextDocument, line: number, needle: string): vscode.Range {
  const col = doc.lineAt(line).text.indexOf(needle);
  assert.ok(col >= 0, `${needle} not on line ${line}`);
  return new vscode.Range(line, col, line, col + needle.length);
}

describe('PII linting in the editor', function () {
  this.timeout(60_000);
  before(api);
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    cleanScratch();
  });

  it('shows diagnostics at the exact characters, masked, with rule codes', async () => {
    const uri = writeDataset('exact.jsonl');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await ourDiagnostics(uri, 4);
    const emails = diags.filter((d) => (d.code as { value: string }).value === 'pii-email');
    assert.equal(emails.length, 2, JSON.stringify(diags.map((d) => d.message)));
    assert.deepEqual(emails[0]!.range, rangeOf(doc, 0, EMAIL));
    assert.deepEqual(emails[1]!.range, rangeOf(doc, 4, EMAIL), 'position after a \\u00e9 escape');
    const card = diags.find((d) => (d.code as { value: string }).value === 'pii-credit-card');
    assert.ok(card);
    assert.deepEqual(card.range, rangeOf(doc, 2, CARD));
    assert.equal(card.severity, vscode.DiagnosticSeverity.Error);
    for (const d of diags) {
      assert.ok(!d.message.includes(EMAIL) && !d.message.includes(CARD), `value in clear: ${d.message}`);
    }
    const malformed = diags.find((d) => (d.code as { value: string }).value === 'malformed-record');
    assert.ok(malformed, 'the broken line is reported');
    assert.equal(malformed.range.start.line, 3);
    assert.ok(!diags.some((d) => d.range.start.line === 1), 'no findings on order numbers or prices');
    const target = (emails[0]!.code as { target: vscode.Uri }).target;
    assert.ok(fs.existsSync(target.fsPath), `rule documentation ${target.fsPath} is shipped`);
  });

  it('re-lints an edited line and drops fixed findings', async () => {
    const uri = writeDataset('edit.jsonl');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await ourDiagnostics(uri, 4);
    const range = rangeOf(editor.document, 2, CARD);
    await editor.edit((b) => b.replace(range, 'a card number'));
    await waitFor(
      () => !vscode.languages.getDiagnostics(uri).some((d) => (d.code as { value: string }).value === 'pii-credit-card'),
      10_000,
      'the card finding to disappear',
    );
    assert.equal(vscode.languages.getDiagnostics(uri).filter((d) => (d.code as { value: string }).value === 'pii-email').length, 2);
  });

  for (const [title, check] of [
    ['Redact EMAIL', (s: string) => s === '[EMAIL]'],
    ['Mask EMAIL', (s: string) => /^m\*+@m\*+\.org$/.test(s)],
    ['Pseudonymize EMAIL', (s: string) => /^[^@\s"]+@example\.(com|org|net)$/.test(s)],
  ] as const) {
    it(`quick fix "${title}" replaces exactly the value`, async () => {
      const uri = writeDataset(`fix-${title.split(' ')[0]!.toLowerCase()}.jsonl`);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const diags = await ourDiagnostics(uri, 4);
      const email = diags.find((d) => (d.code as { value: string }).value === 'pii-email')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, email.range);
      const action = actions.find((a) => a.title === title);
      assert.ok(action?.edit, `no "${title}" among ${actions.map((a) => a.title).join(' | ')}`);
      const before = doc.lineAt(0).text;
      assert.ok(await vscode.workspace.applyEdit(action.edit));
      const after = doc.lineAt(0).text;
      const start = before.indexOf(EMAIL);
      const replaced = after.slice(start, after.length - (before.length - start - EMAIL.length));
      assert.equal(after.slice(0, start), before.slice(0, start));
      assert.equal(after.slice(start + replaced.length), before.slice(start + EMAIL.length));
      assert.ok(check(replaced), `unexpected replacement ${replaced}`);
      assert.doesNotThrow(() => JSON.parse(after), 'the line stays valid JSON');
      assert.equal(doc.lineAt(1).text, LINES[1], 'other lines untouched');
    });
  }

  it('offers one undoable fix for all emails in the file', async () => {
    const uri = writeDataset('fix-all.jsonl');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await ourDiagnostics(uri, 4);
    const email = diags.find((d) => (d.code as { value: string }).value === 'pii-email')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, email.range);
    const all = actions.find((a) => /all 2 EMAIL/.test(a.title));
    assert.ok(all?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(all.edit));
    assert.ok(!doc.getText().includes(EMAIL));
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText().split(EMAIL).length === 3, 5_000, 'undo to restore both emails');
  });

  it('"Ignore this EMAIL" adds a salted hash to the baseline and hides that finding only', async () => {
    const uri = writeDataset('ignore.jsonl');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await ourDiagnostics(uri, 4);
    const email = diags.find((d) => (d.code as { value: string }).value === 'pii-email' && d.range.start.line === 0)!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, email.range);
    const ignore = actions.find((a) => a.title.startsWith('Ignore this EMAIL'));
    assert.ok(ignore?.command, actions.map((a) => a.title).join(' | '));
    await vscode.commands.executeCommand(ignore.command.command, ...(ignore.command.arguments ?? []));
    // The same address in another field (line 5, `text`) is a different occurrence and stays.
    await waitFor(() => {
      const emails = vscode.languages.getDiagnostics(uri).filter((d) => (d.code as { value: string }).value === 'pii-email');
      return emails.length === 1 && emails[0]!.range.start.line === 4;
    }, 15_000, 'the ignored email to disappear');
    const baseline = fs.readFileSync(path.join(workspaceDir(), '.responsible-ml', 'pii-baseline.json'), 'utf8');
    assert.ok(!baseline.includes(EMAIL) && !baseline.includes('maria'), 'the baseline never holds the value');
    assert.match(baseline, /"hash": "[0-9a-f]{64}"/);
    fs.rmSync(path.join(workspaceDir(), '.responsible-ml', 'pii-baseline.json'));
  });

  it('Anonymize Dataset writes a new file and leaves the original byte for byte', async () => {
    const uri = writeDataset('anon.jsonl');
    const original = fs.readFileSync(uri.fsPath);
    const out = await vscode.commands.executeCommand<vscode.Uri>('responsibleMl.anonymizeDataset', uri, { operator: 'redact' });
    assert.ok(out, 'no output written');
    assert.equal(path.basename(out.fsPath), 'anon.anonymized.jsonl');
    assert.ok(fs.readFileSync(uri.fsPath).equals(original), 'original changed');
    const text = fs.readFileSync(out.fsPath, 'utf8');
    assert.ok(!text.includes(EMAIL) && !text.includes(CARD));
    assert.equal(text.split('[EMAIL]').length, 3);
    // Every byte that was not PII comes through: removing the replaced spans gives the same text.
    assert.equal(text.replace(/\[EMAIL\]/g, EMAIL).replace('[CREDIT_CARD]', CARD), original.toString('utf8'));
  });

  it('lints the sample chat dataset shipped in samples/', async () => {
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'chat', 'support-chats.jsonl'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await ourDiagnostics(uri, 20);
    const codes = new Set(diags.map((d) => (d.code as { value: string }).value));
    for (const code of ['pii-email', 'pii-phone', 'pii-credit-card', 'pii-iban']) assert.ok(codes.has(code), `${code} missing`);
  });
});
