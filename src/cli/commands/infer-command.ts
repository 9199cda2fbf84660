import { resolve } from 'node:path';
import { InferenceEngine } from '../../core/inference/inference-engine';
import { INFERENCE_TASKS, type DeviceSetting, type InferenceTask } from '../../core/inference/inference-types';
import { cliCacheDir, shippedModelsDir } from '../../core/inference/model-locations';
import { predictDataset } from '../../core/inference/predict-dataset';
import { join } from 'node:path';
import { EXIT_OK, UsageError, type Subcommand } from '../cli-types';
import { parseFormat, writeOutput } from '../output';

function choice<T extends string>(value: unknown, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${String(value)}')`);
}

/** `rml infer`: runs a local (or, when allowed, downloaded) model over a dataset field or one text. */
export const inferCommand: Subcommand = {
  name: 'infer',
  summary: 'Run a text model (classification, NER, embeddings) over a dataset and write predictions',
  usage:
    'rml infer --model <dir|hub-id> [--task <task>] (--input <file> [--field text] [--output preds.jsonl] | --text "…") [--device auto|cpu|cuda] [--batch-size N]',
  options: {
    model: { type: 'string', short: 'm' },
    task: { type: 'string', short: 't' },
    input: { type: 'string', short: 'i' },
    field: { type: 'string' },
    output: { type: 'string', short: 'o' },
    text: { type: 'string' },
    device: { type: 'string' },
    'batch-size': { type: 'string' },
    label: { type: 'string' },
    sensitive: { type: 'string', multiple: true },
    'id-field': { type: 'string' },
    'allow-download': { type: 'boolean' },
    'cache-dir': { type: 'string' },
    format: { type: 'string', short: 'f' },
  },
  optionHelp: {
    model: 'a model folder (config.json, tokenizer.json, onnx/model.onnx), a shipped model name (pii-ner) or a Hugging Face Hub id',
    task: `${INFERENCE_TASKS.join(', ')} (default: from the model's config.json)`,
    input: 'dataset file (JSONL, CSV, TSV)',
    field: 'the text field: JSON path or CSV column (default text)',
    output: 'predictions file (default <input>.predictions.jsonl beside the input)',
    text: 'run on this one text instead of a file; the result is printed as JSON',
    device: 'auto (default: CUDA only where it can work), cpu or cuda (falls back to CPU with a message)',
    'batch-size': 'inputs per model call (default 16)',
    label: 'copy this field into the predictions as y_true (for rml fairness)',
    sensitive: 'copy this sensitive attribute into the predictions; repeatable',
    'id-field': 'record id field (default id, else the record number)',
    'allow-download': 'allow downloading a Hub model (off by default: nothing leaves the machine)',
    'cache-dir': 'where downloaded models are cached (default ~/.cache/responsible-ml/hub)',
    format: 'text (default) or json: the run summary on stdout',
  },
  details: 'Predictions rows: {"id", "y_pred", "score", …, "y_true", <sensitive attributes>} — the input rml fairness reads.',
  async run({ values, io }) {
    const model = values.model as string | undefined;
    if (!model) throw new UsageError('--model is required');
    const input = values.input as string | undefined;
    const text = values.text as string | undefined;
    if (!input === (text === undefined)) throw new UsageError('give exactly one of --input <file> or --text "…"');
    const task = choice<InferenceTask>(values.task, INFERENCE_TASKS, 'task');
    const device = choice<DeviceSetting>(values.device, ['auto', 'cpu', 'cuda'], 'device') ?? 'auto';
    const format = parseFormat(values.format, ['text', 'json'] as const);
    const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
    if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1)) throw new UsageError(`--batch-size must be a whole number ≥ 1 (got '${String(values['batch-size'])}')`);
    const shipped = shippedModelsDir();
    const engine = new InferenceEngine({
      device,
      allowDownload: Boolean(values['allow-download']),
      cacheDir: values['cache-dir'] ? resolve(io.cwd, String(values['cache-dir'])) : join(cliCacheDir(), 'hub'),
      ...(process.env.RML_ORT_GPU_DIR ? { gpuRoot: process.env.RML_ORT_GPU_DIR } : {}),
      ...(shipped ? { searchPaths: [shipped] } : {}),
      cwd: io.cwd,
      idleMs: 0,
      onMessage: (m) => io.stderr(`rml infer: ${m}`),
    });
    try {
      if (text !== undefined) {
        const [result] = await engine.run({ model, ...(task ? { task } : {}), inputs: [text] });
        writeOutput(io, JSON.stringify({ model, device: engine.device, result }, null, 2));
        return EXIT_OK;
      }
      const sensitive = values.sensitive as string[] | undefined;
      const summary = await predictDataset(engine, {
        input: resolve(io.cwd, input!),
        model,
        ...(task ? { task } : {}),
        ...(values.field ? { field: String(values.field) } : {}),
        ...(values.output ? { output: resolve(io.cwd, String(values.output)) } : {}),
        ...(values.label ? { labelField: String(values.label) } : {}),
        ...(values['id-field'] ? { idField: String(values['id-field']) } : {}),
        ...(sensitive ? { sensitive } : {}),
        ...(batchSize ? { batchSize } : {}),
      });
      for (const p of summary.problems) io.stderr(`rml infer: ${p}`);
      if (format === 'json') writeOutput(io, JSON.stringify({ ...summary, device: engine.device }, null, 2));
      else {
        writeOutput(
          io,
          `${summary.predicted} of ${summary.records} records predicted (${summary.task}, ${engine.device ?? 'cpu'}, ${(summary.ms / 1000).toFixed(1)} s) → ${summary.output}` +
            (summary.skipped ? `; ${summary.skipped} skipped without a '${values.field ?? 'text'}' field` : ''),
        );
      }
      return EXIT_OK;
    } finally {
      await engine.dispose();
    }
  },
};
