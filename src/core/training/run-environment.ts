/**
 * The environment a process or Slurm training command gets: where to write metrics and the
 * model, and the spec's data and hyper-parameters, so a script can read them instead of
 * repeating them (templates/hf-trainer/train.py does).
 */
import type { RunRecord } from './run-record';
import type { RunPaths } from './run-store';

/** RML_* variables (plus PYTHONUNBUFFERED so Python's output reaches the log as it is printed). */
export function runEnvironment(record: RunRecord, paths: RunPaths): Record<string, string> {
  const s = record.resolved;
  const h = s.hyperparameters;
  return {
    PYTHONUNBUFFERED: '1',
    RML_RUN_ID: record.id,
    RML_RUN_DIR: paths.dir,
    RML_RUN_RECORD: paths.record,
    RML_METRICS_FILE: paths.metrics,
    RML_OUTPUT_DIR: record.outputDir,
    RML_TASK: s.task,
    RML_TRAIN_FILE: s.data.train,
    RML_VALIDATION_FILE: s.data.validation ?? '',
    RML_TEXT_FIELD: s.data.textField,
    RML_LABEL_FIELD: s.data.labelField,
    RML_SENSITIVE_FIELDS: s.data.sensitiveFields.join(','),
    RML_BASE_MODEL: s.baseModel ?? '',
    RML_EPOCHS: String(h.epochs),
    RML_LEARNING_RATE: String(h.learningRate),
    RML_BATCH_SIZE: String(h.batchSize),
    RML_SEED: String(h.seed),
    RML_EARLY_STOPPING_PATIENCE: String(h.earlyStoppingPatience),
    ...(s.metrics.tensorboardDir ? { RML_TENSORBOARD_DIR: s.metrics.tensorboardDir } : {}),
  };
}

/** Quotes one argument for POSIX sh. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The spec's command as one shell command line. */
export function commandLine(command: string | string[]): string {
  return typeof command === 'string' ? command : command.map(shellQuote).join(' ');
}
