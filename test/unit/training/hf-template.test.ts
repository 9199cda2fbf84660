// The HF template's callback, run by Python against a stand-in `transformers` module (the real one
// is not a test dependency): its JSONL must read back through our reader with the same names the
// trainer_state.json reader gives the same values.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { readMetricsJsonl } from '../../../src/core/training/metrics-jsonl-reader';
import { parseTrainerState } from '../../../src/core/training/trainer-state-reader';

const TEMPLATE = join(__dirname, '..', '..', '..', 'templates', 'hf-trainer');

it('RmlMetricsCallback writes JSONL that matches what trainer_state.json yields', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-hf-template-'));
  const metrics = join(dir, 'metrics.jsonl');
  const logs = [
    { loss: 0.9, grad_norm: 2.5, learning_rate: 5e-5, epoch: 0.5 },
    { eval_loss: 0.7, eval_accuracy: 0.8, eval_runtime: 1.5, epoch: 1.0 },
    { train_runtime: 12.5, train_loss: 0.6, total_flos: 1e12, epoch: 1.0 },
  ];
  const script = `
import sys, types, json
stub = types.ModuleType("transformers")
class TrainerCallback: pass
stub.TrainerCallback = TrainerCallback
sys.modules["transformers"] = stub
sys.path.insert(0, ${JSON.stringify(TEMPLATE)})
import train
class State: pass
class Args: output_dir = ${JSON.stringify(dir)}
cb = train.RmlMetricsCallback(${JSON.stringify(metrics)})
history = []
for i, logs in enumerate(json.loads(sys.argv[1])):
    s = State(); s.is_world_process_zero = True; s.global_step = (i + 1) * 10; s.epoch = logs["epoch"]
    cb.on_log(Args(), s, None, logs=logs)
    history.append(dict(logs, step=s.global_step))
cb.on_save(Args(), s, None)
other = State(); other.is_world_process_zero = False; other.global_step = 99; other.epoch = 1.0
cb.on_log(Args(), other, None, logs={"loss": 123.0})
print(json.dumps({"log_history": history}))
`;
  // No __pycache__ in templates/.
  const state = execFileSync('/usr/bin/python3', ['-B', '-c', script, JSON.stringify(logs)], { encoding: 'utf8' });
  const fromJsonl = await readMetricsJsonl(metrics);
  const fromState = parseTrainerState(state);
  const key = (p: { name: string; step: number; value: number; epoch?: number }) => `${p.name}@${p.step}=${p.value}/${p.epoch}`;
  assert.deepEqual(fromJsonl.points.map(key).sort(), fromState.map(key).sort());
  assert.ok(fromJsonl.points.some((p) => p.name === 'eval/accuracy' && p.value === 0.8));
  assert.ok(!fromJsonl.points.some((p) => p.value === 123), 'only the main process writes');
  assert.deepEqual(fromJsonl.files, [{ type: 'checkpoint', path: join(dir, 'checkpoint-30'), step: 30 }]);
});

it('the template is valid Python', () => {
  execFileSync('/usr/bin/python3', ['-B', '-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])', join(TEMPLATE, 'train.py')]);
});
