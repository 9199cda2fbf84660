import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../anonymize/atomic-file';
import { keyedDigest, type Salt } from '../anonymize/keyed-digest';
import { PII_ENTITIES, type PiiEntity } from './finding';

/** Where the baseline lives in a workspace (detect-secrets style). */
export const BASELINE_PATH = '.responsible-ml/pii-baseline.json';

/** One accepted finding. Only a keyed hash of the value is stored, never the value itself. */
export interface BaselineEntry {
  /** `fingerprintFinding(salt, entity, field, value)`, 64 hex digits. */
  hash: string;
  entity: PiiEntity;
  field: string;
  /** Workspace-relative file where it was accepted (informational: matching ignores it). */
  file: string;
}

/** The baseline file's content. */
export interface Baseline {
  version: 1;
  /** ISO 8601 time of creation; empty for a missing baseline. */
  generatedAt: string;
  /**
   * Short keyed digest of a fixed string: lets a run tell "made with another salt" (every
   * suppression silently lost) apart from "no matching entries".
   */
  saltCheck?: string;
  entries: BaselineEntry[];
}

/** A finding to accept, with the value it was found on. */
export interface BaselineCandidate {
  entity: PiiEntity;
  field?: string;
  value: string;
  file: string;
}

/** A baseline file that cannot be used, with the file (and line when known) to fix. */
export class BaselineError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(line === undefined ? `${file}: ${message}` : `${file}:${line}: ${message}`);
    this.name = 'BaselineError';
  }
}

const HASH_PATTERN = /^[0-9a-f]{64}$/;
const ENTITIES: ReadonlySet<string> = new Set(PII_ENTITIES);
const indexes = new WeakMap<Baseline, Set<string>>();

/** HMAC-SHA256(salt, entity \0 field \0 value) as hex: the same value in the same field matches anywhere. */
export function fingerprintFinding(salt: Salt, entity: PiiEntity, field: string, value: string): string {
  return keyedDigest(salt, [entity, field, value]).toString('hex');
}

/** The `saltCheck` for a salt. */
export function saltCheckFor(salt: Salt): string {
  return keyedDigest(salt, ['responsible-ml baseline salt check']).toString('hex').slice(0, 16);
}

/** True when the baseline was made with this salt (or does not say). */
export function baselineMatchesSalt(baseline: Baseline, salt: Salt): boolean {
  return baseline.saltCheck === undefined || baseline.saltCheck === saltCheckFor(salt);
}

/** An empty baseline, as used when no baseline file exists. */
export function emptyBaseline(): Baseline {
  return { version: 1, generatedAt: '', entries: [] };
}

/** Reads a baseline; a missing file is an empty baseline, a malformed one a `BaselineError`. */
export async function loadBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyBaseline();
    throw new BaselineError(`cannot be read: ${(error as Error).message}`, path);
  }
  return parseBaseline(text, path);
}

/** Parses and validates baseline JSON; `path` only names the file in errors. */
export function parseBaseline(text: string, path: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // V8 sometimes quotes a slice of the file after the reason; keep only the reason.
    const message = (error as Error).message.replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    throw new BaselineError(`is not valid JSON (${message}).`, path, line);
  }
  const fail = (message: string): never => {
    throw new BaselineError(message, path);
  };
  if (!isObject(data)) return fail('must be a JSON object with "version" and "entries".');
  if (data.version !== 1) return fail(`has unsupported version ${JSON.stringify(data.version)}; expected 1.`);
  if (data.generatedAt !== undefined && typeof data.generatedAt !== 'string') fail('"generatedAt" must be a string.');
  if (data.saltCheck !== undefined && typeof data.saltCheck !== 'string') fail('"saltCheck" must be a string.');
  if (!Array.isArray(data.entries)) return fail('"entries" must be an array.');
  const entries = data.entries.map((entry: unknown, i: number): BaselineEntry => {
    const where = `entries[${i}]`;
    if (!isObject(entry)) return fail(`${where} must be an object.`);
    const { hash, entity, field, file } = entry;
    if (typeof hash !== 'string' || !HASH_PATTERN.test(hash)) return fail(`${where}.hash must be 64 lower-case hex digits.`);
    if (typeof entity !== 'string' || !ENTITIES.has(entity)) {
      return fail(`${where}.entity ${JSON.stringify(entity)} is not a PII entity.`);
    }
    if (typeof field !== 'string') return fail(`${where}.field must be a string.`);
    if (typeof file !== 'string') return fail(`${where}.file must be a string.`);
    return { hash, entity: entity as PiiEntity, field, file };
  });
  return {
    version: 1,
    generatedAt: (data.generatedAt as string | undefined) ?? '',
    ...(data.saltCheck !== undefined ? { saltCheck: data.saltCheck as string } : {}),
    entries,
  };
}

/** True when a finding with this fingerprint was accepted into the baseline. */
export function isSuppressed(baseline: Baseline, fingerprint: string): boolean {
  let index = indexes.get(baseline);
  if (!index) {
    index = new Set(baseline.entries.map((e) => e.hash));
    indexes.set(baseline, index);
  }
  return index.has(fingerprint);
}

/**
 * A baseline accepting these findings: one entry per (fingerprint, file), sorted so that the
 * file diffs cleanly. Values are hashed here and dropped.
 */
export function createBaseline(findings: readonly BaselineCandidate[], salt: Salt, now: Date = new Date()): Baseline {
  const byKey = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const field = f.field ?? '';
    const hash = fingerprintFinding(salt, f.entity, field, f.value);
    byKey.set(`${hash}\0${f.file}`, { hash, entity: f.entity, field, file: f.file });
  }
  const entries = [...byKey.values()].sort(
    (a, b) => compare(a.file, b.file) || compare(a.field, b.field) || compare(a.entity, b.entity) || compare(a.hash, b.hash),
  );
  return { version: 1, generatedAt: now.toISOString(), saltCheck: saltCheckFor(salt), entries };
}

/** Writes the baseline as pretty JSON through a temp file and rename, so it is never half-written. */
export async function writeBaselineAtomic(path: string, baseline: Baseline): Promise<void> {
  // Rebuild each entry from its known keys so that no stray property (a value) is ever written.
  const clean: Baseline = {
    version: 1,
    generatedAt: baseline.generatedAt,
    ...(baseline.saltCheck !== undefined ? { saltCheck: baseline.saltCheck } : {}),
    entries: baseline.entries.map(({ hash, entity, field, file }) => ({ hash, entity, field, file })),
  };
  await writeFileAtomic(path, JSON.stringify(clean, null, 2) + '\n');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
