import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main';
import { parseRunRecord, readRunRecord } from '../../../src/core/model-card/card-run-record';
import type { RunRecord as TrainingRunRecord } from '../../../src/core/training/run-record';
import { runsRootOf } from '../../../src/core/training/run-store';

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Four decimals without trailing zeros, as a reader of the card would round by hand. */
const fourDecimals = (x: number) => String(Math.round(x * 1e4) / 1e4);

describe('model card from a run of the real training code', () => {
  const justification = 'sample data: the split leakage is planted on purpose';
  let dir = '';
  let runId = '';
  let runDir = '';
  let raw: TrainingRunRecord;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rml-card-run-'));
    cpSync(join(__dirname, '..', '..', '..', 'samples'), dir, { recursive: true, filter: (src) => !src.includes('.responsible-ml') });
    const r = await run(['train', '--config', 'train.json', '--allow-risks', justification], dir);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    runId = /run (\S+) succeeded/.exec(r.stdout)![1]!;
    runDir = join(runsRootOf(dir), runId);
    raw = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as TrainingRunRecord;
  });

  it('rml card generate --run <id> prints the dataset hashes, the justification, the hyper-parameters and the exported metrics', { timeout: 120_000 }, async () => {
    const g = await run(['card', 'generate', '--run', runId, '--out', 'MODEL_CARD.md'], dir);
    assert.equal(g.code, 0, g.stderr + g.stdout);
    assert.doesNotMatch(g.stderr, /run\.json: /, 'the training record reads without warnings');
    const card = readFileSync(join(dir, 'MODEL_CARD.md'), 'utf8');

    assert.equal(raw.datasets.length, 2);
    for (const d of raw.datasets) {
      assert.match(card, new RegExp(`\\*\\*sha256:\\*\\* \`${d.sha256}\``), `${d.role} hash`);
      // Relative to the project root: the card never carries the author's absolute paths.
      assert.ok(card.includes(`\`${d.path.slice(dir.length + 1)}\``), d.path);
    }
    assert.ok(!card.includes(dir), 'no absolute path of the workspace');
    assert.equal(raw.gate!.blocked, true);
    assert.match(card, /failed\*\* and training went ahead on a recorded justification/);
    assert.match(card, new RegExp(`^> ${escape(justification)}$`, 'm'));
    assert.match(card, /`split-leakage` \| fail/);

    const h = raw.resolved.hyperparameters;
    for (const [key, value] of [['epochs', h.epochs], ['learning_rate', h.learningRate], ['batch_size', h.batchSize], ['seed', h.seed], ['patience', h.earlyStoppingPatience]] as const) {
      assert.match(card, new RegExp(`\\| \`${key}\` \\| ${escape(String(value))} \\|`), key);
    }

    // The model the card describes is the exported one (best epoch), so its metrics.json wins.
    const exported = JSON.parse(readFileSync(join(raw.outputDir, 'metrics.json'), 'utf8')) as { validation: Record<string, number> };
    for (const [title, key] of [['Loss', 'loss'], ['Accuracy', 'accuracy'], ['F1 macro', 'f1_macro']] as const) {
      assert.match(card, new RegExp(`^\\| ${title} \\| ${escape(fourDecimals(exported.validation[key]!))} \\|$`, 'm'), title);
      assert.match(card, new RegExp(`- type: ${key}\\n\\s+value: ${escape(fourDecimals(exported.validation[key]!))}\\n`), `model-index ${key}`);
    }
    assert.match(card, new RegExp(`Training run:\\*\\* \`${runId}\` \\(succeeded, runner builtin\\)`));
    assert.match(card, /^# Model Card for support-intent$/m);
    assert.match(card, /^library_name: onnx$/m);
    assert.match(card, /^- \*\*Hours used:\*\* \d/m);
  });

  it('How to Use gives rml infer commands for the builtin model, and the text one runs as written', { timeout: 120_000 }, async () => {
    const g = await run(['card', 'generate', '--run', runId, '--out', 'HOW_TO.md'], dir);
    assert.equal(g.code, 0, g.stderr + g.stdout);
    const card = readFileSync(join(dir, 'HOW_TO.md'), 'utf8');
    const howTo = card.slice(card.indexOf('## How to Use'));
    assert.doesNotMatch(howTo, /onnxruntime/, 'a bare ONNX session cannot feed the hashed n-gram inputs');
    const command = /^rml infer --model (\S+) --text "…"$/m.exec(howTo);
    assert.ok(command, howTo);
    assert.match(howTo, new RegExp(`--field ${escape(raw.resolved.data.textField)} `));
    // The folder in the snippet is the run's exported model, relative to the card.
    const r = await run(['infer', '--model', command[1]!, '--text', 'I want a refund for my order', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const labels = Object.values((JSON.parse(readFileSync(join(raw.outputDir, 'config.json'), 'utf8')) as { id2label: Record<string, string> }).id2label);
    const out = JSON.parse(r.stdout) as unknown;
    const predicted = JSON.stringify(out);
    assert.ok([...predicted.matchAll(/"label":"([^"]+)"/g)].some((m) => labels.includes(m[1]!)), `${predicted} names a label of ${labels}`);
  });

  it('without metrics.json or progress, the last values of metrics.jsonl are the run metrics', () => {
    const copy = structuredClone(raw);
    delete copy.progress;
    const file = join(mkdtempSync(join(tmpdir(), 'rml-card-jsonl-')), 'run.json');
    writeFileSync(file, JSON.stringify({ ...copy, outputDir: join(dir, 'nowhere') }));
    const jsonl = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8');
    writeFileSync(join(file, '..', 'metrics.jsonl'), jsonl + 'not json\n');
    const last: Record<string, number> = {};
    for (const line of jsonl.split('\n').filter(Boolean)) {
      const p = JSON.parse(line) as { name?: string; value?: number };
      if (p.name && typeof p.value === 'number') last[p.name] = p.value;
    }
    const { record, warnings } = readRunRecord(file, '', { root: dir });
    assert.deepEqual(warnings, []);
    assert.equal(record.metrics?.eval_accuracy, last['eval/accuracy']);
    assert.equal(record.metrics?.eval_loss, last['eval/loss']);
    assert.ok(!Object.keys(record.metrics!).some((k) => k.includes('group')), 'per-group points stay out of the run metrics');
    rmSync(file);
  });

  it('maps statuses, paths and the gate of a training record; hand-written records still read as before', () => {
    const stopped = parseRunRecord({ ...raw, status: 'stopped', gate: { ...raw.gate!, blocked: false, justification: undefined } }, '', { root: dir }).record;
    assert.equal(stopped.status, 'stopped');
    assert.equal(stopped.gate!.passed, true);
    assert.equal(stopped.gate!.justification, undefined);
    assert.equal(stopped.spec.train.file, 'classification/train.jsonl');
    assert.equal(stopped.dataset_hashes['classification/test.jsonl'], raw.datasets.find((d) => d.role === 'validation')!.sha256);
    assert.equal(stopped.timings.duration_s, raw.timings.durationMs! / 1000);
    assert.equal(stopped.metrics?.eval_accuracy, raw.progress!.latest['eval/accuracy']);
    const hand = parseRunRecord({ id: 'r', spec: { task: 't', train: { file: 'a.jsonl' }, hyper_parameters: {} }, status: 'succeeded', dataset_hashes: {}, timings: {} });
    assert.deepEqual(hand.warnings, []);
    assert.equal(hand.record.spec.train.file, 'a.jsonl');
  });
});
