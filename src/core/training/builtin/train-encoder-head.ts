/**
 * The builtin encoder head: a local encoder (the spec's baseModel) embeds every training and
 * validation text once through the inference engine, the vectors stay in memory for the run,
 * and a softmax head (or one hidden ReLU layer) is trained on them with Adam, seeded, with the
 * fastText trainer's per-epoch validation, per-group metrics and early stopping. The export is
 * one ONNX graph (encoder + mean pooling + normalisation + head) with the encoder's tokenizer,
 * so `rml infer` and the engine run it on raw text.
 */
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../anonymize/atomic-file';
import { InferenceEngine } from '../../inference/inference-engine';
import { readModelConfig } from '../../inference/model-folder';
import { describeBaseEncoder, type BaseEncoderInfo } from './base-encoder';
import type { BuiltinTrainJob, TrainerHooks, TrainOutcome } from './builtin-job';
import { DenseHead, DenseHeadTrainer } from './dense-head';
import { embedTexts } from './embed-texts';
import { encoderHeadOnnx, inspectEncoder } from './encoder-head-onnx';
import { runEpochs } from './epoch-loop';
import { prepareExamples, rng } from './prepare-examples';

/** Texts per encoder call while embedding. */
const EMBED_BATCH = 32;
/** Seconds between embedding progress lines. */
const EMBED_LOG_EVERY_S = 2;
/** A dimension whose training values hardly vary is scaled by this instead of ~0. */
const MIN_STD = 1e-6;
/** Tokenizer files copied from the encoder folder into the export (never weights). */
const TOKENIZER_FILE = /^(tokenizer(_config)?\.json|special_tokens_map\.json|added_tokens\.json|vocab\.(txt|json)|merges\.txt|(sentencepiece\.bpe|spiece|tokenizer)\.model)$/;

/** Per-dimension mean and standard deviation of row-major vectors. */
export function featureStats(x: Float32Array, dim: number): { mean: Float32Array; std: Float32Array } {
  const n = x.length / dim;
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j]! += x[i * dim + j]!;
  for (let j = 0; j < dim; j++) mean[j]! /= n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < dim; j++) {
      const d = x[i * dim + j]! - mean[j]!;
      sq[j]! += d * d;
    }
  const std = Float32Array.from(sq, (s) => Math.max(Math.sqrt(s / n), MIN_STD));
  return { mean: Float32Array.from(mean), std };
}

/** (x − mean) / std, row by row, into a new array (the exported graph does the same in float32). */
function standardize(x: Float32Array, dim: number, stats: { mean: Float32Array; std: Float32Array }): Float32Array {
  const out = new Float32Array(x.length);
  for (let k = 0; k < x.length; k++) out[k] = (x[k]! - stats.mean[k % dim]!) / stats.std[k % dim]!;
  return out;
}

