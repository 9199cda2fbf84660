import { existsSync } from 'node:fs';
import { fingerprintDatasets, deviceInfo, gitState } from './run-provenance';
import { RUN_RECORD_VERSION, type GateResult, type RunRecord } from './run-record';
import { newRunId, type RunPaths, type RunStore } from './run-store';
import type { ResolvedTrainSpec, TrainSpec } from './train-spec';

export interface NewRun {
  spec: TrainSpec;
  resolved: ResolvedTrainSpec;
  specFile?: string;
  gate?: GateResult;
  rerunOf?: string;
}

/** A problem with the run's inputs the user can fix (a data file that does not exist). */
export class RunInputError extends Error {}

/**
 * Records a new run in the store with status `queued`: spec, git commit, dataset hashes, gate
 * result and justification, device. The runner then takes it from there.
 */
export async function createRun(store: RunStore, input: NewRun): Promise<{ record: RunRecord; paths: RunPaths }> {
  const { resolved } = input;
  for (const [role, path] of [['train', resolved.data.train], ['validation', resolved.data.validation]] as const) {
    if (path !== undefined && !existsSync(path)) throw new RunInputError(`the ${role} file ${path} does not exist`);
  }
  const id = newRunId(resolved.name);
  const paths = store.paths(id);
  const [git, datasets] = await Promise.all([gitState(resolved.baseDir), fingerprintDatasets(resolved.data)]);
  const record: RunRecord = {
    version: RUN_RECORD_VERSION,
    id,
    name: resolved.name,
    runner: resolved.runner,
    status: 'queued',
    spec: input.spec,
    ...(input.specFile ? { specFile: input.specFile } : {}),
    resolved,
    ...(git ? { git } : {}),
    datasets,
    ...(input.gate ? { gate: input.gate } : {}),
    device: deviceInfo(),
    timings: { createdAt: new Date().toISOString() },
    outputDir: resolved.output ?? paths.artifacts,
    artifacts: [],
    ...(input.rerunOf ? { rerunOf: input.rerunOf } : {}),
  };
  await store.create(record);
  return { record, paths };
}
