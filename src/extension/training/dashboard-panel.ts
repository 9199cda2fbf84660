import * as vscode from 'vscode';
import type { MetricChunk } from '../../core/training/metric-columns';
import {
  TRAINING_DASHBOARD_VIEW_TYPE,
  type DashboardRun,
  type DashboardToHost,
  type HostToDashboard,
  type RenderedDashboard,
  type RunChoice,
  type RunChunk,
} from '../../protocol/training-dashboard-protocol';
import { webviewPageHtml } from '../webview-page-html';
import type { FollowedRun, FollowedRunEvent, FollowedRuns } from './followed-runs';
import { dashboardRun } from './run-summary';

/** What the panel asks of the dashboards around it. */
export interface DashboardPanelActions {
  /** The folder of a run, or undefined when the workspace has no such run. */
  runDir(id: string): Promise<string | undefined>;
  /** Runs the page may offer for comparison. */
  choices(): Promise<RunChoice[]>;
  /** Asks the run to stop. */
  stop(id: string): Promise<{ ok: boolean; message: string }>;
  /** Writes a warning to the output channel. */
  warn(message: string): void;
}

/** When the page last took points in (host clock), for the integration test's latency figure. */
export interface AppliedMark {
  seq: number;
  points: number;
  at: number;
}

/**
 * The webview panel of one run's dashboard (and the runs compared with it). The host keeps every
 * point read (FollowedRuns) and sends only what is new; when the page is rebuilt after being
 * hidden (no retainContextWhenHidden) it says 'ready' and gets everything again. The page keeps
 * its own settings (smoothing, x axis, log scale) with getState/setState.
 */
