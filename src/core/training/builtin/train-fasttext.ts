/**
 * The builtin trainer: a fastText-style text classifier trained from scratch (hashed word and
 * character n-gram embeddings, averaged, softmax, Adam, seeded), validated every epoch (loss,
 * accuracy, macro-F1, per-group accuracy and macro-F1), early stopping on validation loss, and
 * the best epoch exported as an ONNX model folder. Runs anywhere; the builtin runner runs it in
 * a worker thread of a detached trainer process (train-process.worker.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../anonymize/atomic-file';
import { sfc32 } from '../../random/sfc32';
import type { MetricPoint } from '../metric-point';
import type { BuiltinModelOptions, Hyperparameters } from '../train-spec';
import { classificationMetrics } from './classification-metrics';
import { FEATURE_RECIPE, featureIds, type FeatureOptions } from './fasttext-features';
import { FastTextModel, FastTextTrainer, softmaxInPlace } from './fasttext-model';
import { groupValidationMetrics, type GroupValidationTable } from './group-validation-metrics';
import { fastTextOnnx, ONNX_OPSET } from './onnx-export';
import { readExamples, type Examples, type GroupAttribute } from './read-examples';

export interface FastTextJob {
  runId: string;
  train: string;
  validation?: string;
  textField: string;
  labelField: string;
  groups: GroupAttribute[];
  hyperparameters: Hyperparameters;
  model: BuiltinModelOptions;
  outputDir: string;
  producerVersion: string;
}

/** How the trainer reports and is stopped. */
export interface TrainerHooks {
  log(line: string): void;
  metrics(points: MetricPoint[]): void;
  artifact(path: string, kind: string): void;
  shouldStop(): boolean;
}

export interface TrainOutcome {
  status: 'succeeded' | 'stopped';
  detail?: string;
  bestEpoch?: number;
  examplesPerSecond?: number;
}

/** Seconds between train/loss points within an epoch. */
const TRAIN_LOSS_EVERY_S = 0.5;
/** An attribute with more values than this is not reported per group. */
const MAX_GROUPS = 50;
/** Share of the training file held out when the spec has no validation file. */
const HOLDOUT = 0.1;

function rng(seed: number): () => number {
  return sfc32(seed, 0x9e3779b9, seed ^ 0x85ebca6b, 0xc2b2ae35);
}

