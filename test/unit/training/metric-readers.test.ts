import { strict as assert } from 'node:assert';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hfMetricName } from '../../../src/core/training/hf-metric-name';
import { JsonlMetricsTail, readMetricsJsonl } from '../../../src/core/training/metrics-jsonl-reader';
import { parseTrainerState, TrainerStateWatcher } from '../../../src/core/training/trainer-state-reader';

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

describe('metrics JSONL reader', () => {
  it('reads both line shapes and checkpoint/artifact announcements', async () => {
    const file = join(tmp('rml-jsonl-'), 'metrics.jsonl');
    writeFileSync(
      file,
      [
        '{"step": 1, "epoch": 0.5, "name": "train/loss", "value": 0.9, "wallTime": 100}',
        '{"step": 2, "epoch": 1, "eval/accuracy": 0.75, "eval/f1_macro": 0.5, "wallTime": 101}',
        '{"type": "checkpoint", "path": "ckpt-2", "step": 2}',
        '{"type": "artifact", "path": "model.onnx", "kind": "model"}',
        '',
      ].join('\n'),
    );
    const r = await readMetricsJsonl(file);
    assert.deepEqual(r.points, [
      { step: 1, epoch: 0.5, wallTime: 100, name: 'train/loss', value: 0.9, source: 'jsonl' },
      { step: 2, epoch: 1, wallTime: 101, name: 'eval/accuracy', value: 0.75, source: 'jsonl' },
      { step: 2, epoch: 1, wallTime: 101, name: 'eval/f1_macro', value: 0.5, source: 'jsonl' },
    ]);
    assert.deepEqual(r.files, [
      { type: 'checkpoint', path: 'ckpt-2', step: 2 },
      { type: 'artifact', path: 'model.onnx', kind: 'model' },
    ]);
    assert.equal(r.tornTail, false);
    assert.deepEqual(r.problems, []);
  });

  it('tolerates a torn last line after a crash and reports bad lines with their number', async () => {
    const file = join(tmp('rml-jsonl-'), 'metrics.jsonl');
    writeFileSync(file, '{"step":1,"name":"a","value":1}\nnot json\n{"step":2,"name":"a","value":2}\n{"step":3,"name":"a","va');
    const r = await readMetricsJsonl(file);
    assert.deepEqual(r.points.map((p) => p.value), [1, 2]);
    assert.equal(r.tornTail, true);
    assert.deepEqual(r.problems, ['metrics.jsonl:2: not a JSON line, skipped']);
  });

  it('a last line without newline that is complete JSON is kept', async () => {
    const file = join(tmp('rml-jsonl-'), 'metrics.jsonl');
    writeFileSync(file, '{"step":1,"name":"a","value":1}\n{"step":2,"name":"a","value":2}');
    const r = await readMetricsJsonl(file);
    assert.deepEqual(r.points.map((p) => p.value), [1, 2]);
    assert.equal(r.tornTail, false);
  });

  it('tails a growing file: a line is read once its newline arrives, never twice, multi-byte names intact', async () => {
    const file = join(tmp('rml-jsonl-'), 'metrics.jsonl');
    writeFileSync(file, '');
    const tail = new JsonlMetricsTail(file);
    const line = Buffer.from('{"step":1,"name":"eval/group/gender=女性/accuracy","value":0.5}\n');
    const got: string[] = [];
    // Split inside the multi-byte character and before the newline.
    const cuts = [10, line.indexOf(0xe5) + 1, line.length - 1, line.length];
    let from = 0;
    for (const cut of cuts) {
      appendFileSync(file, line.subarray(from, cut));
      from = cut;
      got.push(...(await tail.poll()).points.map((p) => p.name));
    }
    assert.deepEqual(got, ['eval/group/gender=女性/accuracy']);
    appendFileSync(file, '{"step":2,"name":"x","value":3}\n');
    assert.deepEqual((await tail.poll()).points.map((p) => p.step), [2]);
    assert.deepEqual((await tail.poll()).points, []);
  });

  it('a missing file is no error (the script has not written yet)', async () => {
    const tail = new JsonlMetricsTail(join(tmp('rml-jsonl-'), 'absent.jsonl'));
    assert.deepEqual((await tail.poll()).points, []);
  });
});

