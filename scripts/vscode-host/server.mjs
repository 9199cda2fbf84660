// Helpers to run the extension in a real VS Code (code-server) driven by headless Chromium.
// Every run gets a FRESH server with throw-away dirs: a reused server leaves a file watcher
// behind per run and its extension host outlives the browser (see the host guide).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ensureHostInstalled, repoRoot } from './install.mjs';

export { repoRoot };
export const HOST = '127.0.0.1'; // never bind anything else

// ---------------------------------------------------------------------------------------------
// Cleanup registry: whatever a script starts (servers, browsers) is stopped on normal exit,
// on errors and on Ctrl-C / SIGTERM, so no process group outlives the script.
const cleanups = new Set();
const syncCleanups = new Set();
let signalsInstalled = false;

function installSignalHandlers() {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(sig, async () => {
      console.error(`\n[host] ${sig}: stopping everything started by this script…`);
      await runCleanups();
      process.exit(code);
    });
  }
  // Last resort if the script exits without awaiting cleanup (e.g. process.exit in a handler).
  process.on('exit', () => {
    for (const fn of syncCleanups) {
      try { fn(); } catch { /* already gone */ }
    }
  });
}

/** Runs every registered async cleanup once (each bounded to 10 s). */
export async function runCleanups() {
  const fns = [...cleanups];
  cleanups.clear();
  await Promise.all(
    fns.map((fn) => Promise.race([Promise.resolve().then(fn).catch(() => {}), new Promise((r) => setTimeout(r, 10_000).unref())])),
  );
}

// ---------------------------------------------------------------------------------------------

/** Asks the OS for a free loopback port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** True when something already listens on HOST:port. */
export function isPortTaken(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(true));
    srv.listen(port, HOST, () => srv.close(() => resolve(false)));
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills a whole process group: TERM, then KILL after a grace period. */
async function killGroup(pid, graceMs = 5000) {
  try { process.kill(-pid, 'SIGTERM'); } catch { return; }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    try { process.kill(-pid, 0); } catch { return; } // group is empty
    await new Promise((r) => setTimeout(r, 100));
  }
  try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
}

/**
 * A throw-away copy of a workspace folder (same folder name, so titles read the same). Tests
 * that write files then never touch samples/, and runs in parallel never share a folder.
 * An empty or missing source gives an empty folder.
 */
export function copyWorkspace(src) {
  installSignalHandlers();
  const parent = mkdtempSync(join(tmpdir(), 'rml-workspace-'));
  const dir = join(parent, basename(src));
  if (existsSync(src)) cpSync(src, dir, { recursive: true });
  else mkdirSync(dir);
  const remove = () => {
    cleanups.delete(remove);
    syncCleanups.delete(remove);
    rmSync(parent, { recursive: true, force: true });
  };
  cleanups.add(remove);
  syncCleanups.add(remove);
  return { dir, remove };
}

/**
 * Starts a fresh code-server on 127.0.0.1.
 * @param {{workspace: string, extensionDevelopmentPath?: string, port?: number,
 *          extensionsDir?: string, keepDirs?: boolean, logFile?: string, vsix?: string,
 *          env?: Record<string, string>}} opts
 *   `vsix` is installed (`--install-extension`) into the fresh extensions dir before start.
 *   `env` is added to the server's environment, which its extension host inherits (the
 *   browser cannot pass variables to extension tests; the server can).
 *   `extensionDevelopmentPath` is only remembered for `workbenchUrl`: code-server loads an
 *   extension under development from the URL payload, not from a CLI flag.
 * @returns {Promise<{url: string, port: number, pid: number, dir: string, userDataDir: string,
 *          extensionsDir: string, logFile: string, workbenchUrl: (o?: object) => string, stop: () => Promise<void>}>}
 */
