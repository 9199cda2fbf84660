// Micro-benchmark for issue #3: the JavaScript passes of value-hints.ts that value-scan.wat
// replaces (cluster regex + walk, the marks' indexOf scans and birth-word walk, the letter-digit
// regex where IBAN asks for it) against the WebAssembly pass, copy into its memory included, on
// the string values of a JSONL corpus (those of six characters or more, as findPiiInValue scans).
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

// A copy of the replaced JavaScript passes (value-hints.ts findClusters, findMarks, letterDigitPairs).
const CLUSTER4 = /\d(?:[ .()+/-]{0,2}\d){3,}/g;
const LETTER_DIGIT_PAIR = /[A-Za-z]{2}\d\d/g;
const JOINER = new Uint8Array(65536);
for (const c of ' .()+/-') JOINER[c.charCodeAt(0)] = 1;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const codeAt = (v: string, i: number): number => (i >= 0 && i < v.length ? v.charCodeAt(i) : 0);
const lowerAt = (v: string, i: number): number => codeAt(v, i) | 32;
function birthWordAtB(value: string, at: number): boolean {
  const next = lowerAt(value, at + 1);
  if (next === 105) return lowerAt(value, at + 2) === 114 && lowerAt(value, at + 3) === 116 && lowerAt(value, at + 4) === 104;
  if (next === 111 && lowerAt(value, at + 2) === 114 && lowerAt(value, at + 3) === 110) return true;
  if (next === 100 && lowerAt(value, at + 2) === 97 && lowerAt(value, at + 3) === 121) return true;
  if (codeAt(value, at + 1) === 45 && lowerAt(value, at + 2) === 100 && lowerAt(value, at + 3) === 97 && lowerAt(value, at + 4) === 121) return true;
  const before = lowerAt(value, at - 1);
  if (before === 111 && lowerAt(value, at - 2) === 100) return true;
  if (before === 101 && lowerAt(value, at - 2) === 103) return true;
  return codeAt(value, at - 1) === 46 && lowerAt(value, at - 2) === 111 && codeAt(value, at - 3) === 46 && lowerAt(value, at - 4) === 100;
}
function neeAt(value: string, at: number): boolean {
  if (lowerAt(value, at - 1) !== 110) return false;
  if (lowerAt(value, at + 1) === 101) return true;
  return codeAt(value, at + 1) === 32 && lowerAt(value, at + 2) === 108 && lowerAt(value, at + 3) === 101;
}
function hasBirthWord(value: string): boolean {
  for (let at = value.indexOf('b'); at >= 0; at = value.indexOf('b', at + 1)) if (birthWordAtB(value, at)) return true;
  for (let at = value.indexOf('B'); at >= 0; at = value.indexOf('B', at + 1)) if (birthWordAtB(value, at)) return true;
  for (let at = value.indexOf('é'); at >= 0; at = value.indexOf('é', at + 1)) if (neeAt(value, at)) return true;
  for (let at = value.indexOf('É'); at >= 0; at = value.indexOf('É', at + 1)) if (neeAt(value, at)) return true;
  return false;
}
function jsPasses(value: string): number {
  let four = false;
  let longRun = 0;
  let listed = 0;
  CLUSTER4.lastIndex = 0;
  while (CLUSTER4.test(value)) {
    four = true;
    const end = CLUSTER4.lastIndex;
    const seventh = codeAt(value, end - 7);
    if (!isDigit(seventh) && JOINER[seventh] !== 1) continue;
    let start = end - 1;
    let digits = 1;
    let dots = 0;
    for (;;) {
      const c1 = codeAt(value, start - 1);
      if (isDigit(c1)) start--;
      else if (JOINER[c1] === 1 && isDigit(codeAt(value, start - 2))) {
        if (c1 === 46) dots++;
        start -= 2;
      } else if (JOINER[c1] === 1 && JOINER[codeAt(value, start - 2)] === 1 && isDigit(codeAt(value, start - 3))) start -= 3;
      else break;
      digits++;
    }
    if (digits >= 7 || dots >= 3) {
      listed++;
      if (digits > longRun) longRun = digits;
    }
  }
  let marks = 0;
  if (value.indexOf('@') >= 0) marks |= 1;
  const colon = value.indexOf(':');
  if (colon >= 0) marks |= value.indexOf('://', colon) >= 0 ? 10 : 2;
  if (value.indexOf('=') >= 0) marks |= 4;
  if (value.indexOf('www.') >= 0 || value.indexOf('WWW.') >= 0) marks |= 16;
  if (value.indexOf('-----BEGIN') >= 0) marks |= 32;
  if (value.indexOf('AKIA') >= 0 || value.indexOf('ASIA') >= 0) marks |= 64;
  if (four && hasBirthWord(value)) marks |= 128;
  let pairs = 0;
  if (longRun >= 7) {
    LETTER_DIGIT_PAIR.lastIndex = 0;
    while (LETTER_DIGIT_PAIR.test(value)) pairs++;
  }
  return marks + listed + pairs;
}
function jsClusters(value: string): number {
  let n = 0;
  CLUSTER4.lastIndex = 0;
  while (CLUSTER4.test(value)) n++;
  return n;
}
function jsMarks(value: string): number {
  let marks = 0;
  if (value.indexOf('@') >= 0) marks |= 1;
  const colon = value.indexOf(':');
  if (colon >= 0) marks |= value.indexOf('://', colon) >= 0 ? 10 : 2;
  if (value.indexOf('=') >= 0) marks |= 4;
  if (value.indexOf('www.') >= 0 || value.indexOf('WWW.') >= 0) marks |= 16;
  if (value.indexOf('-----BEGIN') >= 0) marks |= 32;
  if (value.indexOf('AKIA') >= 0 || value.indexOf('ASIA') >= 0) marks |= 64;
  return marks;
}
function jsBirth(value: string): number {
  return hasBirthWord(value) ? 1 : 0;
}
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
  ['js passes', jsPasses],
  ['  js cluster regex only', jsClusters],
  ['  js marks indexOf only', jsMarks],
  ['  js birth walk (all values)', jsBirth],
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
