// Installs code-server (a real VS Code 1.100.3 server with the Node extension host) into the
// project's cache folder `.vscode-test/`, offline: only the npm registry is reachable here, so
// `@vscode/test-electron` cannot download VS Code. See ../shared/guides/real-vscode-host.md.
//
// Usage: node scripts/vscode-host/install.mjs        (npm run host:install)
// Also importable: `ensureHostInstalled()` returns the path of the code-server entry script.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync, chmodSync, renameSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const hostDir = join(repoRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
// `bin/code-server` is a shell wrapper; the entry script runs with whatever `node` we choose.
export const codeServerEntry = join(hostDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

// @vscode/ripgrep (a code-server dependency) downloads `rg` from GitHub in its postinstall
// unless it finds this tarball in its cache folder under $TMPDIR. Names observed in
// @vscode/ripgrep 1.15.11's lib/postinstall.js + lib/download.js.
const RIPGREP_CACHE_DIR = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

function log(msg) {
  console.log(`[host:install] ${msg}`);
}

/** True when the installed code-server answers --version with the expected version. */
export function isHostInstalled() {
  if (!existsSync(codeServerEntry)) return false;
  // code-server writes a default config into $HOME on start; keep that out of the user's home.
  const home = mkdtempSync(join(tmpdir(), 'rml-cs-version-'));
  const r = spawnSync(process.execPath, [codeServerEntry, '--version'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share') },
  });
  rmSync(home, { recursive: true, force: true });
  return r.status === 0 && r.stdout.includes(CODE_SERVER_VERSION);
}

/** Debian packages the install needs; returns human-readable problems (empty = fine). */
function missingPrerequisites() {
  const problems = [];
  const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  if (!existsSync('/usr/bin/rg')) problems.push('ripgrep (/usr/bin/rg) — seeds @vscode/ripgrep, which cannot reach GitHub');
  if (!has('krb5-config')) problems.push('libkrb5-dev (krb5-config) — the `kerberos` module builds from source');
  for (const tool of ['make', 'g++', 'python3']) {
    if (!has(tool)) problems.push(`${tool} — node-gyp builds node-pty, argon2 and kerberos from source`);
  }
  return problems;
}

/** Puts Debian's rg into the tarball @vscode/ripgrep's postinstall looks for. */
function seedRipgrepCache(tmpDir) {
  const cacheDir = join(tmpDir, RIPGREP_CACHE_DIR);
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, RIPGREP_ASSET);
  if (existsSync(tarball)) return;
  // The release tarball holds `rg` at its top level (the postinstall extracts into bin/).
  const stage = mkdtempSync(join(tmpDir, 'rg-stage-'));
  copyFileSync('/usr/bin/rg', join(stage, 'rg'));
  chmodSync(join(stage, 'rg'), 0o755);
  const r = spawnSync('tar', ['-czf', tarball, '-C', stage, 'rg'], { stdio: 'inherit' });
  rmSync(stage, { recursive: true, force: true });
  if (r.status !== 0) throw new Error('could not create the ripgrep cache tarball');
}

/** Installs code-server unless a runnable copy is already there; returns the entry script path. */
export function ensureHostInstalled({ quiet = false } = {}) {
  if (isHostInstalled()) {
    if (!quiet) log(`code-server ${CODE_SERVER_VERSION} already installed in ${hostDir}`);
    return codeServerEntry;
  }
  const problems = missingPrerequisites();
  if (problems.length) {
    console.error('[host:install] missing Debian packages/tools:');
    for (const p of problems) console.error(`  - ${p}`);
    console.error('[host:install] install them with: apt-get install -y chromium ripgrep libkrb5-dev build-essential python3');
    throw new Error('prerequisites missing');
  }

  const started = Date.now();
  // Install into a staging folder and rename at the end, so an interrupted install never
  // looks complete and a retry starts clean.
  const staging = `${hostDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const tmpDir = join(staging, '.tmp');
  mkdirSync(tmpDir, { recursive: true });
  seedRipgrepCache(tmpDir);
  writeFileSync(
    join(staging, 'package.json'),
    JSON.stringify({ name: 'code-server-host', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION } }, null, 2),
  );

  log(`installing code-server@${CODE_SERVER_VERSION} into ${hostDir} (about a minute, ~300 MB)…`);
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], {
    cwd: staging,
    stdio: 'inherit',
    env: {
      ...process.env,
      TMPDIR: tmpDir, // where @vscode/ripgrep looks for its cache
      // node-pty's postinstall runs `npx node-gyp`; the machine's .npmrc says yes=false.
      npm_config_yes: 'true',
      npm_config_unsafe_perm: 'true',
      // code-server's postinstall runs nested `npm install`s whose native modules (node-pty,
      // argon2, kerberos, @vscode/ripgrep) need their install scripts. npm 11 only warns about
      // scripts missing from `allowScripts`; this keeps a stricter npm from skipping them in
      // this pinned, cache-folder-only install tree (an env setting reaches the nested npms).
      npm_config_dangerously_allow_all_scripts: 'true',
      // Keep node-gyp's header cache inside the staging folder rather than in $HOME.
      npm_config_devdir: join(tmpDir, 'node-gyp'),
      npm_config_update_notifier: 'false',
    },
  });
  if (r.status !== 0) {
    throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${r.status}); see the output above`);
  }
  rmSync(tmpDir, { recursive: true, force: true });
  rmSync(hostDir, { recursive: true, force: true });
  mkdirSync(dirname(hostDir), { recursive: true });
  renameSync(staging, hostDir);
  if (!isHostInstalled()) throw new Error(`code-server installed but \`--version\` did not report ${CODE_SERVER_VERSION}`);
  log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return codeServerEntry;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    ensureHostInstalled();
  } catch (e) {
    console.error(`[host:install] ${e.message}`);
    process.exit(1);
  }
}
