// Micro-benchmark for issue #3: value hints worked out by the JavaScript passes of value-hints.ts
// (cluster regex + walk, the marks' indexOf scans and birth-word walk, the letter-digit regex where
// IBAN asks for it) against the same hints from the WebAssembly pass, and that pass alone (copy
// into its memory included), on the string values of a JSONL corpus (those of six characters or
// more, as findPiiInValue scans).
//   npx tsx scripts/bench/value-scan-micro.ts bench-data/chat-20mb-seed20250611.jsonl [rounds]
import { readFileSync } from 'node:fs';
import { valueHints, valueHintsWithoutWasm } from '../../src/core/lint/pii/value-hints';
import { scanValue } from '../../src/core/lint/pii/value-scan';

const file = process.argv[2] ?? 'bench-data/chat-20mb-seed20250611.jsonl';
const rounds = Number(process.argv[3] ?? 5);

const values: string[] = [];
function collect(v: unknown): void {
  if (typeof v === 'string') {
    if (v.length >= 6) values.push(v);
  } else if (Array.isArray(v)) v.forEach(collect);
  else if (v && typeof v === 'object') Object.values(v).forEach(collect);
}
for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) collect(JSON.parse(line));
const chars = values.reduce((n, v) => n + v.length, 0);

function wasmPass(value: string): number {
  const { header } = scanValue(value)!;
  return header[0] + (header[4] >> 2) + (header[2] >= 7 ? header[6] : 0);
}
function hintsJs(value: string): number {
  const h = valueHintsWithoutWasm(value);
  return h.marks + h.clusters.length + h.longTokens.length + (h.longRun >= 7 ? h.letterDigitPairs.length : 0);
}
function hintsWasm(value: string): number {
  const h = valueHints(value);
  return h.marks + h.clusters.length + h.longTokens.length + (h.longRun >= 7 ? h.letterDigitPairs.length : 0);
}

function time(name: string, f: (v: string) => number): [string, number, number] {
  let sum = 0;
  const t0 = process.cpuUsage();
  for (const v of values) sum += f(v);
  const t = process.cpuUsage(t0);
  return [name, (t.user + t.system) / 1000, sum];
}

console.log(`${values.length} values, ${(chars / 1e6).toFixed(2)} M chars`);
const kinds: [string, (v: string) => number][] = [
  ['wasm pass (copy + scan)', wasmPass],
  ['valueHints JS', hintsJs],
  ['valueHints wasm', hintsWasm],
];
const results = new Map<string, number[]>();
for (let r = 0; r < rounds; r++) {
  for (const [name, f] of r % 2 === 0 ? kinds : [...kinds].reverse()) {
    const [, ms, sum] = time(name, f);
    if (!results.has(name)) results.set(name, []);
    results.get(name)!.push(ms);
    if (r === 0) console.log(`  check ${name}: ${sum}`);
  }
}
for (const [name, list] of results) {
  const sorted = [...list].sort((a, b) => a - b);
  console.log(`${name.padEnd(26)} median ${sorted[sorted.length >> 1].toFixed(1)} ms CPU  (${list.map((x) => x.toFixed(0)).join(' ')})`);
}
