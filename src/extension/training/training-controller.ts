/**
 * The extension's face over src/core/training: starts runs (gate first), follows them in the
 * "Responsible ML: Training" output channel and the Training Runs view, stops and re-runs them,
 * and re-attaches to runs that were going when the window reloaded.
 */
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { RunnerRegistry } from '../../core/training/runner-registry';
import type { GateResult, RunRecord } from '../../core/training/run-record';
import type { RunStore } from '../../core/training/run-store';
import type { TrainingJob } from '../../core/training/runner';
import type { ResolvedTrainSpec, TrainSpec } from '../../core/training/train-spec';
import { engineOptions } from '../inference/inference-settings';
import { heavy } from '../load-heavy';
import { log } from '../logger';
import { ensureTrusted } from '../trust';
import type { TrainingRunsView } from '../views/training-runs-view';
import { showGatePanel } from './gate-panel';
import { runSpecWizard } from './spec-wizard';

/** Test and keybinding hooks: skip the dialogs. */
export interface StartOptions {
  /** Used instead of asking, when the gate blocks. */
  justification?: string;
  /** Do not ask before starting when the gate passed with warnings. */
  noConfirm?: boolean;
}

export class TrainingController implements vscode.Disposable {
  private readonly jobs = new Map<string, TrainingJob>();
  private readonly output = vscode.window.createOutputChannel('Responsible ML: Training');
  private runners: RunnerRegistry | undefined;
  private readonly disposables: vscode.Disposable[] = [this.output];

  constructor(
    private readonly view: TrainingRunsView,
    /** For the inference settings the builtin encoder head runs its encoder with. */
    private readonly context?: vscode.ExtensionContext,
  ) {}

