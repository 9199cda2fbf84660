// Profiles a dataset off the extension host's main thread: the group statistics
// (profileDataset, DuckDB) and the integrity checks (checkIntegrity, streaming), for the Dataset
// Report. Cancelling aborts the engines' AbortSignal: DuckDB interrupts its query and the worker
// answers 'cancelled'; the host never terminates this thread mid-query (that would abort the
// whole process, see ../shared/guides/duckdb.md).
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { dirname } from 'node:path';
import type { ProfileWorkerRequest, ProfileWorkerResponse, ReportThresholds } from '../../protocol/dataset-report-protocol';
import { loadConfigFile } from '../config/load-config';
import { DEFAULT_CONFIG, type DatasetSpec, type ProjectConfig } from '../config/project-config';
import { checkIntegrity } from '../lint/integrity/check-integrity';
import { profileDataset } from './profile-dataset';
import type { DatasetProfile } from './profile-types';
import { resolveDatasetSpec } from './resolve-dataset-spec';

const port = parentPort!;
const running = new Map<number, AbortController>();

function send(message: ProfileWorkerResponse): void {
  port.postMessage(message);
}

function thresholdsOf(spec: DatasetSpec | undefined): ReportThresholds {
  return { ...DEFAULT_CONFIG.thresholds, ...spec?.thresholds };
}

async function profile(id: number, file: string, configFile: string | undefined): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  const started = performance.now();
  const signal = controller.signal;
  try {
    const config: ProjectConfig | undefined = configFile ? loadConfigFile(configFile) : undefined;
    const configDir = configFile ? dirname(configFile) : dirname(file);
    const spec = config ? resolveDatasetSpec(config, file, configDir) : undefined;
    // With no attribute, label or reference configured there are no group statistics to compute:
    // the report then says so and shows the integrity checks, whose pass counts the rows.
    const grouped = !!(spec?.sensitive?.length || spec?.labelField !== undefined || Object.keys(spec?.reference ?? {}).length);
    let result: DatasetProfile | undefined;
    if (grouped) {
      send({ type: 'progress', id, message: 'Counting groups and comparing with the reference…', fraction: 0 });
      // Statistics first (DuckDB, fast), then the streaming integrity pass that reports bytes read.
      result = await profileDataset(file, spec, { configDir, ...(config?.bootstrap ? { bootstrap: config.bootstrap } : {}), signal });
      signal.throwIfAborted();
    }
    const base = grouped ? 0.5 : 0;
    send({ type: 'progress', id, message: 'Checking duplicates, conflicts and leakage…', fraction: base });
    // Without a dataset entry the integrity checks still run with their defaults.
    const integrity = await checkIntegrity(file, spec ?? { files: file }, {
      configDir,
      signal,
      onProgress: (read, total) => {
        if (total > 0) send({ type: 'progress', id, message: 'Checking duplicates, conflicts and leakage…', fraction: base + (1 - base) * Math.min(1, read / total) });
      },
    });
    signal.throwIfAborted();
    const profile: DatasetProfile = result
      ? { ...result, integrity: integrity.report }
      : { file, rows: integrity.report.rows ?? 0, attributes: {}, intersections: {}, integrity: integrity.report, warnings: [] };
    send({
      type: 'result',
      id,
      profile,
      thresholds: thresholdsOf(spec),
      // The attributes profiled: the configured ones, plus any a reference population names.
      sensitive: Object.keys(profile.attributes),
      durationMs: performance.now() - started,
    });
  } catch (err) {
    send({ type: 'error', id, message: signal.aborted ? 'cancelled' : (err as Error).message, cancelled: signal.aborted });
  } finally {
    running.delete(id);
  }
}

port.on('message', (msg: ProfileWorkerRequest) => {
  switch (msg.type) {
    case 'profile':
      void profile(msg.id, msg.file, msg.configFile);
      break;
    case 'cancel':
      running.get(msg.id)?.abort();
      break;
  }
});
