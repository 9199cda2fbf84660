/**
 * The data side shared by the builtin trainers: training and validation examples read (or a
 * seeded 10% held out), labels numbered, and the sensitive attributes fit for per-group metrics.
 */
import { sfc32 } from '../../random/sfc32';
import type { BuiltinTrainJob, TrainerHooks } from './builtin-job';
import { readExamples, type Examples } from './read-examples';

/** An attribute with more values than this is not reported per group. */
const MAX_GROUPS = 50;
/** Share of the training file held out when the spec has no validation file. */
const HOLDOUT = 0.1;

export interface PreparedExamples {
  train: Examples;
  validation: Examples;
  /** Sorted label names; a label's index is its class. */
  classNames: string[];
  trainY: Int32Array;
  validY: Int32Array;
  /** Attributes to report per-group validation metrics for. */
  groupedBy: string[];
}

/** The trainers' seeded generator. */
export function rng(seed: number): () => number {
  return sfc32(seed, 0x9e3779b9, seed ^ 0x85ebca6b, 0xc2b2ae35);
}

/** Fisher–Yates with the seeded generator. */
export function shuffle(order: Uint32Array, random: () => number): void {
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

/** Reads the job's examples; throws for unusable input (no examples, one class). */
export async function prepareExamples(job: BuiltinTrainJob, hooks: TrainerHooks): Promise<PreparedExamples> {
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
    shuffle(order, rng(job.hyperparameters.seed + 1));
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
  const groupedBy = job.groups.map((g) => g.name).filter((attribute) => {
    // A raw numeric column (age without bins) is not a set of groups: leave it out, and say so.
    const values = new Set(validation.groups.map((g) => g[attribute]));
    if (values.size <= MAX_GROUPS) return true;
    hooks.log(`warning: ${attribute} has ${values.size} distinct values in the validation data; per-group metrics skipped (give it bins in responsible-ml.config.json)`);
    return false;
  });
  return {
    train,
    validation,
    classNames,
    trainY: Int32Array.from(train.labels, (l) => classOf.get(l)!),
    validY: Int32Array.from(validation.labels, (l) => classOf.get(l)!),
    groupedBy,
  };
}