export async function startServer({ workspace, extensionDevelopmentPath, port, extensionsDir, keepDirs = false, logFile, vsix, env: extraEnv = {} } = {}) {
  if (!workspace) throw new Error('startServer: workspace is required');
  installSignalHandlers();
  const entry = ensureHostInstalled({ quiet: true });
  port ??= await freePort();

  const dir = mkdtempSync(join(tmpdir(), 'rml-code-server-'));
  const userDataDir = join(dir, 'user-data');
  extensionsDir ??= join(dir, 'extensions');
  const home = join(dir, 'home');
  for (const d of [userDataDir, extensionsDir, home, join(home, '.config'), join(home, '.local/share'), join(home, '.cache'), join(home, '.local/state'), join(dir, 'runtime')]) {
    mkdirSync(d, { recursive: true, mode: 0o700 });
  }
  const config = join(dir, 'config.yaml');
  writeFileSync(config, `bind-addr: ${HOST}:${port}\nauth: none\ncert: false\n`);
  // Quieter, deterministic workbench: no welcome page, no restored editors, no auto-update.
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': false,
      'update.mode': 'none',
      'window.restoreWindows': 'none',
      // The repo around samples/ is a git repo; its "open the parent repository?" toast
      // would cover the UI in screenshots.
      'git.openRepositoryInParentFolders': 'never',
    }, null, 2),
  );

  logFile ??= join(dir, 'server.log');
  const log = createWriteStream(logFile);

  // Strip variables that would make code-server talk to an outer VS Code instead of starting.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VSCODE_|ELECTRON_RUN_AS_NODE)/.test(k)));
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_STATE_HOME: join(home, '.local/state'),
    XDG_RUNTIME_DIR: join(dir, 'runtime'),
  });
  delete env.PORT; // code-server would prefer $PORT over --bind-addr
  Object.assign(env, extraEnv);

  if (vsix) {
    const r = spawnSync(process.execPath, [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
      env, encoding: 'utf8', timeout: 180_000, stdio: ['ignore', 'pipe', 'pipe'],
    });
    writeFileSync(join(dir, 'install-extension.log'), `${r.stdout}\n${r.stderr}`);
    if (r.status !== 0) {
      if (!keepDirs) rmSync(dir, { recursive: true, force: true });
      throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
  }

  const args = [
    entry,
    '--config', config,
    '--bind-addr', `${HOST}:${port}`,
    '--auth', 'none',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspace,
  ];
  // detached: its own process group, so stop() can kill the server, the extension host and
  // the file watcher together.
  const child = spawn(process.execPath, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const pid = child.pid;
  let exited = null;
  const exitedPromise = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));

  let stopping = null;
  const removeDirs = () => { if (!keepDirs) rmSync(dir, { recursive: true, force: true }); };
  // Idempotent: every caller (script, signal handler) awaits the same complete shutdown.
  const stop = () => {
    stopping ??= (async () => {
      cleanups.delete(stop);
      await killGroup(pid);
      log.end();
      removeDirs();
      syncCleanups.delete(stopSync);
    })();
    return stopping;
  };
  const stopSync = () => {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    removeDirs();
  };
  cleanups.add(stop);
  syncCleanups.add(stopSync);

  const url = `http://${HOST}:${port}/`;
  const started = Date.now();
  try {
    for (;;) {
      if (exited) throw new Error(`code-server exited early (${JSON.stringify(exited)})`);
      if (Date.now() - started > 60_000) throw new Error('code-server did not answer /healthz within 60 s');
      try {
        const res = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) break;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 150));
    }
  } catch (e) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    await stop();
    throw new Error(`${e.message}\n--- server log tail ---\n${tail}`);
  }

  return {
    url,
    port,
    pid,
    dir,
    userDataDir,
    extensionsDir,
    logFile,
    readyMs: Date.now() - started,
    /** Resolves with {code, signal} when the server process exits. */
    exited: exitedPromise,
    workbenchUrl: (o = {}) => workbenchUrl({ port, workspace, extensionDevelopmentPath, ...o }),
    stop,
  };
}

/**
 * The workbench URL that opens `workspace` and, through the `payload` query parameter, loads an
 * extension under development and/or runs an extension test suite (the browser equivalent of
 * --extensionDevelopmentPath / --extensionTestsPath). Paths are absolute on the server's disk;
 * `extensionTestsPath` is the compiled suite index without `.js`.
 */
