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
import { runEpochs } from './epoch-loop';
import { FEATURE_RECIPE, featureIds, type FeatureOptions } from './fasttext-features';
import { FastTextModel, FastTextTrainer, softmaxInPlace } from './fasttext-model';
import { fastTextOnnx, ONNX_OPSET } from './onnx-export';
import { prepareExamples, rng } from './prepare-examples';
import { FASTTEXT_MODEL_TYPE } from '../../inference/model-folder';

export type { TrainerHooks, TrainOutcome } from './builtin-job';
/** The builtin trainers' job (kept under its first name for the worker protocol). */
export type FastTextJob = BuiltinTrainJob;


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
  const hidden = new Float32Array(job.model.dim);
  const result = runEpochs(data, h, {
    step: (order, from, to) => trainer.step(trainIds, trainY, order, from, to),
    validationProbabilities(i, probs) {
      model.hidden(validIds[i]!, hidden);
      model.logits(hidden, probs);
      softmaxInPlace(probs);
    },
    snapshot: () => model.snapshot(),
  }, hooks);
  if (result.status === 'stopped') return { status: 'stopped', detail: 'stopped by the user' };

  const best = result.best;
  model.restore(best.snapshot);
  await exportModel(job, model, classNames, featureOptions, { bestEpoch: best.epoch, validation: best.metrics, trainExamples: train.texts.length, validationExamples: validation.texts.length });
  hooks.artifact(job.outputDir, 'model');
  hooks.log(`model written to ${job.outputDir} (best epoch ${best.epoch})`);
  return { status: 'succeeded', bestEpoch: best.epoch, examplesPerSecond: result.examplesPerSecond };
}

/** Writes model.onnx, config.json (labels, feature recipe) and metrics.json into the output folder. */
async function exportModel(job: FastTextJob, model: FastTextModel, classNames: string[], features: FeatureOptions, metrics: Record<string, unknown>): Promise<void> {
  await mkdir(job.outputDir, { recursive: true });
  const onnx = fastTextOnnx(
    { ...model.shape, embeddings: model.embeddings, weights: model.weights, bias: model.bias },
    { producerVersion: job.producerVersion, docString: `fastText-style text classifier trained by Responsible ML (run ${job.runId})` },
  );
  const config = {
    model_type: FASTTEXT_MODEL_TYPE,
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