/** Trains the head, validates, exports; throws for unusable input or an encoder that cannot carry a head. */
export async function trainEncoderHead(job: BuiltinTrainJob, hooks: TrainerHooks): Promise<TrainOutcome> {
  if (!job.baseModel) throw new Error('the encoder head needs a baseModel (a local encoder folder or a hub id)');
  const h = job.hyperparameters;
  const engineOptions = { ...job.engine, ...(job.baseDir ? { cwd: job.baseDir } : {}) };
  const resolveOptions = { allowDownload: engineOptions.allowDownload ?? false, ...(engineOptions.cacheDir ? { cacheDir: engineOptions.cacheDir } : {}), ...(engineOptions.searchPaths ? { searchPaths: engineOptions.searchPaths } : {}), ...(engineOptions.cwd ? { cwd: engineOptions.cwd } : {}) };
  let base = job.base ?? (await describeBaseEncoder(job.baseModel, resolveOptions));
  if (base.path) {
    inspectEncoder(await readFile(join(base.path, base.onnx!)));
    hooks.log(`encoder ${base.ref}: ${join(base.path, base.onnx!)} (sha256 ${base.sha256})`);
  }
  const data = await prepareExamples(job, hooks);
  const { train, validation, classNames, trainY, validY } = data;

  const engine = new InferenceEngine({ ...engineOptions, idleMs: 0, onMessage: (m) => hooks.log(m) });
  let embedded: { train: Float32Array; valid: Float32Array; dim: number } | undefined;
  const embedStart = performance.now();
  let device = 'cpu';
  try {
    const total = train.texts.length + validation.texts.length;
    let lastLog = performance.now();
    const progress = (offset: number) => (done: number) => {
      const now = performance.now();
      if (now - lastLog < EMBED_LOG_EVERY_S * 1000) return;
      lastLog = now;
      hooks.log(`embedding ${offset + done}/${total} texts (${Math.round((offset + done) / ((now - embedStart) / 1000))} texts/s)`);
    };
    hooks.log(`embedding ${total} texts with ${base.ref} (batch ${EMBED_BATCH})`);
    const t = await embedTexts(engine, job.baseModel, train.texts, { batchSize: EMBED_BATCH, shouldStop: hooks.shouldStop, onProgress: progress(0) });
    const v = t && (await embedTexts(engine, job.baseModel, validation.texts, { batchSize: EMBED_BATCH, shouldStop: hooks.shouldStop, onProgress: progress(train.texts.length) }));
    if (t && v) embedded = { train: t.vectors, valid: v.vectors, dim: t.dim };
    device = engine.device ?? 'cpu';
  } finally {
    await engine.dispose();
  }
  if (!embedded) {
    hooks.log('stopped while embedding');
    return { status: 'stopped', detail: 'stopped by the user' };
  }
  const embedSeconds = (performance.now() - embedStart) / 1000;
  const { dim } = embedded;
  // A hub model downloaded just now is in the cache folder from here on.
  if (!base.path) base = await describeBaseEncoder(job.baseModel, resolveOptions);
  hooks.log(
    `${train.texts.length} training and ${validation.texts.length} validation examples, ${classNames.length} classes; embedded (${dim} dimensions, ${device}) in ${embedSeconds.toFixed(2)} s (${Math.round((train.texts.length + validation.texts.length) / embedSeconds)} texts/s)`,
  );
  hooks.metrics([{ step: 0, epoch: 0, name: 'train/embedding_texts_per_second', value: (train.texts.length + validation.texts.length) / embedSeconds, wallTime: Date.now() / 1000 }]);

  const stats = featureStats(embedded.train, dim);
  const trainX = standardize(embedded.train, dim, stats);
  const validX = standardize(embedded.valid, dim, stats);
  const hiddenUnits = job.model.hiddenUnits ?? 0;
  const head = new DenseHead(hiddenUnits > 0 ? [dim, hiddenUnits, classNames.length] : [dim, classNames.length], rng(h.seed));
  const trainer = new DenseHeadTrainer(head, { learningRate: h.learningRate });
  const acts = head.activations();
  const result = runEpochs(data, h, {
    step: (order, from, to) => trainer.step(trainX, dim, trainY, order, from, to),
    validationProbabilities: (i, probs) => head.predict(validX, i * dim, probs, acts),
    snapshot: () => head.snapshot(),
  }, hooks);
  if (result.status === 'stopped') return { status: 'stopped', detail: 'stopped by the user' };

  const best = result.best;
  head.restore(best.snapshot);
  await exportEncoderHead(job, base, head, stats, classNames, {
    bestEpoch: best.epoch,
    validation: best.metrics,
    trainExamples: train.texts.length,
    validationExamples: validation.texts.length,
    embeddingSeconds: embedSeconds,
  });
  hooks.artifact(job.outputDir, 'model');
  hooks.log(`model written to ${job.outputDir} (best epoch ${best.epoch}; encoder + head in onnx/model.onnx)`);
  return { status: 'succeeded', bestEpoch: best.epoch, examplesPerSecond: result.examplesPerSecond, embeddingSeconds: embedSeconds };
}

/** Writes onnx/model.onnx (encoder + head), config.json (the encoder's, as a sequence classifier, with labels), tokenizer files and metrics.json. */
async function exportEncoderHead(job: BuiltinTrainJob, base: BaseEncoderInfo, head: DenseHead, stats: { mean: Float32Array; std: Float32Array }, classNames: string[], metrics: Record<string, unknown>): Promise<void> {
  if (!base.path || !base.onnx) throw new Error(`cannot export: the encoder ${base.ref} is not in a local folder`);
  await mkdir(join(job.outputDir, 'onnx'), { recursive: true });
  const onnx = encoderHeadOnnx(
    await readFile(join(base.path, base.onnx)),
    { mean: stats.mean, std: stats.std, layers: head.layers, normalize: true },
    { producerVersion: job.producerVersion, docString: `Encoder head trained by Responsible ML (run ${job.runId}) on frozen embeddings of ${base.ref} (sha256 ${base.sha256})` },
  );
  const encoderConfig = readModelConfig(base.path) as unknown as Record<string, unknown> & { architectures?: string[] };
  const arch = encoderConfig.architectures?.[0] ?? '';
  const config = {
    ...encoderConfig,
    // The engine and transformers.js read *ForSequenceClassification as text classification.
    architectures: [arch.endsWith('Model') ? `${arch.slice(0, -'Model'.length)}ForSequenceClassification` : 'EncoderHeadForSequenceClassification'],
    id2label: Object.fromEntries(classNames.map((c, i) => [String(i), c])),
    label2id: Object.fromEntries(classNames.map((c, i) => [c, i])),
    problem_type: 'single_label_classification',
    rml: {
      run: job.runId,
      model: 'encoder-head',
      base_model: base,
      onnx: { file: 'onnx/model.onnx', inputs: 'the encoder\'s (input_ids, attention_mask, …)', outputs: ['logits', 'probabilities'] },
      pooling: 'mean over attention_mask, then L2-normalised, then standardised with the training mean and std',
      head: { hidden_units: job.model.hiddenUnits ?? 0, embedding_dim: stats.mean.length, classes: classNames.length },
      text_field: job.textField,
      label_field: job.labelField,
      hyperparameters: job.hyperparameters,
    },
  };
  for (const name of await readdir(base.path)) {
    if (TOKENIZER_FILE.test(name)) await copyFile(join(base.path, name), join(job.outputDir, name));
  }
  await writeFileAtomic(join(job.outputDir, 'onnx', 'model.onnx'), onnx);
  await writeFileAtomic(join(job.outputDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  await writeFileAtomic(join(job.outputDir, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
}
