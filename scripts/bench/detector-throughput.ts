/**
 * Child process of the lint benchmark: streams a JSONL corpus through one detector, the way a
 * user of that library would (parse each record, hand every string value to the detector), until
 * the file ends or the time box runs out. Prints one JSON object on stdout.
 *   npx tsx scripts/bench/detector-throughput.ts --detector ours|redact-pii|openredaction --file F [--max-seconds S]
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDetector, type DetectorId } from './detectors';

export interface ThroughputResult {
  detector: string;
  name: string;
  bytes: number;
  records: number;
  values: number;
  seconds: number;
  /** True when the time box ended the run before the file did. */
  partial: boolean;
  counts: Record<string, number>;
}

/** Yields the lines of a file without holding it whole. */
function* readLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(4 * 1024 * 1024);
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + buf.toString('utf8', 0, n);
      const lines = text.split('\n');
      rest = lines.pop()!;
      yield* lines;
    }
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

/** Every string value of a parsed record with its JSON path. */
function collectStrings(value: unknown, path: string, out: Array<[string, string]>): void {
  if (typeof value === 'string') out.push([value, path]);
  else if (Array.isArray(value)) value.forEach((v, i) => collectStrings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectStrings(v, path ? `${path}.${k}` : k, out);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { detector: { type: 'string' }, file: { type: 'string' }, 'max-seconds': { type: 'string' } } });
  const id = values.detector as DetectorId;
  const file = values.file!;
  const maxSeconds = Number(values['max-seconds'] ?? Infinity);
  const detector = createDetector(id);
  const counts = new Map<string, number>();
  // One warm-up value outside the clock: loading pattern tables is start-up, not throughput.
  await detector.count('warm up: mail me at someone@mailhost.net', 'text', new Map());
  let bytes = 0;
  let records = 0;
  let strings = 0;
  let partial = false;
  const started = performance.now();
  for (const line of readLines(file)) {
    if (line.trim() === '') continue;
    const found: Array<[string, string]> = [];
    collectStrings(JSON.parse(line), '', found);
    for (const [text, field] of found) {
      // Awaiting a plain value still costs a microtask turn; only the async peer needs it.
      const pending = detector.count(text, field, counts);
      if (pending) await pending;
    }
    bytes += Buffer.byteLength(line) + 1;
    records++;
    strings += found.length;
    if ((performance.now() - started) / 1000 >= maxSeconds) {
      partial = true;
      break;
    }
  }
  const result: ThroughputResult = {
    detector: id,
    name: detector.name,
    bytes,
    records,
    values: strings,
    seconds: (performance.now() - started) / 1000,
    partial,
    counts: Object.fromEntries([...counts].sort()),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`detector-throughput: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
