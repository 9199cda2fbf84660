/** The sbatch script a spec becomes: #SBATCH resources from spec.slurm, the RML_* environment, the command. */
import type { RunRecord } from './run-record';
import type { RunPaths } from './run-store';
import { commandLine, runEnvironment, shellQuote } from './run-environment';

/** A #SBATCH value, quoted when it holds spaces or quotes (sbatch reads directives like shell words). */
function directiveValue(value: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(value) ? value : `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** Renders the batch script for a run. */
export function sbatchScript(record: RunRecord, paths: RunPaths): string {
  const s = record.resolved;
  const r = s.slurm;
  const directives: string[] = [
    `--job-name=${directiveValue(`rml-${s.name}`)}`,
    `--output=${directiveValue(paths.log)}`,
    '--open-mode=append',
    `--chdir=${directiveValue(s.cwd)}`,
  ];
  if (r.partition) directives.push(`--partition=${directiveValue(r.partition)}`);
  if (r.time) directives.push(`--time=${r.time}`);
  if (r.nodes) directives.push(`--nodes=${r.nodes}`);
  if (r.cpus) directives.push(`--cpus-per-task=${r.cpus}`);
  if (r.gpus) directives.push(`--gpus=${r.gpus}`);
  if (r.memory) directives.push(`--mem=${r.memory}`);
  if (r.account) directives.push(`--account=${directiveValue(r.account)}`);
  if (r.qos) directives.push(`--qos=${directiveValue(r.qos)}`);
  directives.push(...(r.extraDirectives ?? []));
  const env = { ...s.env, ...runEnvironment(record, paths) };
  return [
    '#!/bin/bash',
    ...directives.map((d) => `#SBATCH ${d}`),
    `# Written by Responsible ML for run ${record.id}${record.specFile ? ` (${record.specFile})` : ''}.`,
    ...Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)}`),
    'echo "[rml] Slurm job $SLURM_JOB_ID on $(hostname) started $(date -u +%Y-%m-%dT%H:%M:%SZ)"',
    ...(r.setup ?? []),
    commandLine(s.command ?? 'false'),
    'rml_code=$?',
    'printf "%s\\n" "$rml_code" > "$RML_RUN_DIR/exit-code.tmp" && mv -f "$RML_RUN_DIR/exit-code.tmp" "$RML_RUN_DIR/exit-code"',
    'exit "$rml_code"',
    '',
  ].join('\n');
}
