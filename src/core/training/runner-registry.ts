import type { TrainingRunner } from './runner';
import type { RunnerKind } from './train-spec';
import { ProcessRunner, type ProcessRunnerOptions } from './process-runner';
import { SlurmRunner, type SlurmRunnerOptions } from './slurm-runner';
import { BuiltinRunner, type BuiltinRunnerOptions } from './builtin/builtin-runner';

export interface RunnerOptions {
  process?: ProcessRunnerOptions;
  slurm?: SlurmRunnerOptions;
  builtin?: BuiltinRunnerOptions;
}

/** Picks runners by kind; one instance per kind. */
export class RunnerRegistry {
  private readonly runners = new Map<RunnerKind, TrainingRunner>();

  constructor(private readonly options: RunnerOptions = {}) {}

  get(kind: RunnerKind): TrainingRunner {
    let runner = this.runners.get(kind);
    if (!runner) {
      runner = kind === 'process' ? new ProcessRunner(this.options.process) : kind === 'slurm' ? new SlurmRunner(this.options.slurm) : new BuiltinRunner(this.options.builtin);
      this.runners.set(kind, runner);
    }
    return runner;
  }
}
