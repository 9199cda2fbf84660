// Writes (or reuses) the benchmark corpus under bench-data/, which git ignores.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ChatRecordGenerator, GENERATOR_VERSION } from './chat-generator';
import type { PlantedEntity } from './pii-values';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const BENCH_DATA_DIR = join(REPO_ROOT, 'bench-data');
/** Sizes are decimal: 1 MB = 1,000,000 bytes. */
export const MB = 1_000_000;

/** What the sidecar `.meta.json` records about a generated corpus. */
export interface CorpusInfo {
  path: string;
  seed: number;
  mb: number;
  generatorVersion: number;
  bytes: number;
  records: number;
  /** Records carrying one planted personal value, by entity. */
  planted: Partial<Record<PlantedEntity, number>>;
  generateSeconds: number;
  /** True when an existing file with the same size and seed marker was used. */
  reused?: boolean;
}

function corpusPath(mb: number, seed: number): string {
  return join(BENCH_DATA_DIR, `chat-${mb}mb-seed${seed}.jsonl`);
}

/** Returns the corpus for (mb, seed), generating it first unless a matching one is on disk. */
export function ensureChatCorpus(mb: number, seed: number, log: (s: string) => void = () => {}): CorpusInfo {
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const path = corpusPath(mb, seed);
  const metaPath = `${path}.meta.json`;
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as CorpusInfo;
    if (meta.seed === seed && meta.mb === mb && meta.generatorVersion === GENERATOR_VERSION && statSync(path).size === meta.bytes) {
      return { ...meta, path, reused: true };
    }
  }
  log(`generating ${mb} MB of chat JSONL (seed ${seed}) → ${path}`);
  const started = performance.now();
  const generator = new ChatRecordGenerator(seed);
  const target = mb * MB;
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  const planted: Partial<Record<PlantedEntity, number>> = {};
  let bytes = 0;
  let records = 0;
  let pending: string[] = [];
  let pendingBytes = 0;
  try {
    while (bytes < target) {
      const r = generator.next();
      const line = `${r.line}\n`;
      const size = Buffer.byteLength(line);
      pending.push(line);
      pendingBytes += size;
      bytes += size;
      records++;
      if (r.planted) planted[r.planted] = (planted[r.planted] ?? 0) + 1;
      if (pendingBytes > 4 * MB) {
        writeSync(fd, pending.join(''));
        pending = [];
        pendingBytes = 0;
      }
    }
    writeSync(fd, pending.join(''));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const info: CorpusInfo = {
    path,
    seed,
    mb,
    generatorVersion: GENERATOR_VERSION,
    bytes,
    records,
    planted,
    generateSeconds: (performance.now() - started) / 1000,
  };
  writeFileSync(metaPath, `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

/** A JSONL document of `lines` records from the same generator, held in memory (for re-lint timing). */
export function buildChatDocument(lines: number, seed: number): string {
  const generator = new ChatRecordGenerator(seed);
  const out: string[] = new Array(lines);
  for (let i = 0; i < lines; i++) out[i] = generator.next().line;
  return `${out.join('\n')}\n`;
}