  private folder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.[0];
  }

  private registry(): RunnerRegistry {
    if (!this.runners) {
      // The encoder head finds models and downloads (or not) as the inference engine does here.
      const e = this.context ? engineOptions(this.context) : undefined;
      const engine = e
        ? { allowDownload: e.allowDownload ?? false, ...(e.cacheDir ? { cacheDir: e.cacheDir } : {}), searchPaths: [...(e.searchPaths ?? [])], ...(e.device ? { device: e.device } : {}), ...(e.gpuRoot ? { gpuRoot: e.gpuRoot } : {}), ...(e.threads ? { threads: e.threads } : {}) }
        : undefined;
      this.runners = new (heavy().RunnerRegistry)(engine ? { builtin: { engine } } : {});
    }
    return this.runners;
  }

  private store(folder: vscode.WorkspaceFolder): RunStore {
    const h = heavy();
    return new h.RunStore(h.runsRootOf(folder.uri.fsPath));
  }

  /** Follows every run still going after a reload (live processes re-attached, Slurm re-polled; the rest settled). */
  async reattach(): Promise<void> {
    const folder = this.folder();
    if (!folder || !vscode.workspace.isTrusted) return;
    const store = this.store(folder);
    const jobs = await heavy().reattachRuns(store, this.registry());
    for (const job of jobs) if (!this.jobs.has(job.runId)) this.follow(job, (await store.read(job.runId)).name);
    this.view.refresh();
  }

  /** "Start Fine-Tuning…": a spec (given, picked, or made by the wizard), the gate, then the run. Returns the run id. */
  async start(specUri?: vscode.Uri, options: StartOptions = {}): Promise<string | undefined> {
    if (!(await ensureTrusted('Fine-tuning'))) return undefined;
    const folder = (specUri && vscode.workspace.getWorkspaceFolder(specUri)) ?? this.folder();
    if (!folder) {
      void vscode.window.showWarningMessage('Responsible ML: open a folder to train in (runs are recorded under .responsible-ml/runs).');
      return undefined;
    }
    const uri = specUri instanceof vscode.Uri ? specUri : await this.pickSpec(folder);
    if (!uri) return undefined;
    let loaded: { spec: TrainSpec; resolved: ResolvedTrainSpec };
    try {
      loaded = heavy().loadTrainSpec(uri.fsPath);
    } catch (err) {
      await this.showSpecError(uri, err as Error);
      return undefined;
    }
    return this.gateAndRun(folder, loaded.spec, loaded.resolved, uri.fsPath, undefined, options);
  }

  /** "Re-run": the finished run's spec as written, through the gate again (the data may have changed). */
  async rerun(runId: string, options: StartOptions = {}): Promise<string | undefined> {
    if (!(await ensureTrusted('Fine-tuning'))) return undefined;
    const folder = this.folder();
    if (!folder) return undefined;
    const record = await this.store(folder).read(runId);
    const resolved = heavy().resolveTrainSpec(record.spec, record.resolved.baseDir, { ...(record.specFile ? { specFile: record.specFile } : {}), runnerOverride: record.runner });
    return this.gateAndRun(folder, record.spec, resolved, record.specFile, runId, options);
  }

  private async gateAndRun(folder: vscode.WorkspaceFolder, spec: TrainSpec, resolved: ResolvedTrainSpec, specFile: string | undefined, rerunOf: string | undefined, options: StartOptions): Promise<string | undefined> {
    const h = heavy();
    const configPath = h.findConfigFile(resolved.baseDir);
    let gateResult: GateResult | undefined;
    try {
      const config = configPath ? h.loadConfigFile(configPath) : undefined;
      gateResult = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Responsible gate: ${resolved.name}`, cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return h.runGate(resolved, { ...(config ? { config } : {}), configDir: configPath ? dirname(configPath) : resolved.baseDir, displayDir: folder.uri.fsPath, signal: abort.signal, onProgress: (m) => progress.report({ message: m }) });
        },
      );
    } catch (err) {
      if ((err as Error).name === 'AbortError') return undefined;
      void vscode.window.showErrorMessage(`Responsible ML: the gate could not check the training data: ${(err as Error).message}`);
      return undefined;
    }
    if (gateResult.issues.length > 0 || gateResult.notes.length > 0) showGatePanel(gateResult, resolved.name, folder.uri.fsPath);
    let justification = options.justification;
    if (gateResult.blocked && justification === undefined) {
      justification = await vscode.window.showInputBox({
        title: `The gate found ${gateResult.counts.error} error${gateResult.counts.error === 1 ? '' : 's'} in the training data`,
        prompt: 'To run anyway, say why. The justification is stored in the run record and printed in the model card. Esc cancels.',
        placeHolder: 'e.g. synthetic test data; the PII findings are fake values',
        ignoreFocusOut: true,
        validateInput: (t) => (t.trim().length >= 5 ? undefined : 'a few words, please'),
      });
      if (!justification) {
        void vscode.window.showInformationMessage('Responsible ML: run not started (the gate found errors and no justification was given).');
        return undefined;
      }
    } else if (!gateResult.blocked && gateResult.counts.warning > 0 && !options.noConfirm) {
      const go = await vscode.window.showInformationMessage(`Responsible gate: no errors, ${gateResult.counts.warning} warning${gateResult.counts.warning === 1 ? '' : 's'}. Start ${resolved.name}?`, 'Start', 'Cancel');
      if (go !== 'Start') return undefined;
    }
    const gate = h.decideGate(gateResult, justification);
    const store = this.store(folder);
    let session;
    try {
      session = await h.startTraining({ store, runners: this.registry(), spec, resolved, ...(specFile ? { specFile } : {}), gate, ...(rerunOf ? { rerunOf } : {}) });
    } catch (err) {
      void vscode.window.showErrorMessage(`Responsible ML: the run could not start: ${(err as Error).message}`);
      return undefined;
    }
    this.follow(session.job, session.record.name);
    this.output.show(true);
    this.view.refresh();
    return session.record.id;
  }

  /** Streams a job to the output channel and keeps the view current. */
  private follow(job: TrainingJob, name: string): void {
    this.jobs.set(job.runId, job);
    const say = (line: string) => this.output.appendLine(`[${name}] ${line}`);
    job.onEvent((e) => {
      if (e.type === 'log') say(e.line);
      else if (e.type === 'status') {
        say(`— ${e.status}${e.detail ? `: ${e.detail}` : ''}`);
        this.view.refresh();
      } else if (e.type === 'checkpoint') say(`checkpoint ${e.path}`);
      else if (e.type === 'artifact') say(`${e.kind}: ${e.path}`);
      else if (e.type === 'metric' && e.point.name.startsWith('eval/') && !e.point.name.includes('/group/')) this.view.refresh();
    });
    void job.done.then((status) => {
      this.jobs.delete(job.runId);
      this.view.refresh();
      const message = `Responsible ML: ${name} ${status}.`;
      if (status === 'succeeded') void vscode.window.showInformationMessage(message);
      else if (status !== 'stopped') void vscode.window.showWarningMessage(message, 'Show Output').then((c) => c && this.output.show());
    });
  }

  /** Stops a run: its job here, or a run another window or the CLI follows. */
  async stop(runId: string): Promise<void> {
    const job = this.jobs.get(runId);
    if (job) return job.stop();
    const folder = this.folder();
    if (!folder) return;
    const store = this.store(folder);
    const record = await store.read(runId);
    const attached = await this.registry().get(record.runner).attach({ record, paths: store.paths(runId), store });
    await attached?.stop();
    this.view.refresh();
  }

  async openLog(runId: string): Promise<void> {
    const folder = this.folder();
    if (!folder) return;
    await vscode.window.showTextDocument(vscode.Uri.file(join(this.store(folder).paths(runId).log)), { preview: true });
  }

  /** The run record, for tests and other panels. */
  async record(runId: string): Promise<RunRecord | undefined> {
    const folder = this.folder();
    return folder ? this.store(folder).read(runId) : undefined;
  }

  private async pickSpec(folder: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
    const specs = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/{train.json,*.train.json}'), '{**/node_modules/**,**/.responsible-ml/**}', 100);
    if (specs.length === 0) return runSpecWizard(folder);
    const wizard = { label: '$(add) New spec…', description: 'quick picks with sensible defaults', uri: undefined as vscode.Uri | undefined };
    const choice = await vscode.window.showQuickPick([...specs.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u as vscode.Uri | undefined })), wizard], { title: 'Start Fine-Tuning', placeHolder: 'A train.json spec, or a new one' });
    if (!choice) return undefined;
    return choice.uri ?? runSpecWizard(folder);
  }

  private async showSpecError(uri: vscode.Uri, err: Error): Promise<void> {
    log().error(err.message);
    const m = /:(\d+):(\d+): /.exec(err.message);
    const open = 'Open Spec';
    const choice = await vscode.window.showErrorMessage(`Responsible ML: ${err.message}`, open);
    if (choice === open) {
      const pos = m ? new vscode.Position(Number(m[1]) - 1, Number(m[2]) - 1) : new vscode.Position(0, 0);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos) });
    }
  }

  dispose(): void {
    // Every local run (builtin and process) is a detached process and Slurm jobs live on the cluster: they keep running and are re-attached after the reload.
    for (const job of this.jobs.values()) job.detach();
    for (const d of this.disposables) d.dispose();
  }
}
