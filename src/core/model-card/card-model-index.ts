import { FAIRNESS_METRICS, GROUP_METRICS, type FairnessAnalysis } from '../fairness/fairness-types';
import type { CardInputs, ModelIndexMetric, ModelIndexResult } from './card-types';
import { fileStem, metricName, roundMetric, sliceConfig } from './card-format';

/** Metrics reported per group in the model-index (the full set stays in the tables). */
export const GROUP_INDEX_METRICS = ['accuracy', 'selection_rate', 'true_positive_rate', 'false_positive_rate'] as const;

/** Run metrics that describe the run, not the model (left out of the model-index). */
const NOT_MODEL_METRICS = /(runtime|per_second|^epoch$|^step$|flos)/;

/** A task's pretty name for model-index `task.name`. */
export function taskName(task: string): string {
  return task
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** The dataset block of a result: a local file named by its path, its sha256 as revision when known. */
function datasetOf(file: string, split: string, inputs: CardInputs): ModelIndexResult['dataset'] {
  const hash = inputs.run?.dataset_hashes[file];
  return { type: file, name: fileStem(file), split, ...(hash ? { revision: hash } : {}) };
}

/** The split the fairness report was computed on. */
export function fairnessSplit(inputs: CardInputs): string {
  if (inputs.fairnessSplit) return inputs.fairnessSplit;
  const file = inputs.fairness?.source?.file;
  if (file && inputs.run?.spec.validation?.file === file) return 'validation';
  if (file && inputs.run?.spec.train.file === file) return 'train';
  return 'test';
}

/** The run's final metrics (eval_ prefix dropped), as model-index metrics. */
export function runMetrics(metrics: Record<string, number> | undefined): ModelIndexMetric[] {
  if (!metrics) return [];
  const entries = Object.entries(metrics);
  const evalOnly = entries.some(([k]) => k.startsWith('eval_'));
  return entries
    .filter(([k]) => (!evalOnly || k.startsWith('eval_')) && !NOT_MODEL_METRICS.test(k.replace(/^eval_/, '')))
    .map(([k, v]) => {
      const type = k.replace(/^eval_/, '');
      return { type, value: roundMetric(v), name: `Validation ${metricName(type).toLowerCase()}` };
    });
}

function overallMetrics(analysis: FairnessAnalysis): ModelIndexMetric[] {
  return GROUP_METRICS.flatMap((m) => {
    const v = analysis.overall[m];
    return typeof v === 'number' && Number.isFinite(v) ? [{ type: m, value: roundMetric(v), name: metricName(m) }] : [];
  });
}

/** Per-group metrics (config = the group's slice) and the between-groups fairness metrics (config = the attribute). */
function disaggregatedMetrics(key: string, analysis: FairnessAnalysis): ModelIndexMetric[] {
  const out: ModelIndexMetric[] = [];
  for (const row of analysis.by_group) {
    const slice = sliceConfig(row.group);
    for (const m of GROUP_INDEX_METRICS) {
      const v = row[m];
      if (typeof v === 'number' && Number.isFinite(v)) out.push({ type: m, value: roundMetric(v), name: `${metricName(m)} (${slice})`, config: slice });
    }
  }
  for (const m of FAIRNESS_METRICS) {
    const v = analysis.fairness_metrics.between_groups?.[m];
    if (typeof v === 'number' && Number.isFinite(v)) out.push({ type: m, value: roundMetric(v), name: `${metricName(m)} (${key})`, config: key });
  }
  return out;
}

/**
 * The model-index results: the run's validation metrics, the fairness report's overall metrics,
 * and one result per sensitive attribute (and intersection) holding its per-group metrics and
 * fairness metrics. Every result names its dataset and split.
 */
export function buildModelIndexResults(inputs: CardInputs): ModelIndexResult[] {
  const task = inputs.run?.spec.task || 'tabular-classification';
  const taskBlock = { type: task, name: taskName(task) };
  const results: ModelIndexResult[] = [];
  const validation = runMetrics(inputs.run?.metrics);
  if (validation.length > 0 && inputs.run) {
    const file = inputs.run.spec.validation?.file ?? inputs.run.spec.train.file;
    results.push({ task: taskBlock, dataset: datasetOf(file, inputs.run.spec.validation ? 'validation' : 'train', inputs), metrics: validation });
  }
  const report = inputs.fairness;
  if (report) {
    const file = report.source?.file ?? 'evaluation data';
    const dataset = datasetOf(file, fairnessSplit(inputs), inputs);
    const analyses = Object.entries(report.analyses);
    const overall = analyses[0] ? overallMetrics(analyses[0][1]) : [];
    if (overall.length > 0) results.push({ task: taskBlock, dataset, metrics: overall });
    for (const [key, analysis] of analyses) {
      const metrics = disaggregatedMetrics(key, analysis);
      if (metrics.length > 0) results.push({ task: taskBlock, dataset: { ...dataset }, metrics });
    }
  }
  return results;
}
