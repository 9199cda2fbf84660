/**
 * The end of an epoch, shared by the builtin trainers: validation metrics (loss, accuracy,
 * macro-F1, per-group accuracy and macro-F1 from the fairness engine) as metric points and a
 * log line, and early stopping on validation loss.
 */
import type { MetricPoint } from '../metric-point';
import type { TrainerHooks } from './builtin-job';
import { classificationMetrics } from './classification-metrics';
import { groupValidationMetrics, type GroupValidationTable } from './group-validation-metrics';
import type { PreparedExamples } from './prepare-examples';

export interface EpochFacts {
  epoch: number;
  epochs: number;
  step: number;
  /** Summed training loss and examples of the epoch, and its seconds. */
  lossSum: number;
  examples: number;
  seconds: number;
  /** Mean validation cross-entropy and the predicted class of every validation example. */
  validLoss: number;
  predictions: Int32Array;
}

/** The best epoch's validation metrics, as metrics.json stores them. */
export interface ValidationSummary {
  loss: number;
  accuracy: number;
  f1_macro: number;
  count: number;
  groups: GroupValidationTable;
}

/** Reports one epoch's points and log line; returns its validation summary. */
export function reportEpoch(data: PreparedExamples, facts: EpochFacts, hooks: TrainerHooks): ValidationSummary {
  const { validY, classNames, validation, groupedBy } = data;
  const { epoch, step, lossSum, examples, seconds, validLoss, predictions } = facts;
  const overall = classificationMetrics(validY, predictions, classNames.length);
  const wallTime = Date.now() / 1000;
  const point = (name: string, value: number): MetricPoint => ({ step, epoch, name, value, wallTime });
  const points: MetricPoint[] = [
    point('train/epoch_loss', lossSum / examples),
    point('train/examples_per_second', examples / seconds),
    point('eval/loss', validLoss),
    point('eval/accuracy', overall.accuracy),
    point('eval/f1_macro', overall.f1Macro),
  ];
  // Per-group metrics come from the fairness engine, so they match `rml fairness` on the same rows.
  const groups: GroupValidationTable = groupedBy.length ? groupValidationMetrics(validY, predictions, classNames.length, validation.groups, groupedBy).groups : {};
  for (const [attribute, values] of Object.entries(groups)) {
    for (const [value, m] of Object.entries(values)) {
      points.push(point(`eval/group/${attribute}=${value}/accuracy`, m.accuracy), point(`eval/group/${attribute}=${value}/f1_macro`, m.f1_macro));
    }
  }
  hooks.metrics(points);
  hooks.log(
    `epoch ${epoch}/${facts.epochs}: train loss ${(lossSum / examples).toFixed(4)}, eval loss ${validLoss.toFixed(4)}, accuracy ${overall.accuracy.toFixed(4)}, macro-F1 ${overall.f1Macro.toFixed(4)} (${Math.round(examples / seconds)} examples/s)`,
  );
  return { loss: validLoss, accuracy: overall.accuracy, f1_macro: overall.f1Macro, count: overall.count, groups };
}

/** Keeps the epoch with the lowest validation loss and says when patience has run out. */
export class EarlyStopping<S> {
  best: { loss: number; epoch: number; snapshot: S; metrics: ValidationSummary } | undefined;
  private sinceBest = 0;

  constructor(private readonly patience: number) {}

  /** Records an epoch; `snapshot` is called only for a new best. Returns true when training should stop. */
  update(epoch: number, metrics: ValidationSummary, snapshot: () => S, hooks: TrainerHooks): boolean {
    if (!this.best || metrics.loss < this.best.loss - 1e-9) {
      this.best = { loss: metrics.loss, epoch, snapshot: snapshot(), metrics };
      this.sinceBest = 0;
      return false;
    }
    this.sinceBest += 1;
    if (this.patience > 0 && this.sinceBest >= this.patience) {
      hooks.log(`early stopping: no better validation loss for ${this.sinceBest} epochs; keeping epoch ${this.best.epoch}`);
      return true;
    }
    return false;
  }
}
