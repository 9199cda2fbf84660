import type { RunRecord } from '../../core/training/run-record';
import type { DashboardRun, RunChoice } from '../../protocol/training-dashboard-protocol';

/** Where a run executes, in words: accelerator (or CPU), machine or Slurm nodes, cores, memory. */
export function deviceText(record: RunRecord): string {
  const d = record.device;
  const parts: string[] = [d.accelerator ?? 'CPU'];
  if (record.slurm?.nodeList) parts.push(`Slurm ${record.slurm.nodeList}`);
  else if (record.slurm) parts.push(`Slurm job ${record.slurm.jobId}`);
  else parts.push(d.hostname);
  if (!record.slurm) {
    if (d.cpus) parts.push(`${d.cpus} CPUs`);
    if (d.memoryBytes) parts.push(`${Math.round(d.memoryBytes / 2 ** 30)} GB`);
  }
  return parts.join(' · ');
}

/** The header's view of a run record. */
export function dashboardRun(record: RunRecord, stopRequested: boolean): DashboardRun {
  const p = record.progress;
  return {
    id: record.id,
    name: record.name,
    status: record.status,
    runner: record.runner,
    createdAt: record.timings.createdAt,
    ...(record.timings.startedAt ? { startedAt: record.timings.startedAt } : {}),
    ...(record.timings.endedAt ? { endedAt: record.timings.endedAt } : {}),
    device: deviceText(record),
    ...(p?.epoch !== undefined ? { epoch: p.epoch } : {}),
    totalEpochs: p?.totalEpochs ?? record.resolved?.hyperparameters?.epochs,
    ...(p?.step !== undefined ? { step: p.step } : {}),
    ...(record.error ? { error: record.error } : {}),
    stopRequested,
  };
}

/** A run offered for comparison. */
export function runChoice(record: RunRecord): RunChoice {
  return { id: record.id, name: record.name, status: record.status, createdAt: record.timings.createdAt };
}
