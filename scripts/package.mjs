// `npm run package [-- --target linux-x64]`: a production build, then a platform-specific VSIX.
//
// esbuild bundles every pure-JS dependency into dist/, so node_modules/ is dropped from the
// VSIX except for the packages the bundles still `require()` at run time (native modules
// such as onnxruntime-node, which cannot be bundled) and their dependencies. The list comes
// from the bundles themselves, so it cannot drift from build.mjs's `external` list. Native
// binaries of other platforms are dropped too. Afterwards the VSIX is checked: every runtime
// require that is installed here must be inside it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const argTarget = process.argv.indexOf('--target');
const hostTarget = `${process.platform}-${process.arch}`;
const target = argTarget > 0 ? process.argv[argTarget + 1] : hostTarget;
if (target !== hostTarget) {
  // npm installs only the host's optional platform packages (e.g. @duckdb/node-bindings-*).
  console.warn(`[package] warning: packaging for ${target} on ${hostTarget}; platform-specific npm packages are the host's`);
}
const vsixPath = join(repoRoot, `${pkg.name}-${target}-${pkg.version}.vsix`);
const started = Date.now();

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`[package] ${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(1);
  }
  return r;
}

// 1. Production bundles (minified, no source maps).
run(process.execPath, ['scripts/build.mjs', '--production']);

// 2. Packages the bundles load at run time: bare `require("x")` / `import("x")` that are
//    neither Node built-ins nor the `vscode` API.
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
function bundles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!['test', 'webview'].includes(e.name)) bundles(full, out);
    } else if (e.name.endsWith('.js')) out.push(full);
  }
  return out;
}
const runtimeRequires = new Set();
for (const file of bundles(join(repoRoot, 'dist'))) {
  const src = readFileSync(file, 'utf8');
  // Not preceded by a quote: ajv keeps `'require("ajv/dist/runtime/…")'` as code-gen strings.
  for (const m of src.matchAll(/(?<![\w$.'"`])(?:require|import)\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
    const spec = m[1];
    if (builtins.has(spec) || builtins.has(spec.split('/')[0]) || spec === 'vscode') continue;
    runtimeRequires.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
}

/** Finds an installed package's folder the way Node resolves it from `fromDir`. */
function packageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === dirname(dir) || dir === dirname(repoRoot)) return null;
  }
}

// Dependencies that a shipped package declares but never loads here at run time:
// - transformers.js's Node build (dist/transformers.node.cjs) has its tokenizers, Jinja and the
//   onnxruntime-web bundle inlined, and loads onnxruntime-node for inference;
// - sharp (~20 MB of native image code per platform) is required when transformers.js loads but
//   only used for images: our workers resolve it to a stub (src/core/inference/module-redirects.ts),
//   since the extension runs text models only;
// - onnxruntime-node's adm-zip and global-agent serve its install script (CUDA download), not its runtime.
const RUNTIME_UNUSED = new Map([
  ['@huggingface/transformers', ['onnxruntime-web', '@huggingface/jinja', '@huggingface/tokenizers', 'sharp']],
  ['onnxruntime-node', ['adm-zip', 'global-agent']],
]);

// Each runtime package plus everything it depends on (that is installed here).
const ship = new Map(); // relative folder -> package name
const notInstalled = [];
const queue = [...runtimeRequires].map((name) => ({ name, from: repoRoot, direct: true }));
while (queue.length) {
  const { name, from, direct } = queue.shift();
  const dir = packageDir(name, from);
  if (!dir) {
    if (direct) notInstalled.push(name);
    continue;
  }
  const rel = relative(repoRoot, dir);
  if (ship.has(rel)) continue;
  ship.set(rel, name);
  const p = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const unused = RUNTIME_UNUSED.get(name) ?? [];
  for (const dep of Object.keys({ ...p.dependencies, ...p.optionalDependencies })) if (!unused.includes(dep)) queue.push({ name: dep, from: dir, direct: false });
}
if (notInstalled.length) {
  // Lazily-loaded optional modules (inside try/catch) may legitimately be absent.
  console.warn(`[package] note: the bundles require ${notInstalled.join(', ')}, which is not installed; the VSIX will not contain it`);
}

