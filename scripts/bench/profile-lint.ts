/**
 * CPU profile of `rml lint` on the benchmark corpus, summarised as the functions with the most
 * self time, mapped back to src/ through dist/cli.js.map.
 *   npx tsx scripts/bench/profile-lint.ts [--mb 20] [--seed N] [--top 15] [--cli dist/cli.js] [--json]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DATA_DIR, ensureChatCorpus, REPO_ROOT } from './bench-data';
import { DEFAULT_SEED } from './chat-generator';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  function: string;
  /** src/… file:line when the source map knows it, else the bundle or built-in location. */
  location: string;
  selfMs: number;
  selfPercent: number;
  /** Time with this function anywhere on the stack (recursion counted once). */
  totalMs: number;
}

/** Time with any function of one src/ file on the stack (its regexes and callees included). */
export interface FileCost {
  file: string;
  totalMs: number;
  totalPercent: number;
}

function loadSourceMap(bundle: string): SourceMap | undefined {
  const mapPath = `${bundle}.map`;
  if (!existsSync(mapPath)) return undefined;
  return new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8')));
}

/** Self and total time per function of a .cpuprofile, heaviest self time first. */
export function summarizeCpuProfile(profile: CpuProfile, bundlePath?: string): { totalMs: number; hotSpots: HotSpot[]; byFile: FileCost[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // dist/cli.js hands `rml lint` to dist/cli-lint.js: each bundle of its folder is read through its own map.
  const bundleDir = bundlePath ? dirname(bundlePath) : undefined;
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (url: string): SourceMap | undefined => {
    const file = url.replace(/^file:\/\//, '');
    if (bundleDir === undefined || dirname(file) !== bundleDir || !file.endsWith('.js')) return undefined;
    if (!maps.has(file)) maps.set(file, loadSourceMap(file));
    return maps.get(file);
  };
  const keyOf = (n: CpuProfileNode): string => {
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const name = functionName || '(anonymous)';
    const map = url ? mapOf(url) : undefined;
    if (map) {
      const entry = map.findEntry(lineNumber, columnNumber) as { originalSource?: string; originalLine?: number; name?: string };
      if (entry.originalSource) {
        const src = entry.originalSource.replace(/^.*?\/(src|node_modules)\//, '$1/');
        return `${name}\t${src}:${(entry.originalLine ?? 0) + 1}`;
      }
    }
    if (!url) return `${name}\t(native)`;
    return `${name}\t${url.replace(/^file:\/\//, '').replace(`${REPO_ROOT}/`, '')}:${lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const fileTotal = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    totalUs += dt;
    const leaf = byId.get(id)!;
    const leafKey = keyOf(leaf);
    self.set(leafKey, (self.get(leafKey) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const k = keyOf(byId.get(n)!);
      const file = k.split('\t')[1]!.replace(/:\d+$/, '');
      if (file.startsWith('src/') && !seen.has(file)) {
        seen.add(file);
        fileTotal.set(file, (fileTotal.get(file) ?? 0) + dt);
      }
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  const hotSpots = [...self]
    .sort((a, b) => b[1] - a[1])
    .map(([key, us]) => {
      const [fn, location] = key.split('\t') as [string, string];
      return { function: fn, location, selfMs: us / 1000, selfPercent: (100 * us) / totalUs, totalMs: (total.get(key) ?? 0) / 1000 };
    });
  const byFile = [...fileTotal]
    .sort((a, b) => b[1] - a[1])
    .map(([file, us]) => ({ file, totalMs: us / 1000, totalPercent: (100 * us) / totalUs }));
  return { totalMs: totalUs / 1000, hotSpots, byFile };
}

/** Profiles `node dist/cli.js lint <file> --format json --max-problems 0` and summarises it. */
export function profileCli(file: string, top: number, cli = join(REPO_ROOT, 'dist', 'cli.js')): { profilePath: string; totalMs: number; hotSpots: HotSpot[]; byFile: FileCost[] } {
  const dir = join(BENCH_DATA_DIR, 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, cli, 'lint', file, '--format', 'json', '--max-problems', '0', '--no-ner'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`rml lint exited ${run.status}: ${run.stderr.toString().slice(0, 2000)}`);
  const name = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!name) throw new Error(`no .cpuprofile written in ${dir}`);
  const profilePath = join(dir, name);
  const summary = summarizeCpuProfile(JSON.parse(readFileSync(profilePath, 'utf8')) as CpuProfile, cli);
  return { profilePath, totalMs: summary.totalMs, hotSpots: summary.hotSpots.slice(0, top), byFile: summary.byFile.slice(0, top) };
}

function main(): void {
  const { values } = parseArgs({ options: { mb: { type: 'string' }, seed: { type: 'string' }, top: { type: 'string' }, cli: { type: 'string' }, json: { type: 'boolean' } } });
  const mb = Number(values.mb ?? 20);
  const seed = Number(values.seed ?? DEFAULT_SEED);
  const top = Number(values.top ?? 15);
  const corpus = ensureChatCorpus(mb, seed, (s) => process.stderr.write(`${s}\n`));
  const result = profileCli(corpus.path, top, values.cli ? join(process.cwd(), values.cli) : undefined);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ corpus: relative(REPO_ROOT, corpus.path), ...result, profilePath: relative(REPO_ROOT, result.profilePath) }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`CPU profile of rml lint on ${relative(REPO_ROOT, corpus.path)} (${mb} MB): ${(result.totalMs / 1000).toFixed(2)} s sampled\n`);
  process.stdout.write(`profile: ${relative(REPO_ROOT, result.profilePath)} (open in Chrome DevTools → Performance)\n\n`);
  process.stdout.write(`${'self ms'.padStart(9)} ${'self %'.padStart(7)} ${'total ms'.padStart(9)}  function  (location)\n`);
  for (const h of result.hotSpots) {
    process.stdout.write(`${h.selfMs.toFixed(0).padStart(9)} ${h.selfPercent.toFixed(1).padStart(6)}% ${h.totalMs.toFixed(0).padStart(9)}  ${h.function}  (${h.location})\n`);
  }
  process.stdout.write(`\nBy source file, inclusive (a file's functions anywhere on the stack, callees and regexes included):\n`);
  for (const c of result.byFile) process.stdout.write(`${c.totalMs.toFixed(0).padStart(9)} ${c.totalPercent.toFixed(1).padStart(6)}%  ${c.file}\n`);
}

if (require.main === module) main();