// A trainer_state.json as transformers 4.x writes it (shape from Trainer.save_state).
const TRAINER_STATE = {
  best_metric: 0.81,
  best_model_checkpoint: 'out/checkpoint-20',
  epoch: 2.0,
  eval_steps: 10,
  global_step: 20,
  is_hyper_param_search: false,
  is_local_process_zero: true,
  is_world_process_zero: true,
  log_history: [
    { epoch: 0.5, grad_norm: 3.5, learning_rate: 4.5e-5, loss: 1.2, step: 5 },
    { epoch: 1.0, eval_accuracy: 0.7, eval_loss: 0.9, eval_runtime: 0.5, eval_samples_per_second: 200.0, eval_steps_per_second: 25.0, step: 10 },
    { epoch: 2.0, eval_accuracy: 0.81, eval_loss: 0.6, step: 20 },
    { epoch: 2.0, step: 20, total_flos: 1234.0, train_loss: 0.95, train_runtime: 3.2, train_samples_per_second: 100.0 },
  ],
  logging_steps: 5,
  max_steps: 20,
  num_train_epochs: 2,
  trial_name: null,
  trial_params: null,
};

describe('trainer_state.json reader', () => {
  it('maps log_history keys as HF’s TensorBoard callback names them', () => {
    const points = parseTrainerState(JSON.stringify(TRAINER_STATE), 42);
    const byKey = Object.fromEntries(points.map((p) => [`${p.name}@${p.step}`, p.value]));
    assert.deepEqual(byKey, {
      'train/grad_norm@5': 3.5,
      'train/learning_rate@5': 4.5e-5,
      'train/loss@5': 1.2,
      'eval/accuracy@10': 0.7,
      'eval/loss@10': 0.9,
      'eval/runtime@10': 0.5,
      'eval/samples_per_second@10': 200,
      'eval/steps_per_second@10': 25,
      'eval/accuracy@20': 0.81,
      'eval/loss@20': 0.6,
      'train/train_loss@20': 0.95,
      'train/train_runtime@20': 3.2,
      'train/train_samples_per_second@20': 100,
    });
    assert.equal(points.find((p) => p.name === 'train/loss')!.epoch, 0.5);
  });

  it('hfMetricName keeps slashed names and prefixes eval/test/predict', () => {
    assert.equal(hfMetricName('eval_f1_macro'), 'eval/f1_macro');
    assert.equal(hfMetricName('test_loss'), 'test/loss');
    assert.equal(hfMetricName('loss'), 'train/loss');
    assert.equal(hfMetricName('eval/accuracy'), 'eval/accuracy');
  });

  it('follows checkpoint folders, skips a half-written state, and returns each point once', async () => {
    const out = tmp('rml-hf-');
    const watcher = new TrainerStateWatcher(out);
    assert.deepEqual(await watcher.poll(), { points: [], checkpoints: [] });
    mkdirSync(join(out, 'checkpoint-10'));
    const partial = { ...TRAINER_STATE, log_history: TRAINER_STATE.log_history.slice(0, 2) };
    writeFileSync(join(out, 'checkpoint-10', 'trainer_state.json'), JSON.stringify(partial).slice(0, 50));
    let r = await watcher.poll();
    assert.deepEqual(r.checkpoints, [{ path: join(out, 'checkpoint-10'), step: 10 }]);
    assert.deepEqual(r.points, [], 'a half-written file yields nothing yet');
    writeFileSync(join(out, 'checkpoint-10', 'trainer_state.json'), JSON.stringify(partial));
    r = await watcher.poll();
    assert.equal(r.points.length, 8);
    mkdirSync(join(out, 'checkpoint-20'));
    writeFileSync(join(out, 'checkpoint-20', 'trainer_state.json'), JSON.stringify(TRAINER_STATE));
    writeFileSync(join(out, 'trainer_state.json'), JSON.stringify(TRAINER_STATE));
    r = await watcher.poll();
    assert.deepEqual(r.checkpoints.map((c) => c.step), [20]);
    assert.equal(r.points.length, 5, 'only the entries not seen before');
    assert.deepEqual((await watcher.poll()).points, []);
  });
});
