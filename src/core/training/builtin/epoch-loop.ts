/**
 * The epoch loop both builtin trainers (fastText-style, encoder head) share: a seeded shuffle per
 * epoch, mini-batches with a stop check before each, train/loss points every
 * TRAIN_LOSS_EVERY_S, a validation pass, the epoch report and early stopping on validation loss.
 * The trainers differ only in what one step and one prediction are.
 */
import type { Hyperparameters } from '../train-spec';
import type { TrainerHooks } from './builtin-job';
import { EarlyStopping, reportEpoch } from './epoch-validation';
import { rng, shuffle, type PreparedExamples } from './prepare-examples';

/** Seconds between train/loss points within an epoch. */
export const TRAIN_LOSS_EVERY_S = 0.5;

/** What the loop needs of a model under training. */
export interface EpochModel<S> {
  /** One optimisation step on the training examples order[from, to); the batch's mean loss. */
  step(order: Uint32Array, from: number, to: number): number;
  /** Writes the class probabilities of validation example `i` into `probs`. */
  validationProbabilities(i: number, probs: Float32Array): void;
  /** The weights to keep when an epoch is the best so far. */
  snapshot(): S;
}

export type EpochLoopResult<S> =
  | { status: 'stopped' }
  | { status: 'finished'; best: NonNullable<EarlyStopping<S>['best']>; examplesPerSecond: number };

/** Trains for at most `h.epochs` epochs; the best epoch (lowest validation loss) comes back. */
export function runEpochs<S>(data: PreparedExamples, h: Hyperparameters, model: EpochModel<S>, hooks: TrainerHooks): EpochLoopResult<S> {
  const { classNames, trainY, validY } = data;
  const order = Uint32Array.from(trainY.keys());
  // seed + 2: seed initialises the model and seed + 1 makes the validation split (prepare-examples).
  const shuffler = rng(h.seed + 2);
  const stopping = new EarlyStopping<S>(h.earlyStoppingPatience);
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
        return { status: 'stopped' };
      }
      const to = Math.min(order.length, from + h.batchSize);
      const loss = model.step(order, from, to);
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

    const probs = new Float32Array(classNames.length);
    const pred = new Int32Array(validY.length);
    let validLoss = 0;
    for (let i = 0; i < validY.length; i++) {
      model.validationProbabilities(i, probs);
      validLoss += -Math.log(Math.max(probs[validY[i]!]!, 1e-12));
      let arg = 0;
      for (let c = 1; c < probs.length; c++) if (probs[c]! > probs[arg]!) arg = c;
      pred[i] = arg;
    }
    validLoss /= validY.length;
    const metrics = reportEpoch(data, { epoch, epochs: h.epochs, step, lossSum, examples: order.length, seconds, validLoss, predictions: pred }, hooks);
    if (stopping.update(epoch, metrics, () => model.snapshot(), hooks)) break;
  }
  return { status: 'finished', best: stopping.best!, examplesPerSecond: trainedExamples / trainSeconds };
}