export function workbenchUrl({ port, workspace, extensionDevelopmentPath, extensionTestsPath, skipWelcome = true }) {
  const remote = (p) => `vscode-remote://${HOST}:${port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath.replace(/\.js$/, ''))]);
  if (skipWelcome) payload.push(['skipWelcome', 'true']);
  // Slashes stay readable in the folder path; everything else is encoded.
  let url = `http://${HOST}:${port}/?folder=${encodeURIComponent(workspace).replace(/%2F/g, '/')}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Launches headless Debian Chromium through playwright-core with a fresh profile dir.
 * @returns {Promise<{context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close: () => Promise<void>}>}
 */
export async function openBrowser({ headless = true, viewport = { width: 1440, height: 900 } } = {}) {
  installSignalHandlers();
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found — install Debian's chromium (apt-get install -y chromium)`);
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'rml-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    viewport,
    // Our own handlers stop the server too; Playwright's would exit before they ran.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closing = null;
  const close = () => {
    closing ??= (async () => {
      cleanups.delete(close);
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    })();
    return closing;
  };
  cleanups.add(close);
  return { context, page, close };
}

/** Lists PIDs whose command line mentions `needle` (used to prove nothing was left behind). */
export function pidsMatching(needle) {
  const r = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .filter((l) => l.includes(needle) && !l.includes('ps -eo'))
    .map((l) => Number(l.trim().split(/\s+/)[0]))
    .filter((pid) => pid !== process.pid && isAlive(pid));
}

/**
 * Opens the quick input (F1) and returns its text box. A key press can be swallowed while a peek
 * widget or a webview holds focus, so it retries with the other shortcut and the title bar's
 * command center, as a person would. `focus` runs before each try (e.g. a click on an editor tab);
 * with `fromWebview` the command center comes first, since F1 typed in a webview stays in its frame.
 */
export async function openQuickInput(page, { focus, fromWebview = false } = {}) {
  const input = page.locator('.quick-input-widget input.input');
  const ways = fromWebview ? ['center', 'center', 'F1'] : ['F1', 'Control+Shift+P', 'center'];
  for (let attempt = 0; attempt < 8; attempt++) {
    await page.keyboard.press('Escape'); // close whatever popup has focus
    if (focus) await focus();
    const way = ways[attempt % ways.length];
    if (way === 'center') await page.locator('.command-center-center').click();
    else await page.keyboard.press(way);
    try {
      await input.waitFor({ state: 'visible', timeout: 3_000 });
      return input;
    } catch {
      console.log(`    (the quick input did not open on ${way}; trying again)`);
    }
  }
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  return input;
}

/**
 * Opens the quick input, types `text` and waits for a row: `label` matches a row's label exactly,
 * otherwise the row contains `label`. The widget can close again when focus moves (a webview
 * settling, a notification), so it starts over until the row shows in a visible widget. Returns
 * the row; the caller chooses it (Enter or a click), which is never repeated. A command that may
 * not be offered is looked for once (`attempts: 1`).
 */
export async function quickInputRow(page, text, label, { exact = false, attempts = 4, ...open } = {}) {
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  const row = exact
    ? rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) }).first()
    : rows.filter({ hasText: label }).first();
  let lastError;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const input = await openQuickInput(page, open);
    try {
      await input.fill(text, { timeout: 3_000 });
      await row.waitFor({ state: 'visible', timeout: 6_000 });
      if (await input.isVisible()) return row;
    } catch (e) {
      lastError = e;
    }
    if (attempt + 1 < attempts) console.log(`    (the quick input closed before showing "${label}"; starting over)`);
  }
  throw new Error(`the quick input never showed a row "${label}" for "${text}": ${lastError?.message ?? 'closed again'}`);
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** F1, type the command's title, run the matching entry — what a person does. */
export async function runCommandFromPalette(page, title, open = {}) {
  await quickInputRow(page, `>${title}`, title, open);
  await page.keyboard.press('Enter');
}

/** Quick Open (the palette without '>'), choose the file by name. */
export async function quickOpenFile(page, name) {
  await quickInputRow(page, name, name);
  await page.keyboard.press('Enter');
}

/** Text of every extension-host log the server wrote (activation records, errors). */
export function extensionHostLogs(userDataDir) {
  const out = [];
  const walk = (d) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/exthost/i.test(full) && e.name.endsWith('.log')) out.push({ file: full, text: readFileSync(full, 'utf8') });
    }
  };
  walk(join(userDataDir, 'logs'));
  return out;
}
