import * as vscode from 'vscode';
import { InferenceClient } from '../../core/inference/inference-client';
import type { Device } from '../../core/inference/inference-types';
import { log } from '../logger';
import { engineOptions } from './inference-settings';

/**
 * The extension's inference worker (Run Model commands) and the status bar item that shows the
 * device models run on — in this worker or in the lint worker, which runs the NER model for
 * linting (each worker loads its own copy; see docs/architecture.md).
 */
export class InferenceService implements vscode.Disposable {
  readonly client: InferenceClient;
  private readonly status = vscode.window.createStatusBarItem('responsibleMl.device', vscode.StatusBarAlignment.Right, 90);
  private readonly disposables: vscode.Disposable[] = [];
  private readonly devices = new Map<string, Device>();
  private readonly told = new Set<string>();

  constructor(private readonly context: vscode.ExtensionContext) {
    this.client = new InferenceClient(vscode.Uri.joinPath(context.extensionUri, 'dist', 'workers', 'inference.worker.js').fsPath, (m) => this.tell(m));
    this.client.configure(engineOptions(context));
    this.status.name = 'Responsible ML: inference device';
    this.status.command = 'responsibleMl.refreshModels';
    this.disposables.push(
      this.status,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('responsibleMl.inference') || e.affectsConfiguration('responsibleMl.models')) this.client.configure(engineOptions(context));
      }),
    );
  }

  /** Shows a message from a worker (the CUDA fallback) once per session, and logs it. */
  tell(message: string): void {
    log().warn(message);
    if (this.told.has(message)) return;
    this.told.add(message);
    void vscode.window.showWarningMessage(`Responsible ML: ${message}`);
  }

  /** Records the device a worker ran a model on and updates the status bar. */
  setDevice(source: 'inference' | 'lint', device: Device | undefined): void {
    if (!device) return;
    this.devices.set(source, device);
    const all = [...new Set(this.devices.values())];
    const cuda = all.includes('cuda');
    this.status.text = `$(${cuda ? 'zap' : 'chip'}) ${all.map((d) => d.toUpperCase()).join('+')}`;
    this.status.tooltip = `Responsible ML runs models on: ${[...this.devices].map(([s, d]) => `${d.toUpperCase()} (${s === 'lint' ? 'NER for linting' : 'Run Model'})`).join(', ')}. Setting: responsibleMl.inference.device`;
    this.status.show();
  }

  /** The device of each worker that ran a model. */
  get deviceInUse(): ReadonlyMap<string, Device> {
    return this.devices;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    // Cooperative: cancels runs, waits for them to stop between batches, then ends the worker.
    void this.client.shutdown(4000);
  }
}
