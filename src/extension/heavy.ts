// The extension's heavy half, bundled on its own as dist/extension-heavy.js and loaded on first
// use (see load-heavy.ts): fake-value generators, the config validator, readers and DuckDB glue.
// Compiling it at activation would cost more than everything else activation does.
export { anonymizeValue } from '../core/anonymize/anonymize-value';
export { anonymizeDataset, anonymizedPath } from '../core/anonymize/anonymize-dataset';
export { decodeSourceSlice, encodeForSource } from '../core/anonymize/replacement-for-source';
export { sniffDelimiter, SNIFF_SAMPLE_CHARS } from '../core/dataset/csv-sniff';
export { createBaseline, loadBaseline, writeBaselineAtomic } from '../core/lint/baseline';
export { loadConfigFile } from '../core/config/load-config';
export { upsertDatasetSpec } from '../core/config/edit-config';
export { listColumns } from '../core/dataset/list-columns';
export { readDocument } from '../core/dataset/read-document';
export { resolveDatasetSpec } from '../core/profile/resolve-dataset-spec';
export { upsertFairnessReportSpec } from '../core/config/edit-config';
export { createTrainingDashboards } from './training/training-dashboards';
// Training (issue 7): spec, gate, runners and the run store.
export { loadTrainSpec } from '../core/training/load-train-spec';
export { resolveTrainSpec } from '../core/training/train-spec';
export { runGate, decideGate } from '../core/training/gate';
export { RunnerRegistry } from '../core/training/runner-registry';
export { RunStore, runsRootOf } from '../core/training/run-store';
export { startTraining, reattachRuns, reconcileRuns } from '../core/training/start-training';
export { findConfigFile } from '../core/config/load-config';
