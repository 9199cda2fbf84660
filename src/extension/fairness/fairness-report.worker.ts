// Computes fairness reports off the extension host's main thread: reads the predictions file
// (DuckDB, through the engine's loadPredictions), computes the report (with bootstrap
// intervals) and the per-group score histograms the page's threshold slider recomputes from.
// The last table stays in memory, so a threshold change does not read the file again.
// Cancelling aborts the engine's AbortSignal; the host never terminates this thread mid-query.
// Runs in a worker thread: no `vscode` import here.
import { statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { buildScoreBins, computeFairnessReport, loadPredictions, type PredictionTable, type ScoreBins } from '../../core/fairness/index';
import { summarizeColumns } from '../../core/profile/column-summary';
import { impliedThreshold } from './implied-threshold';
import type { FairnessMapping, FairnessWorkerRequest, FairnessWorkerResponse } from '../../protocol/fairness-report-protocol';

const port = parentPort!;
const running = new Map<number, AbortController>();
/** Score histogram resolution: fine enough that a slider step moves a handful of rows. */
const SCORE_BINS = 1000;

function send(message: FairnessWorkerResponse): void {
  port.postMessage(message);
}

let cached: { key: string; table: PredictionTable } | undefined;

/** The table of `file` under `mapping`, read again only when the file or the mapping changed. */
async function tableFor(file: string, displayName: string | undefined, mapping: FairnessMapping, signal: AbortSignal, progress: (m: string, f?: number) => void): Promise<PredictionTable> {
  const stat = statSync(file);
  const key = JSON.stringify([file, stat.size, stat.mtimeMs, mapping.y_true, mapping.y_pred, mapping.score, mapping.sensitive, mapping.positive_label]);
  if (cached?.key === key) return cached.table;
  cached = undefined;
  progress('Reading predictions…', 0);
  const table = await loadPredictions(
    file,
    {
      yTrue: mapping.y_true,
      ...(mapping.y_pred ? { yPred: mapping.y_pred } : {}),
      ...(mapping.score ? { score: mapping.score } : {}),
      sensitive: mapping.sensitive,
      ...(mapping.positive_label !== undefined ? { positiveLabel: String(mapping.positive_label) } : {}),
    },
    { signal, ...(displayName ? { displayName } : {}) },
  );
  cached = { key, table };
  return table;
}

async function report(msg: Extract<FairnessWorkerRequest, { type: 'report' }>): Promise<void> {
  const { id, mapping } = msg;
  const controller = new AbortController();
  running.set(id, controller);
  const { signal } = controller;
  const started = performance.now();
  const progress = (message: string, fraction?: number) => send({ type: 'progress', id, message, ...(fraction !== undefined ? { fraction } : {}) });
  try {
    const table = await tableFor(msg.file, msg.displayName, mapping, signal, progress);
    signal.throwIfAborted();
    progress(msg.bootstrap ? `Computing metrics and ${msg.bootstrap.resamples} bootstrap resamples…` : 'Computing metrics…', 0.6);
    const intersections = mapping.intersections ?? pairs(mapping.sensitive);
    const alpha = (1 - (msg.bootstrap?.confidence ?? 0.95)) / 2;
    const result = computeFairnessReport(table, {
      sensitive: mapping.sensitive,
      intersections,
      ...(msg.threshold !== undefined ? { threshold: msg.threshold } : {}),
      ...(msg.bootstrap ? { bootstrap: { n_boot: msg.bootstrap.resamples, seed: msg.bootstrap.seed, quantiles: [alpha, 1 - alpha] } } : {}),
      smallGroupN: msg.smallGroup,
      signal,
    });
    signal.throwIfAborted();
    if (table.scores && table.binary && cachedBins?.table !== table) progress('Binning scores for the threshold slider…', 0.85);
    const bins = table.scores && table.binary ? binsFor(table, mapping, intersections, msg.threshold) : undefined;
    const implied = impliedThreshold(table);
    send({ type: 'result', id, report: result, ...(bins ? { bins } : {}), ...(implied !== undefined ? { impliedThreshold: implied } : {}), durationMs: performance.now() - started });
  } catch (err) {
    send({ type: 'error', id, message: signal.aborted ? 'cancelled' : (err as Error).message, cancelled: signal.aborted });
  } finally {
    running.delete(id);
  }
}

let cachedBins: { table: PredictionTable; key: string; bins: ScoreBins } | undefined;

/**
 * The score bins of the table, built once per table and analyses: a threshold the slider settled
 * on only needs a new report, not new bins (building them sorts every score).
 */
function binsFor(table: PredictionTable, mapping: FairnessMapping, intersections: string[][], threshold: number | undefined): ScoreBins {
  const key = JSON.stringify([mapping.sensitive, intersections]);
  if (cachedBins?.table === table && cachedBins.key === key) return cachedBins.bins;
  // The first threshold is an edge, so the page's slider starts exactly where this report is.
  const edges = [threshold, mapping.threshold].filter((t): t is number => t !== undefined);
  const bins = buildScoreBins(table, { sensitive: mapping.sensitive, intersections, extraEdges: edges }, SCORE_BINS);
  cachedBins = { table, key, bins };
  return bins;
}

/** Every pair of attributes (the default intersections). */
function pairs(attrs: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < attrs.length; i++) for (let j = i + 1; j < attrs.length; j++) out.push([attrs[i]!, attrs[j]!]);
  return out;
}

async function inspect(id: number, file: string): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const { rows, columns } = await summarizeColumns(file, { signal: controller.signal });
    send({ type: 'inspected', id, rows, columns });
  } catch (err) {
    send({ type: 'error', id, message: controller.signal.aborted ? 'cancelled' : (err as Error).message, cancelled: controller.signal.aborted });
  } finally {
    running.delete(id);
  }
}

port.on('message', (msg: FairnessWorkerRequest) => {
  switch (msg.type) {
    case 'inspect':
      void inspect(msg.id, msg.file);
      break;
    case 'report':
      void report(msg);
      break;
    case 'cancel':
      running.get(msg.id)?.abort();
      break;
  }
});
