import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ResponsibleMlApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'responsible-ml.responsible-ml';

/** The activated extension's API. */
export async function api(): Promise<ResponsibleMlApi> {
  const ext = vscode.extensions.getExtension<ResponsibleMlApi>(EXTENSION_ID)!;
  return ext.activate();
}

/** The workspace folder the suite runs in (samples/). */
export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suite needs the samples/ folder open');
  return folder.uri.fsPath;
}

/** A scratch folder inside the workspace, removed by `cleanScratch`. */
export function scratchDir(): string {
  const dir = path.join(workspaceDir(), '.rml-test');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function cleanScratch(): void {
  fs.rmSync(path.join(workspaceDir(), '.rml-test'), { recursive: true, force: true });
}

/** Waits until `check` returns a value (polling), or fails after `ms`. */
export async function waitFor<T>(check: () => T | undefined | false, ms = 20_000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Diagnostics of ours on a document, once the linter has reported them. */
export async function ourDiagnostics(uri: vscode.Uri, min = 1): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Responsible ML');
    return d.length >= min ? d : undefined;
  }, 20_000, `diagnostics on ${uri.fsPath}`);
}

/** Where integration-measured figures are written for docs/benchmarks.md. */
export function writeMeasure(name: string, value: unknown): void {
  const dir = path.resolve(__dirname, '..', '..', '..', 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'integration-measures.json');
  const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  all[name] = value;
  fs.writeFileSync(file, JSON.stringify(all, null, 2));
}

/**
 * Asks the runner (scripts/test-integration.mjs) for a screenshot of the workbench as it is now,
 * saved as test-results/integration-<name>.png, and waits for it. Hosts whose runner takes no
 * screenshots (test:electron) answer nothing: false after `ms`.
 */
export async function screenshot(name: string, ms = 10_000): Promise<boolean> {
  const file = path.resolve(__dirname, '..', '..', '..', 'test-results', `integration-${name}.png`);
  fs.rmSync(file, { force: true });
  console.log(`[rml-screenshot] ${name}`);
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (fs.existsSync(file) && fs.statSync(file).size > 0) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
