import { FAIRNESS_METRICS, type FairnessReport } from '../fairness/fairness-types';
import type { FairnessThresholds } from './card-types';

/**
 * Default thresholds: 0.1 for differences (ten points between the best and worst group) and 0.8
 * for ratios (the "four-fifths rule" of US employment practice). `modelCard.fairnessThresholds`
 * in responsible-ml.config.json overrides them metric by metric.
 */
export const DEFAULT_FAIRNESS_THRESHOLDS: FairnessThresholds = Object.fromEntries(
  FAIRNESS_METRICS.map((m) => [m, m.includes('_ratio') ? 0.8 : 0.1]),
);

/** Ratios are worse when lower (1 is parity), differences when higher (0 is parity). */
export function lowerIsWorse(metric: string): boolean {
  return /_ratio(_|$)/.test(metric);
}

/** True when a fairness metric's value lies beyond its threshold. */
export function beyondThreshold(metric: string, value: number, threshold: number): boolean {
  return lowerIsWorse(metric) ? value < threshold : value > threshold;
}

/** The thresholds in force: the defaults with the configured ones on top. */
export function resolveThresholds(configured?: FairnessThresholds): FairnessThresholds {
  return { ...DEFAULT_FAIRNESS_THRESHOLDS, ...(configured ?? {}) };
}

/** A fairness metric beyond its threshold, for one attribute (or intersection). */
export interface FairnessGap {
  metric: string;
  /** The analysis key: an attribute, or "a,b" for an intersection. */
  attribute: string;
  value: number;
  threshold: number;
}

/** Every between-groups fairness metric of the report that lies beyond its threshold. */
export function fairnessGaps(report: FairnessReport, thresholds: FairnessThresholds): FairnessGap[] {
  const gaps: FairnessGap[] = [];
  for (const [attribute, analysis] of Object.entries(report.analyses)) {
    for (const [metric, value] of Object.entries(analysis.fairness_metrics.between_groups ?? {})) {
      const threshold = thresholds[metric];
      if (typeof value !== 'number' || !Number.isFinite(value) || threshold === undefined) continue;
      if (beyondThreshold(metric, value, threshold)) gaps.push({ metric, attribute, value, threshold });
    }
  }
  return gaps;
}