export class TrainingDashboardPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  /** The runs shown, the one the panel was opened for first. */
  runs: string[] = [];
  lastRendered?: RenderedDashboard;
  /** When the last 'rendered' arrived (host clock, Date.now()). */
  renderedAt?: number;
  renders = 0;
  applied?: AppliedMark;
  readonly cspViolations: string[] = [];
  readonly stopResults: Array<{ run: string; ok: boolean; message: string }> = [];
  private readonly followed = new Map<string, { run: FollowedRun; dispose: () => void }>();
  private ready = false;
  private seq = 0;
  private disposed = false;
  private readonly renderedEmitter = new vscode.EventEmitter<RenderedDashboard>();
  readonly onDidRender = this.renderedEmitter.event;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly main: string,
    title: string,
    extensionUri: vscode.Uri,
    private readonly feeds: FollowedRuns,
    private readonly actions: DashboardPanelActions,
  ) {
    this.panel = vscode.window.createWebviewPanel(
      TRAINING_DASHBOARD_VIEW_TYPE,
      `Training: ${title}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
      },
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activity-bar.svg');
    this.panel.webview.html = webviewPageHtml(this.panel.webview, extensionUri, { bundle: 'training-dashboard', title: `Training Dashboard: ${title}`, name: 'Training Dashboard', loading: 'Loading the run…' });
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((m: DashboardToHost) => void this.onMessage(m)),
      // A hidden page is torn down; nothing is sent until the rebuilt one says it is ready.
      this.panel.onDidChangeViewState(() => {
        if (!this.panel.visible) this.ready = false;
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Shows these runs (the first is the main one); follows new ones and lets go of the rest. */
  async setRuns(ids: string[]): Promise<void> {
    const wanted = [...new Set(ids)];
    const dirs = await Promise.all(wanted.map(async (id) => [id, await this.actions.runDir(id)] as const));
    const known = dirs.filter(([, dir]) => dir !== undefined) as Array<readonly [string, string]>;
    for (const [id, f] of this.followed) {
      if (known.some(([k]) => k === id)) continue;
      f.dispose();
      this.followed.delete(id);
    }
    const added: string[] = [];
    for (const [id, dir] of known) {
      if (this.followed.has(id)) continue;
      this.followed.set(id, this.feeds.subscribe(id, dir, (e) => this.onRunEvent(id, e)));
      added.push(id);
    }
    this.runs = known.map(([id]) => id);
    if (!this.ready) return;
    await this.postRuns();
    // Runs just added: everything read so far (more arrives as it is read).
    const chunks = added.flatMap((id) => this.snapshot(id));
    if (added.length > 0) this.postPoints(chunks, added);
  }

  /** Points the host holds over the shown runs. */
  get hostPoints(): number {
    let n = 0;
    for (const f of this.followed.values()) n += f.run.columns.points;
    return n;
  }

  /** Problems read from the shown runs' files. */
  get problems(): string[] {
    return [...this.followed.values()].flatMap((f) => [...f.run.problems, ...(f.run.recordError ? [f.run.recordError] : [])]);
  }

  /** Tests only: presses a control of the page (its real click handler runs). */
  press(control: 'stop' | 'confirmStop', run: string): void {
    this.post({ type: 'press', control, run });
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  private post(message: HostToDashboard): void {
    if (this.disposed || !this.ready) return;
    void this.panel.webview.postMessage(message);
  }

  private summaries(): DashboardRun[] {
    const out: DashboardRun[] = [];
    for (const id of this.runs) {
      const f = this.followed.get(id)?.run;
      if (f?.record) out.push(dashboardRun(f.record, f.stopRequested));
    }
    return out;
  }

  private async postRuns(): Promise<void> {
    const choices = await this.actions.choices();
    this.post({ type: 'runs', shown: [...this.runs], runs: this.summaries(), choices });
  }

  private snapshot(id: string): RunChunk[] {
    return (this.followed.get(id)?.run.columns.toChunks() ?? []).map((c) => ({ ...c, run: id }));
  }

  private postPoints(chunks: RunChunk[], reset?: string[]): void {
    this.post({ type: 'points', seq: ++this.seq, chunks, ...(reset && reset.length > 0 ? { reset } : {}) });
  }

  private onRunEvent(id: string, e: FollowedRunEvent): void {
    const f = this.followed.get(id)?.run;
    if (!f) return;
    switch (e.type) {
      case 'points':
        this.postPoints(
          e.chunks.map((c: MetricChunk) => ({ ...c, run: id })),
          e.reset ? [id] : undefined,
        );
        break;
      case 'record':
      case 'stopRequested':
        // The first record of a run that was added: the header learns of it in full.
        if (f.record) this.post({ type: 'run', run: dashboardRun(f.record, f.stopRequested) });
        if (e.type === 'record' && f.recordError) this.post({ type: 'problem', run: id, message: f.recordError });
        break;
      case 'problem':
        this.post({ type: 'problem', run: id, message: e.message });
        break;
    }
  }

  private async onMessage(m: DashboardToHost): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        await this.postRuns();
        this.postPoints(this.runs.flatMap((id) => this.snapshot(id)), [...this.runs]);
        for (const id of this.runs) for (const p of this.followed.get(id)?.run.problems ?? []) this.post({ type: 'problem', run: id, message: p });
        break;
      }
      case 'applied':
        this.applied = { seq: m.seq, points: m.points, at: Date.now() };
        break;
      case 'rendered':
        this.lastRendered = m.summary;
        this.renderedAt = Date.now();
        this.renders++;
        this.renderedEmitter.fire(m.summary);
        break;
      case 'compare':
        if (Array.isArray(m.runs) && m.runs.every((r) => typeof r === 'string')) await this.setRuns([this.main, ...m.runs.filter((r) => r !== this.main).slice(0, 12)]);
        break;
      case 'stop': {
        if (!this.runs.includes(m.run)) break;
        const result = await this.actions.stop(m.run).catch((err: Error) => ({ ok: false, message: err.message }));
        this.stopResults.push({ run: m.run, ...result });
        this.post({ type: 'stopResult', run: m.run, ...result });
        break;
      }
      case 'cspViolation':
        this.cspViolations.push(`${m.directive}: ${m.blocked}`);
        this.actions.warn(`Training Dashboard: the page's Content-Security-Policy blocked ${m.directive}: ${m.blocked}`);
        break;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
    for (const f of this.followed.values()) f.dispose();
    this.followed.clear();
    this.subscriptions.forEach((s) => s.dispose());
    this.subscriptions.length = 0;
    this.renderedEmitter.dispose();
    this.disposeEmitter.dispose();
    this.panel.dispose();
  }
}
