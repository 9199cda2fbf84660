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
import type { BuiltinTrainJob, TrainerHooks, TrainOutcome } from './builtin-job';
import { EarlyStopping, reportEpoch } from './epoch-validation';
import { FEATURE_RECIPE, featureIds, type FeatureOptions } from './fasttext-features';
import { FastTextModel, FastTextTrainer, softmaxInPlace } from './fasttext-model';
import { fastTextOnnx, ONNX_OPSET } from './onnx-export';
import { prepareExamples, rng, shuffle } from './prepare-examples';

export type { TrainerHooks, TrainOutcome } from './builtin-job';
/** The builtin trainers' job (kept under its first name for the worker protocol). */
export type FastTextJob = BuiltinTrainJob;

/** Seconds between train/loss points within an epoch. */
export const TRAIN_LOSS_EVERY_S = 0.5;

/** Trains, validates and exports; throws for unusable input (no examples, one class). */
export async function trainFastText(job: FastTextJob, hooks: TrainerHooks): Promise<TrainOutcome> {
  const h = job.hyperparameters;
  const data = await prepareExamples(job, hooks);
  const { train, validation, classNames, trainY, validY } = data;

  const featureOptions: FeatureOptions = { buckets: job.model.buckets, wordNgrams: job.model.wordNgrams, charNgrams: job.model.charNgrams };
  const started = performance.now();
  const trainIds = train.texts.map((t) => featureIds(t, featureOptions));
  const validIds = validation.texts.map((t) => featureIds(t, featureOptions));
  hooks.log(
    `${train.texts.length} training and ${validation.texts.length} validation examples, ${classNames.length} classes; features in ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );

  const model = new FastTextModel({ buckets: job.model.buckets, dim: job.model.dim, classes: classNames.length }, rng(h.seed));
  const trainer = new FastTextTrainer(model, { learningRate: h.learningRate });
  const order = Uint32Array.from(trainY.keys());
  const shuffler = rng(h.seed + 2);
  const stopping = new EarlyStopping<ReturnType<FastTextModel['snapshot']>>(h.earlyStoppingPatience);
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
    const metrics = reportEpoch(data, { epoch, epochs: h.epochs, step, lossSum, examples: order.length, seconds, validLoss, predictions: pred }, hooks);
    if (stopping.update(epoch, metrics, () => model.snapshot(), hooks)) break;
  }

  const best = stopping.best!;
  model.restore(best.snapshot);
  await exportModel(job, model, classNames, featureOptions, { bestEpoch: best.epoch, validation: best.metrics, trainExamples: train.texts.length, validationExamples: validation.texts.length });
  hooks.artifact(job.outputDir, 'model');
  hooks.log(`model written to ${job.outputDir} (best epoch ${best.epoch})`);
  return { status: 'succeeded', bestEpoch: best.epoch, examplesPerSecond: trainedExamples / trainSeconds };
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
