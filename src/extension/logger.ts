import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The "Responsible ML" output channel; created on first use. */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Responsible ML', { log: true });
  return channel;
}
