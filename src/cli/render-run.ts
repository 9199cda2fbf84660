/** Text for `rml train` progress and `rml runs list|show`. */
import type { MetricPoint } from '../core/training/metric-point';
import type { GateResult, RunRecord } from '../core/training/run-record';

const fmt = (v: number) => (Math.abs(v) >= 1000 || Number.isInteger(v) ? String(Math.round(v * 1000) / 1000) : String(Number(v.toPrecision(4))));

/** A run's length, e.g. 1 m 05 s. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} m`;
}

/** The gate's result: counts, then one line per issue (masked messages only), then notes. */
export function renderGate(gate: GateResult): string[] {
  const lines = [`responsible gate: ${gate.counts.error} errors, ${gate.counts.warning} warnings, ${gate.counts.info} info`];
  for (const i of gate.issues) lines.push(`  ${i.file}:${i.line}:${i.column}: ${i.severity} ${i.ruleId}: ${i.message}`);
  for (const n of gate.notes) lines.push(`  note: ${n}`);
  return lines;
}

/** The headline metrics of a progress snapshot or a line of new points. */
export function metricSummary(latest: Record<string, number>, max = 6): string {
  const names = Object.keys(latest).filter((n) => !n.includes('/group/'));
  const preferred = ['eval/loss', 'eval/accuracy', 'eval/f1_macro', 'train/loss'];
  names.sort((a, b) => (preferred.indexOf(a) + 1 || 99) - (preferred.indexOf(b) + 1 || 99) || a.localeCompare(b));
  const shown = names.slice(0, max).map((n) => `${n} ${fmt(latest[n]!)}`);
  const more = Object.keys(latest).length - shown.length;
  return shown.join(', ') + (more > 0 ? ` (+${more} more)` : '');
}

/** Groups metric points by step into one line each: `step 40 · epoch 2: eval/loss 0.53, …`. */
export class MetricLinePrinter {
  private pending = new Map<number, { epoch?: number; values: Record<string, number> }>();
  private lastTrainLine = 0;

  constructor(
    private readonly print: (line: string) => void,
    private readonly trainEveryMs = 5000,
  ) {}

  add(p: MetricPoint): void {
    if (p.name.startsWith('train/') && !p.name.startsWith('train/epoch') && !p.name.startsWith('train/examples')) {
      // Step-level training curves are for the chart; the terminal gets one every few seconds.
      const now = Date.now();
      if (now - this.lastTrainLine < this.trainEveryMs) return;
      this.lastTrainLine = now;
    }
    for (const step of this.pending.keys()) if (step !== p.step) this.flush(step);
    const entry = this.pending.get(p.step) ?? { values: {} };
    entry.values[p.name] = p.value;
    if (p.epoch !== undefined) entry.epoch = p.epoch;
    this.pending.set(p.step, entry);
  }

  /** Prints what is pending (call when a log line interrupts, and at the end). */
  flush(only?: number): void {
    for (const [step, e] of [...this.pending]) {
      if (only !== undefined && step !== only) continue;
      this.pending.delete(step);
      this.print(`step ${step}${e.epoch !== undefined ? ` · epoch ${fmt(e.epoch)}` : ''}: ${metricSummary(e.values)}`);
    }
  }
}

/** One row per run for `rml runs list`. */
export function renderRunTable(runs: RunRecord[]): string {
  if (runs.length === 0) return 'no training runs yet';
  const rows = runs.map((r) => [
    r.id,
    r.status,
    r.runner,
    r.progress?.epoch !== undefined ? `epoch ${fmt(r.progress.epoch)}/${r.resolved.hyperparameters.epochs}` : '',
    formatDuration(r.timings.durationMs ?? (r.timings.startedAt && !r.timings.endedAt ? Date.now() - Date.parse(r.timings.startedAt) : undefined)),
    r.progress ? metricSummary(r.progress.latest, 3) : '',
  ]);
  const header = ['RUN', 'STATUS', 'RUNNER', 'PROGRESS', 'TIME', 'LATEST'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** `rml runs show <id>` as text. */
export function renderRun(r: RunRecord, lastMetrics: Record<string, number>): string {
  const lines = [
    `run ${r.id}  (${r.name})`,
    `status:   ${r.status}${r.error ? ` — ${r.error}` : ''}`,
    `runner:   ${r.runner}${r.process ? ` (pid ${r.process.pid} on ${r.process.hostname}${r.process.exitCode !== undefined ? `, exit code ${r.process.exitCode}` : ''})` : ''}${r.slurm ? ` (Slurm job ${r.slurm.jobId}${r.slurm.state ? `, ${r.slurm.state}` : ''}${r.slurm.nodeList ? ` on ${r.slurm.nodeList}` : ''})` : ''}`,
    `created:  ${r.timings.createdAt}${r.timings.durationMs !== undefined ? `, ran ${formatDuration(r.timings.durationMs)}` : ''}`,
    `spec:     ${r.specFile ?? '(inline)'}${r.rerunOf ? `, re-run of ${r.rerunOf}` : ''}`,
    `git:      ${r.git ? `${r.git.commit.slice(0, 12)}${r.git.dirty ? ' (uncommitted changes)' : ''}` : '(not a git repository)'}`,
    `output:   ${r.outputDir}`,
    'data:',
    ...r.datasets.map((d) => `  ${d.role.padEnd(10)} ${d.path}  sha256 ${d.sha256.slice(0, 16)}…  ${d.bytes} bytes`),
  ];
  if (r.gate) {
    lines.push(...renderGate(r.gate));
    if (r.gate.justification) lines.push(`  justification: ${r.gate.justification}`);
  }
  if (Object.keys(lastMetrics).length) lines.push('metrics (last value):', ...Object.entries(lastMetrics).map(([n, v]) => `  ${n.padEnd(40)} ${fmt(v)}`));
  if (r.artifacts.length) lines.push('artifacts:', ...r.artifacts.map((a) => `  ${a.kind.padEnd(10)} ${a.path}`));
  return lines.join('\n');
}
