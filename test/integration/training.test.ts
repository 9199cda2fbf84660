import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/training/run-record';
import { cleanScratch, scratchDir, waitFor, workspaceDir } from './helpers';

async function record(id: string): Promise<RunRecord> {
  return (await vscode.commands.executeCommand<RunRecord>('responsibleMl.training.record', id))!;
}

async function finished(id: string): Promise<RunRecord> {
  let last: RunRecord | undefined;
  const poll = async () => {
    last = await record(id);
    return last.status !== 'queued' && last.status !== 'running';
  };
  const end = Date.now() + 90_000;
  while (!(await poll())) {
    if (Date.now() > end) throw new Error(`run ${id} still ${last?.status} after 90 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return last!;
}

describe('Training (Start Fine-Tuning, runs, re-run)', function () {
  this.timeout(180_000);
  after(() => cleanScratch());

  it('Start Fine-Tuning on samples/train.json: gate with justification, builtin run succeeds, model and record written', async () => {
    const spec = vscode.Uri.file(path.join(workspaceDir(), 'train.json'));
    const id = await vscode.commands.executeCommand<string>('responsibleMl.startFineTuning', spec, { justification: 'integration test: the sample plants leakage on purpose', noConfirm: true });
    assert.ok(id, 'a run id');
    const done = await finished(id);
    assert.equal(done.status, 'succeeded', done.error);
    assert.equal(done.gate?.blocked, true, 'the sample leaks test texts into train');
    assert.equal(done.gate?.justification, 'integration test: the sample plants leakage on purpose');
    assert.ok(done.gate!.issues.some((i) => i.ruleId === 'split-leakage'));
    assert.ok(fs.existsSync(path.join(done.outputDir, 'model.onnx')));
    assert.ok(done.progress!.latest['eval/accuracy']! > 0.9);
    const log = fs.readFileSync(path.join(workspaceDir(), '.responsible-ml', 'runs', id, 'output.log'), 'utf8');
    assert.match(log, /epoch \d+\/8: train loss/);

    // The trained model runs where models run: Run Model on Dataset, from raw text, with the
    // run's own validation accuracy (metrics.json of the exported best epoch) on its validation file.
    const validation = path.join(scratchDir(), 'validation.jsonl');
    fs.copyFileSync(path.join(workspaceDir(), 'classification', 'test.jsonl'), validation);
    const summary = (await vscode.commands.executeCommand('responsibleMl.runModelOnDataset', { uri: vscode.Uri.file(validation), model: done.outputDir, field: 'text', labelField: 'label', quiet: true })) as { output: string };
    const predictions = fs.readFileSync(summary.output, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { y_pred: string; y_true: string });
    const accuracy = predictions.filter((p) => p.y_pred === p.y_true).length / predictions.length;
    const exported = JSON.parse(fs.readFileSync(path.join(done.outputDir, 'metrics.json'), 'utf8')) as { validation: { accuracy: number } };
    assert.ok(Math.abs(accuracy - exported.validation.accuracy) < 1e-9, `${accuracy} from the predictions vs ${exported.validation.accuracy} in metrics.json`);

    // Generate Model Card from the run: the training record's hashes, justification and metrics.
    const cardFile = path.join(scratchDir(), 'run.modelcard.md');
    const card = await vscode.commands.executeCommand<vscode.Uri | undefined>('responsibleMl.generateModelCard', { run: id, out: cardFile, overwrite: true });
    assert.equal(card?.fsPath, cardFile);
    const cardText = fs.readFileSync(cardFile, 'utf8');
    for (const d of done.datasets) assert.ok(cardText.includes(`\`${d.sha256}\``), `${d.role} sha256 in the card`);
    assert.match(cardText, /^> integration test: the sample plants leakage on purpose$/m);
    assert.match(cardText, /^\| `epochs` \| 8 \|$/m);
    assert.match(cardText, /^\| Accuracy \| [\d.]+ \|$/m);

    // Re-run: the same spec through the gate again, recorded as a re-run.
    const again = await vscode.commands.executeCommand<string>('responsibleMl.rerunTraining', id, { justification: 'integration test re-run', noConfirm: true });
    assert.ok(again && again !== id);
    const second = await finished(again);
    assert.equal(second.status, 'succeeded');
    assert.equal(second.rerunOf, id);

    // Open Run Log shows output.log in an editor.
    await vscode.commands.executeCommand('responsibleMl.openRunLog', again);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith(path.join(again, 'output.log')), 10_000, 'the run log editor');
  });
});
