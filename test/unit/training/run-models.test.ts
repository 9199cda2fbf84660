import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { listRunModels } from '../../../src/core/training/run-models';

/** A run folder with a hand-written run.json; `model` writes a builtin-style config.json into its output. */
function run(root: string, id: string, status: string, model: boolean): string {
  const dir = join(root, id);
  const outputDir = join(dir, 'artifacts');
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ id, name: 'intent', status, outputDir }));
  if (model) writeFileSync(join(outputDir, 'config.json'), JSON.stringify({ model_type: 'rml-fasttext', id2label: { 1: 'refund', 0: 'account' } }));
  return outputDir;
}

describe('models of training runs', () => {
  it('lists the exported models of succeeded runs, newest first, with task and labels', () => {
    const root = mkdtempSync(join(tmpdir(), 'rml-run-models-'));
    const older = run(root, '20260101-090000-intent-aaaa', 'succeeded', true);
    const newer = run(root, '20260102-090000-intent-bbbb', 'succeeded', true);
    run(root, '20260103-090000-intent-cccc', 'failed', true);
    run(root, '20260104-090000-intent-dddd', 'succeeded', false);
    mkdirSync(join(root, '20260105-090000-intent-eeee'));
    writeFileSync(join(root, '20260105-090000-intent-eeee', 'run.json'), '{"status": "succ');

    const { models, problems } = listRunModels(root);
    assert.deepEqual(models.map((m) => m.folder), [newer, older]);
    assert.deepEqual(models.map((m) => m.name), ['intent · 20260102-090000-intent-bbbb', 'intent · 20260101-090000-intent-aaaa']);
    for (const m of models) {
      assert.equal(m.source, 'run');
      assert.equal(m.task, 'text-classification');
      assert.deepEqual(m.labels, ['account', 'refund']);
    }
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /20260105-090000-intent-eeee[\\/]run\.json: /);
  });

  it('a workspace without runs has no run models', () => {
    assert.deepEqual(listRunModels(join(tmpdir(), 'rml-no-such-runs-folder')), { models: [], problems: [] });
  });
});
