import { dirname, resolve } from 'node:path';
import { findConfigFile } from '../../core/config/load-config';
import { isFinalStatus } from '../../core/training/run-record';
import { latestValues, readRunMetrics } from '../../core/training/read-run-metrics';
import { RunnerRegistry } from '../../core/training/runner-registry';
import { RunStore, runsRootOf } from '../../core/training/run-store';
import { reconcileRuns } from '../../core/training/start-training';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type Subcommand } from '../cli-types';
import { parseFormat, writeOutput } from '../output';
import { renderRun, renderRunTable } from '../render-run';

/** `rml runs list|show <id>|stop <id>`: the workspace's run store. */
export const runsCommand: Subcommand = {
  name: 'runs',
  summary: 'List, show or stop training runs recorded under .responsible-ml/runs',
  usage: 'rml runs list | show <id> | stop <id> [--format text|json] [--workspace dir]',
  options: {
    format: { type: 'string', short: 'f' },
    workspace: { type: 'string', short: 'w' },
  },
  optionHelp: {
    format: 'text (default) or json',
    workspace: 'folder holding .responsible-ml/runs (default: the folder of the nearest responsible-ml.config.json, else the current one)',
  },
  details:
    'Runs recorded as running whose process is gone are marked interrupted; Slurm jobs are polled.\n' +
    'A run id may be shortened to any unique part of it.',
  async run({ values, positionals, io }) {
    const format = parseFormat(values.format, ['text', 'json'] as const);
    const [action, idArg, ...extra] = positionals;
    if (!action || !['list', 'show', 'stop'].includes(action)) throw new UsageError('give an action: list, show <id> or stop <id>');
    if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    const configPath = findConfigFile(io.cwd);
    const workspace = values.workspace !== undefined ? resolve(io.cwd, String(values.workspace)) : configPath ? dirname(configPath) : io.cwd;
    const store = new RunStore(runsRootOf(workspace));
    const runners = new RunnerRegistry();
    await reconcileRuns(store, runners);
    const { runs, unreadable } = await store.list();
    for (const u of unreadable) io.stderr(`rml runs: ${u.error}`);

    if (action === 'list') {
      if (idArg) throw new UsageError('list takes no run id');
      writeOutput(io, format === 'json' ? JSON.stringify(runs, null, 2) : renderRunTable(runs));
      return EXIT_OK;
    }
    if (!idArg) throw new UsageError(`${action} needs a run id (see rml runs list)`);
    const matches = runs.filter((r) => r.id === idArg || r.id.includes(idArg));
    const exact = matches.find((r) => r.id === idArg);
    if (matches.length === 0) throw new UsageError(`no run '${idArg}' in ${store.root}`);
    if (!exact && matches.length > 1) throw new UsageError(`'${idArg}' matches ${matches.length} runs: ${matches.map((r) => r.id).join(', ')}`);
    const record = exact ?? matches[0]!;
    const paths = store.paths(record.id);

    if (action === 'show') {
      const { points, warnings } = await readRunMetrics(record, paths);
      for (const w of warnings) io.stderr(`rml runs: ${w}`);
      const latest = latestValues(points);
      writeOutput(io, format === 'json' ? JSON.stringify({ run: record, latestMetrics: latest, metricPoints: points.length }, null, 2) : renderRun(record, latest));
      return EXIT_OK;
    }

    // stop
    if (isFinalStatus(record.status)) {
      io.stderr(`rml runs: ${record.id} is already ${record.status}`);
      return EXIT_OK;
    }
    const job = await runners.get(record.runner).attach({ record, paths, store });
    if (job) await job.stop();
    const after = await store.read(record.id);
    if (format === 'json') writeOutput(io, JSON.stringify(after, null, 2));
    else writeOutput(io, `${after.id}: ${after.status}`);
    return after.status === 'stopped' || isFinalStatus(after.status) ? EXIT_OK : EXIT_FINDINGS;
  },
};