function shuffle(order: Uint32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = random() % (i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

function subset(e: Examples, rows: number[]): Examples {
  return { texts: rows.map((i) => e.texts[i]!), labels: rows.map((i) => e.labels[i]!), groups: rows.map((i) => e.groups[i]!), problems: [], skipped: 0 };
}

/** Trains, validates and exports; throws for unusable input (no examples, one class). */
export async function trainFastText(job: FastTextJob, hooks: TrainerHooks): Promise<TrainOutcome> {
  const h = job.hyperparameters;
  const fields = { text: job.textField, label: job.labelField, groups: job.groups };
  hooks.log(`reading ${job.train}`);
  let train = await readExamples(job.train, fields);
  let validation: Examples;
  for (const p of train.problems) hooks.log(`warning: ${p}`);
  if (job.validation) {
    hooks.log(`reading ${job.validation}`);
    validation = await readExamples(job.validation, fields);
    for (const p of validation.problems) hooks.log(`warning: ${p}`);
  } else {
    // No validation file: hold out a seeded 10% so early stopping and metrics mean something.
    const order = Uint32Array.from(train.texts.keys());
    shuffle(order, rng(h.seed + 1));
    const cut = Math.max(1, Math.round(order.length * HOLDOUT));
    validation = subset(train, Array.from(order.subarray(0, cut)));
    train = subset(train, Array.from(order.subarray(cut)));
    hooks.log(`no validation file: holding out ${cut} of the training examples (seeded)`);
  }
  if (train.texts.length === 0) throw new Error(`${job.train}: no usable examples (fields '${job.textField}' and '${job.labelField}')`);
  if (validation.texts.length === 0) throw new Error(`${job.validation ?? job.train}: no usable validation examples`);
  const classNames = [...new Set([...train.labels, ...validation.labels])].sort();
  if (new Set(train.labels).size < 2) throw new Error(`${job.train}: the training data has only one label ('${train.labels[0]}'); a classifier needs two or more`);
  const classOf = new Map(classNames.map((c, i) => [c, i]));

  const featureOptions: FeatureOptions = { buckets: job.model.buckets, wordNgrams: job.model.wordNgrams, charNgrams: job.model.charNgrams };
  const started = performance.now();
  const trainIds = train.texts.map((t) => featureIds(t, featureOptions));
  const validIds = validation.texts.map((t) => featureIds(t, featureOptions));
  const trainY = Int32Array.from(train.labels, (l) => classOf.get(l)!);
  const validY = Int32Array.from(validation.labels, (l) => classOf.get(l)!);
  hooks.log(
    `${train.texts.length} training and ${validation.texts.length} validation examples, ${classNames.length} classes; features in ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );

  const model = new FastTextModel({ buckets: job.model.buckets, dim: job.model.dim, classes: classNames.length }, rng(h.seed));
  const trainer = new FastTextTrainer(model, { learningRate: h.learningRate });
  const order = Uint32Array.from(trainY.keys());
  const shuffler = rng(h.seed + 2);
  const groupedBy = job.groups.map((g) => g.name).filter((attribute) => {
    // A raw numeric column (age without bins) is not a set of groups: leave it out, and say so.
    const values = new Set(validation.groups.map((g) => g[attribute]));
    if (values.size <= MAX_GROUPS) return true;
    hooks.log(`warning: ${attribute} has ${values.size} distinct values in the validation data; per-group metrics skipped (give it bins in responsible-ml.config.json)`);
    return false;
  });
  let best: { loss: number; epoch: number; snapshot: ReturnType<FastTextModel['snapshot']>; metrics: Record<string, unknown> } | undefined;
  let sinceBest = 0;
  let step = 0;
  let trainSeconds = 0;
  let trainedExamples = 0;

  for (let epoch = 1; epoch <= h.epochs; epoch++) {
    shuffle(order, shuffler);
    const epochStart = performance.now();
    let lossSum = 0;
    let lossSince = 0;
    let countSince = 0;
    let lastReport = epochStart;
    for (let from = 0; from < order.length; from += h.batchSize) {
      if (hooks.shouldStop()) {
        hooks.log(`stopped during epoch ${epoch}`);
        return { status: 'stopped', detail: 'stopped by the user' };
      }
      const to = Math.min(order.length, from + h.batchSize);
      const loss = trainer.step(trainIds, trainY, order, from, to);
      step += 1;
      lossSum += loss;
      lossSince += loss;
      countSince += to - from;
      const now = performance.now();
      if (now - lastReport >= TRAIN_LOSS_EVERY_S * 1000) {
        hooks.metrics([{ step, epoch: epoch - 1 + to / order.length, name: 'train/loss', value: lossSince / countSince, wallTime: Date.now() / 1000 }]);
        lossSince = 0;
        countSince = 0;
        lastReport = now;
      }
    }
    const seconds = (performance.now() - epochStart) / 1000;
    trainSeconds += seconds;
    trainedExamples += order.length;

    // Validation pass.
    const probs = new Float32Array(classNames.length);
    const hidden = new Float32Array(job.model.dim);
    const pred = new Int32Array(validY.length);
    let validLoss = 0;
    for (let i = 0; i < validY.length; i++) {
      model.hidden(validIds[i]!, hidden);
      model.logits(hidden, probs);
      softmaxInPlace(probs);
      validLoss += -Math.log(Math.max(probs[validY[i]!]!, 1e-12));
      let arg = 0;
      for (let c = 1; c < probs.length; c++) if (probs[c]! > probs[arg]!) arg = c;
      pred[i] = arg;
    }
    validLoss /= validY.length;
    const overall = classificationMetrics(validY, pred, classNames.length);
    const wallTime = Date.now() / 1000;
    const point = (name: string, value: number): MetricPoint => ({ step, epoch, name, value, wallTime });
    const points: MetricPoint[] = [
      point('train/epoch_loss', lossSum / order.length),
      point('train/examples_per_second', order.length / seconds),
      point('eval/loss', validLoss),
      point('eval/accuracy', overall.accuracy),
      point('eval/f1_macro', overall.f1Macro),
    ];
    // Per-group metrics come from the fairness engine, so they match `rml fairness` on the same rows.
    const groups: GroupValidationTable = groupedBy.length ? groupValidationMetrics(validY, pred, classNames.length, validation.groups, groupedBy).groups : {};
    for (const [attribute, values] of Object.entries(groups)) {
      for (const [value, m] of Object.entries(values)) {
        points.push(point(`eval/group/${attribute}=${value}/accuracy`, m.accuracy), point(`eval/group/${attribute}=${value}/f1_macro`, m.f1_macro));
      }
    }
    hooks.metrics(points);
    hooks.log(
      `epoch ${epoch}/${h.epochs}: train loss ${(lossSum / order.length).toFixed(4)}, eval loss ${validLoss.toFixed(4)}, accuracy ${overall.accuracy.toFixed(4)}, macro-F1 ${overall.f1Macro.toFixed(4)} (${Math.round(order.length / seconds)} examples/s)`,
    );

    if (!best || validLoss < best.loss - 1e-9) {
      best = { loss: validLoss, epoch, snapshot: model.snapshot(), metrics: { loss: validLoss, accuracy: overall.accuracy, f1_macro: overall.f1Macro, count: overall.count, groups } };
      sinceBest = 0;
    } else {
      sinceBest += 1;
      if (h.earlyStoppingPatience > 0 && sinceBest >= h.earlyStoppingPatience) {
        hooks.log(`early stopping: no better validation loss for ${sinceBest} epochs; keeping epoch ${best.epoch}`);
        break;
      }
    }
  }

  model.restore(best!.snapshot);
  await exportModel(job, model, classNames, featureOptions, { bestEpoch: best!.epoch, validation: best!.metrics, trainExamples: train.texts.length, validationExamples: validation.texts.length });
  hooks.artifact(job.outputDir, 'model');
  hooks.log(`model written to ${job.outputDir} (best epoch ${best!.epoch})`);
  return { status: 'succeeded', bestEpoch: best!.epoch, examplesPerSecond: trainedExamples / trainSeconds };
}

/** Writes model.onnx, config.json (labels, feature recipe) and metrics.json into the output folder. */
async function exportModel(job: FastTextJob, model: FastTextModel, classNames: string[], features: FeatureOptions, metrics: Record<string, unknown>): Promise<void> {
  await mkdir(job.outputDir, { recursive: true });
  const onnx = fastTextOnnx(
    { ...model.shape, embeddings: model.embeddings, weights: model.weights, bias: model.bias },
    { producerVersion: job.producerVersion, docString: `fastText-style text classifier trained by Responsible ML (run ${job.runId})` },
  );
  const config = {
    model_type: 'rml-fasttext',
    architectures: ['FastTextClassifier'],
    task: 'text-classification',
    id2label: Object.fromEntries(classNames.map((c, i) => [String(i), c])),
    label2id: Object.fromEntries(classNames.map((c, i) => [c, i])),
    num_labels: classNames.length,
    rml: {
      run: job.runId,
      onnx: { file: 'model.onnx', opset: ONNX_OPSET, inputs: { ngram_ids: 'int64 [batch, n]', ngram_mask: 'float32 [batch, n], 1 = id, 0 = padding' }, outputs: ['logits', 'probabilities'] },
      features: { ...features, recipe: FEATURE_RECIPE },
      embedding_dim: model.shape.dim,
      text_field: job.textField,
      label_field: job.labelField,
      hyperparameters: job.hyperparameters,
    },
  };
  await writeFileAtomic(join(job.outputDir, 'model.onnx'), onnx);
  await writeFileAtomic(join(job.outputDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  await writeFileAtomic(join(job.outputDir, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
}
