// `npm run bench:activation`: the cost of loading the extension bundle in a fresh Node process
// (compile + evaluate, with a stand-in `vscode` module), against loading the heavy half that is
// kept out of activation (dist/extension-heavy.js) — the peer, measured in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runs = Number(process.argv[2] ?? 15);
const dir = mkdtempSync(join(tmpdir(), 'rml-act-'));
// Every vscode API the bundle touches at load time answers with a callable, constructible stand-in.
const stub = join(dir, 'vscode-stub.cjs');
writeFileSync(
  stub,
  `const Module = require('module');
function make() { const fn = function () { return new Proxy({}, { get: (t, p) => (p === 'then' ? undefined : make()) }); };
  return new Proxy(fn, { get: (t, p) => (p === 'prototype' ? t.prototype : p === 'then' ? undefined : make()), construct: () => new Proxy({}, { get: (t, p) => (p === 'then' ? undefined : make()) }) }); }
const names = ${JSON.stringify(['TreeItem', 'EventEmitter', 'Disposable', 'Uri', 'Range', 'Diagnostic', 'DiagnosticSeverity', 'CodeActionKind', 'CodeAction', 'TreeItemCollapsibleState', 'window', 'workspace', 'commands', 'languages', 'FileType', 'Location', 'DiagnosticRelatedInformation', 'ProgressLocation', 'WorkspaceEdit', 'Position', 'Selection', 'ViewColumn', 'StatusBarAlignment', 'ThemeIcon', 'ThemeColor', 'MarkdownString', 'env', 'extensions', 'l10n'])};
const vscode = {}; for (const n of names) vscode[n] = make();
const load = Module._load; Module._load = function (r, ...a) { return r === 'vscode' ? vscode : load.call(this, r, ...a); };`,
);

function measure(bundle) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-r', stub, '-e', `const t=performance.now();require(${JSON.stringify(bundle)});console.log(performance.now()-t)`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    times.push(Number(r.stdout.trim()));
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times[times.length - 1] };
}

const ext = measure(join(root, 'dist', 'extension.js'));
const heavy = measure(join(root, 'dist', 'extension-heavy.js'));
console.log(`require() in a fresh process, ${runs} runs (ms, median [min–max]):`);
console.log(`  dist/extension.js        ${ext.median.toFixed(1)} [${ext.min.toFixed(1)}–${ext.max.toFixed(1)}]   (loaded at activation)`);
console.log(`  dist/extension-heavy.js  ${heavy.median.toFixed(1)} [${heavy.min.toFixed(1)}–${heavy.max.toFixed(1)}]   (loaded on first use)`);
console.log(`  ratio heavy/activation   ${(heavy.median / ext.median).toFixed(1)}x; goal: activation < 50 ms`);
