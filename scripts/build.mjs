// Bundles the extension, the CLI, worker entry points, the integration suite and one bundle per webview.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildWasm } from './build-wasm.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const root = new URL('..', import.meta.url).pathname;

/** Every `*.worker.ts` under src/ becomes dist/workers/<name>.js. */
function findWorkers(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) findWorkers(full, out);
    else if (name.endsWith('.worker.ts')) out.push(full);
  }
  return out;
}

const workers = Object.fromEntries(
  findWorkers(join(root, 'src')).map((f) => [f.split('/').pop().replace(/\.ts$/, ''), f]),
);
const webviews = existsSync(join(root, 'webview'))
  ? Object.fromEntries(
      readdirSync(join(root, 'webview'))
        .filter((d) => existsSync(join(root, 'webview', d, 'main.ts')))
        .map((d) => [d, join(root, 'webview', d, 'main.ts')]),
    )
  : {};

// Native and heavy modules stay outside the bundle and load lazily at run time.
const nodeExternals = ['vscode', 'onnxruntime-node', '@duckdb/node-api', '@duckdb/node-bindings', 'sharp', '@huggingface/transformers', 'mocha'];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  external: nodeExternals,
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const configs = [
  // The heavy half is a bundle of its own, required on first use (src/extension/load-heavy.ts).
  { ...common, entryPoints: { extension: 'src/extension/extension.ts', 'extension-heavy': 'src/extension/heavy.ts' }, outdir: 'dist' },
  // dist/cli.js only picks one of the two CLI bundles (src/cli/bin/rml.ts): `rml lint` loads the smaller.
  { ...common, entryPoints: { cli: 'src/cli/bin/rml.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, external: [...nodeExternals, './cli-lint.js', './cli-all.js'] },
  { ...common, entryPoints: { 'cli-all': 'src/cli/bin/all.ts', 'cli-lint': 'src/cli/bin/lint.ts' }, outdir: 'dist' },
  { ...common, entryPoints: workers, outdir: 'dist/workers' },
  {
    ...common,
    entryPoints: { index: 'test/integration/index.ts' },
    outdir: 'dist/test/integration',
  },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    entryPoints: webviews,
    outdir: 'dist/webview',
    loader: { '.css': 'css' },
  },
].filter((c) => Object.keys(c.entryPoints).length > 0 && Object.values(c.entryPoints).every((p) => existsSync(join(root, p)) || p.startsWith('/')));

// value-scan.wat → value-scan-wasm.ts, before anything bundles it (a no-op unless the .wat changed).
if (await buildWasm()) console.log('[build] value-scan-wasm.ts regenerated');
if (!watch) rmSync(join(root, 'dist'), { recursive: true, force: true });
const started = Date.now();
if (watch) {
  for (const c of configs) (await esbuild.context({ ...c, absWorkingDir: root })).watch();
  console.log('[build] watching for changes…');
} else {
  await Promise.all(configs.map((c) => esbuild.build({ ...c, absWorkingDir: root })));
  console.log(`[build] ${configs.length} bundle groups in ${Date.now() - started} ms`);
}
