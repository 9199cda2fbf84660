import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'responsible-ml.responsible-ml';

describe('activation', () => {
  it('is installed in the host under its publisher.name id', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not loaded`);
  });

  it('activates and registers its commands', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    assert.equal(ext.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('responsibleMl.showOutput'), 'responsibleMl.showOutput is not registered');
  });
});

describe('activation cost', () => {
  it('records activation time (goal < 50 ms; see docs/benchmarks.md)', async () => {
    const { api, writeMeasure } = await import('./helpers');
    const { activationMs, moduleLoadMs } = await api();
    assert.ok(Number.isFinite(activationMs) && activationMs > 0, `activationMs = ${activationMs}`);
    writeMeasure('activationMs', Math.round(activationMs * 10) / 10);
    writeMeasure('moduleLoadMs', Math.round(moduleLoadMs * 10) / 10);
    console.log(`[rml-integration] activation took ${activationMs.toFixed(1)} ms (module evaluation ${moduleLoadMs.toFixed(1)} ms)`);
  });
});