// 3. The ignore file for this target: the project's .vscodeignore + node_modules rules.
const [os, arch] = target.replace(/^alpine/, 'linux').split('-');
const otherTargets = [];
for (const o of ['darwin', 'linux', 'win32']) {
  for (const a of ['x64', 'arm64', 'arm', 'ia32']) if (o !== os || a !== arch) otherTargets.push([o, a]);
}
// vsce (with --dependencies) collects every production dependency (`npm ls --omit=dev`); all
// but the shipped ones are ignored by folder. No `!` negations: in vsce a negation beats every
// ignore pattern, which would bring back the docs and foreign binaries dropped below.
const npmLs = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: repoRoot, encoding: 'utf8' });
const prodDirs = npmLs.stdout.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => relative(repoRoot, l)).filter((r) => r.startsWith('node_modules/'));
const shippedDirs = [...ship.keys()];
const bundledDirs = prodDirs.filter((r) => !shippedDirs.some((s) => r === s || r.startsWith(`${s}/`)));
const ignoreLines = [
  readFileSync(join(repoRoot, '.vscodeignore'), 'utf8'),
  '# --- added by scripts/package.mjs for target ' + target,
  '# production dependencies that esbuild bundled into dist/',
  ...bundledDirs.map((rel) => `${rel}/**`),
  '# inside the shipped packages: docs, typings, tests and other platforms\' native binaries',
  'node_modules/**/{README,CHANGELOG,HISTORY,CONTRIBUTING,SECURITY}*',
  'node_modules/**/*.d.{ts,mts,cts}',
  'node_modules/**/{test,tests,__tests__,example,examples,docs,.github}/**',
  '# transformers.js: only its Node CommonJS build is loaded',
  'node_modules/@huggingface/transformers/{src,types}/**',
  'node_modules/@huggingface/transformers/dist/{transformers.js,transformers.min.js,transformers.web.js,transformers.web.min.js,transformers.node.mjs,transformers.node.min.mjs,transformers.node.min.cjs,ort-wasm-simd-threaded.jsep.mjs}',
  'node_modules/onnxruntime-node/{script,lib}/**',
  ...otherTargets.flatMap(([o, a]) => [
    `node_modules/**/bin/napi-v*/${o}/${a}/**`, // onnxruntime-node
    `node_modules/**/prebuilds/${o}-${a}/**`, // node-gyp-build / prebuildify
  ]),
];
const scratch = mkdtempSync(join(tmpdir(), 'rml-package-'));
const ignoreFile = join(scratch, 'vscodeignore');
writeFileSync(ignoreFile, ignoreLines.join('\n') + '\n');
console.log(`[package] runtime packages shipped in node_modules: ${ship.size ? [...ship.values()].join(', ') : '(none — everything is bundled)'}`);

// 4. vsce, with dependency detection on so the shipped packages are picked up.
rmSync(vsixPath, { force: true });
const vsce = spawnSync(process.execPath, [
  join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'),
  'package',
  '--target', target,
  '--dependencies',
  '--ignoreFile', ignoreFile,
  '--out', vsixPath,
  // No interactive prompts (CI, no stdin): these are warnings, not blockers, for a local VSIX.
  '--allow-missing-repository',
  ...(existsSync(join(repoRoot, 'LICENSE')) || existsSync(join(repoRoot, 'LICENSE.md')) ? [] : ['--skip-license']),
], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
rmSync(scratch, { recursive: true, force: true });
if (vsce.status !== 0) {
  console.error(`[package] vsce package failed (exit ${vsce.status})`);
  run(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' }); // back to a development build
  process.exit(1);
}

// 5. Check the VSIX: every installed runtime package is inside, nothing from sources/tests.
const listing = spawnSync('unzip', ['-Z1', vsixPath], { encoding: 'utf8' });
const problems = [];
if (listing.status === 0) {
  const files = new Set(listing.stdout.split('\n'));
  for (const [rel, name] of ship) {
    if (!files.has(`extension/${rel}/package.json`)) problems.push(`runtime package ${name} (${rel}) is missing — is it in "dependencies"?`);
  }
  for (const f of files) {
    if (/^extension\/(src|test|samples|\.vscode-test|scripts)\//.test(f)) problems.push(`should not ship: ${f}`);
  }
  if (!files.has(`extension/${pkg.main.replace(/^\.\//, '')}`)) problems.push(`the main bundle ${pkg.main} is missing`);
} else {
  console.warn('[package] unzip not available; skipped the content check');
}

// Leave a development build behind so tests and F5 get source maps again.
run(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });

if (problems.length) {
  for (const p of problems) console.error(`[package] ${p}`);
  process.exit(1);
}
const mb = (statSync(vsixPath).size / 1024 / 1024).toFixed(2);
console.log(`[package] ${relative(process.cwd(), vsixPath)} — ${mb} MB (${target}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
