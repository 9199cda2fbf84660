/**
 * The part of the fairness engine with no Node imports, for the Fairness Report webview bundle:
 * recompute the report at any threshold from score bins, suggest per-group thresholds, and
 * build or analyse small tables in memory. Reading files (loadPredictions) is in index.ts.
 */
export * from './fairness-types';
export { tableFromColumns, encodeSensitive, MISSING_GROUP, type PredictionTable, type PredictionColumns, type PredictionMapping, type SensitiveColumn } from './prediction-table';
export { computeFairnessReport, FairnessOptionsError, type FairnessOptions, type BootstrapOptions, type AnalysisSpec } from './fairness-report';
export { buildScoreBins, reportAtThreshold, binIndexAtThreshold, type ScoreBins, type BinOptions, type ThresholdReportOptions } from './score-bins';
export { suggestThresholds, type ThresholdGoal, type ThresholdSuggestion, type GroupThreshold, type SuggestOptions } from './suggest-thresholds';
export { groupLabel } from './group-cube';
export { analysisTables, reportSections, reportSummary, formatValue, formatWithInterval, formatCount, METRIC_TITLES, type ReportTable, type ReportSection } from './report-tables';
export { renderFairnessMarkdown } from './fairness-markdown';
export { renderFairnessHtml } from './fairness-html';
