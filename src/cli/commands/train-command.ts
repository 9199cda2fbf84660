import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { ConfigError, findConfigFile, loadConfigFile } from '../../core/config/load-config';
import type { ProjectConfig } from '../../core/config/project-config';
import { RunInputError } from '../../core/training/create-run';
import { decideGate, runGate } from '../../core/training/gate';
import { loadTrainSpec } from '../../core/training/load-train-spec';
import { RunnerRegistry } from '../../core/training/runner-registry';
import { RunStore, runsRootOf } from '../../core/training/run-store';
import { startTraining } from '../../core/training/start-training';
import { RUNNER_KINDS, type RunnerKind } from '../../core/training/train-spec';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Subcommand } from '../cli-types';
import { parseFormat } from '../output';
import { formatDuration, MetricLinePrinter, metricSummary, renderGate } from '../render-run';

/** `rml train --config train.json`: the responsible gate, then the run, streamed until it ends. */
export const trainCommand: Subcommand = {
  name: 'train',
  summary: 'Fine-tune from a train.json spec (builtin, process or Slurm runner) after the responsible gate; streams progress',
  usage: 'rml train --config train.json [--runner builtin|process|slurm] [--allow-risks "<reason>"] [--format text|json] [--workspace dir]',
  options: {
    config: { type: 'string', short: 'c' },
    runner: { type: 'string', short: 'r' },
    'allow-risks': { type: 'string' },
    format: { type: 'string', short: 'f' },
    workspace: { type: 'string', short: 'w' },
  },
  optionHelp: {
    config: 'the train.json spec (schemas/train.schema.json)',
    runner: "override the spec's runner: builtin, process or slurm",
    'allow-risks': 'run even though the gate found errors; the reason is stored in the run record and printed in the model card',
    format: 'text (default) or json (one JSON event per line, the run record last)',
    workspace: 'folder whose .responsible-ml/runs stores the run (default: the folder of the nearest responsible-ml.config.json, else the spec\'s)',
  },
  details:
    'The gate scans the training and validation files for PII, integrity problems (duplicates, conflicting\n' +
    'labels, train/validation leakage) and representativeness against the configured reference; errors\n' +
    'block the run unless --allow-risks gives a reason. Ctrl-C stops the run.\n' +
    'Exit codes: 0 the run succeeded, 1 it failed, was stopped or interrupted, or the gate blocked it; 2 usage error.',
  async run({ values, io }) {
    const format = parseFormat(values.format, ['text', 'json'] as const);
    if (values.config === undefined) throw new UsageError('give the spec with --config train.json');
    const specFile = resolve(io.cwd, String(values.config));
    if (!existsSync(specFile)) throw new UsageError(`${values.config}: no such file`);
    let runnerOverride: RunnerKind | undefined;
    if (values.runner !== undefined) {
      if (!RUNNER_KINDS.includes(values.runner as RunnerKind)) throw new UsageError(`--runner must be one of ${RUNNER_KINDS.join(', ')} (got '${String(values.runner)}')`);
      runnerOverride = values.runner as RunnerKind;
    }
    let config: ProjectConfig | undefined;
    let configPath: string | undefined;
    let loaded;
    try {
      loaded = loadTrainSpec(specFile, runnerOverride ? { runnerOverride } : {});
      configPath = findConfigFile(dirname(specFile));
      config = configPath ? loadConfigFile(configPath) : undefined;
    } catch (err) {
      if (err instanceof ConfigError) throw new UsageError(err.message);
      throw err;
    }
    const { spec, resolved } = loaded;
    for (const [role, path] of [['train', resolved.data.train], ['validation', resolved.data.validation]] as const) {
      if (path !== undefined && !existsSync(path)) throw new UsageError(`${relative(io.cwd, specFile)}: the ${role} file ${relative(io.cwd, path) || path} does not exist`);
    }
    const json = format === 'json';
    const say = (line: string) => (json ? io.stderr(line) : io.stdout(line));
    const emitJson = (value: unknown) => io.stdout(JSON.stringify(value));

    const configDir = configPath ? dirname(configPath) : resolved.baseDir;
    const gateResult = await runGate(resolved, { ...(config ? { config } : {}), configDir, displayDir: io.cwd, onProgress: (m) => (json ? undefined : say(`gate: ${m}…`)) });
    if (json) emitJson({ type: 'gate', gate: gateResult });
    else for (const line of renderGate(gateResult)) say(line);
    let gate;
    try {
      gate = decideGate(gateResult, values['allow-risks'] as string | undefined);
    } catch (err) {
      io.stderr(`rml train: ${(err as Error).message}`);
      return EXIT_FINDINGS;
    }
    if (gate.justification && gateResult.blocked) say(`running despite ${gateResult.counts.error} gate errors; the justification is stored in the run record: "${gate.justification}"`);

    const workspace = values.workspace !== undefined ? resolve(io.cwd, String(values.workspace)) : configDir;
    const store = new RunStore(runsRootOf(workspace));
    let session;
    try {
      session = await startTraining({ store, runners: new RunnerRegistry(), spec, resolved, specFile, gate });
    } catch (err) {
      if (err instanceof RunInputError) throw new UsageError(err.message);
      throw err;
    }
    const { record, job } = session;
    say(`run ${record.id} (${record.runner}) → ${relative(io.cwd, session.paths.dir) || session.paths.dir}`);
    const printer = new MetricLinePrinter(say);
    job.onEvent((e) => {
      if (json) return emitJson(e);
      // The builtin trainer logs a line per epoch; other scripts' metrics get lines of their own.
      if (e.type === 'metric') record.runner !== 'builtin' && printer.add(e.point);
      else {
        printer.flush();
        if (e.type === 'log') say(e.line);
        else if (e.type === 'status') say(`[${e.status}]${e.detail ? ` ${e.detail}` : ''}`);
        else if (e.type === 'checkpoint') say(`checkpoint ${e.path}`);
        else say(`artifact (${e.kind}) ${e.path}`);
      }
    });
    const onInterrupt = () => {
      say('stopping the run (Ctrl-C again to leave it running)…');
      process.off('SIGINT', onInterrupt);
      void job.stop();
    };
    process.on('SIGINT', onInterrupt);
    let status;
    try {
      status = await job.done;
    } finally {
      process.off('SIGINT', onInterrupt);
    }
    printer.flush();
    const final = await store.read(record.id);
    if (json) emitJson({ type: 'result', run: final });
    else say(`run ${final.id} ${final.status}${final.timings.durationMs !== undefined ? ` in ${formatDuration(final.timings.durationMs)}` : ''}${final.error ? `: ${final.error}` : ''}${final.progress && Object.keys(final.progress.latest).length ? `; ${metricSummary(final.progress.latest, 4)}` : ''}`);
    return status === 'succeeded' ? EXIT_OK : EXIT_FINDINGS;
  },
};
