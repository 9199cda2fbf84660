/**
 * Reports templates whose literal wording shares a run of four words with a development set, so
 * that no template copies the text the model is measured on (models/train/README.md, "The data").
 *   npx tsx models/train/check-dev-overlap.ts --dev FILE.jsonl [--n 4]
 * For each template file under ner-data/ it prints the shared runs and the template (never the
 * development text around them), then counts. Exit status 1 when anything is shared.
 * A template's literal text is cut at every slot ("{name}"), since the words on either side of a
 * slot never meet in generated text; each piece is lower-cased, its apostrophes dropped and other
 * punctuation made a space, like the development texts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function parseArgs(argv: string[]): { dev: string; n: number } {
  let dev = '';
  let n = 4;
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--dev' && argv[i + 1]) dev = argv[i + 1]!;
    else if (argv[i] === '--n' && argv[i + 1]) n = Number(argv[i + 1]);
    else throw new Error(`usage: --dev FILE.jsonl [--n 4] (got ${argv[i]})`);
  }
  if (!dev || !(n >= 2)) throw new Error('usage: --dev FILE.jsonl [--n 4]');
  return { dev, n };
}

/** Lower case, apostrophes dropped, every other non-letter/digit a space; then words. */
export function words(text: string): string[] {
  return text.toLowerCase().replace(/['’`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').filter((w) => w !== '');
}

export function runs(ws: string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= ws.length; i++) out.push(ws.slice(i, i + n).join(' '));
  return out;
}

/** The development texts' runs; the text field is presidio-research's `full_text` or a plain `text`. */
function devRuns(file: string, n: number): { runs: Set<string>; records: number } {
  const set = new Set<string>();
  let records = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { full_text?: unknown; text?: unknown };
    const text = typeof record.full_text === 'string' ? record.full_text : record.text;
    if (typeof text !== 'string') throw new Error(`record ${records + 1}: no full_text or text field`);
    for (const r of runs(words(text), n)) set.add(r);
    records++;
  }
  return { runs: set, records };
}

/** Every string a template module exports: arrays of templates, and records of arrays (INTL). */
function templatesOf(mod: Record<string, unknown>): Array<{ list: string; template: string }> {
  const out: Array<{ list: string; template: string }> = [];
  for (const [name, value] of Object.entries(mod)) {
    if (Array.isArray(value)) for (const t of value) { if (typeof t === 'string') out.push({ list: name, template: t }); }
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) if (Array.isArray(inner)) for (const t of inner) if (typeof t === 'string') out.push({ list: `${name}.${key}`, template: t });
    }
  }
  return out;
}

async function main(): Promise<void> {
  const { dev, n } = parseArgs(process.argv.slice(2));
  const { runs: shared, records } = devRuns(dev, n);
  const dir = join(__dirname, 'ner-data');
  const files = readdirSync(dir).filter((f) => /^templates-.*\.ts$/.test(f)).sort();
  let totalTemplates = 0;
  let totalHits = 0;
  console.log(`development set: ${records} records, ${shared.size} distinct ${n}-word runs`);
  for (const file of files) {
    const templates = templatesOf((await import(join(dir, file))) as Record<string, unknown>);
    let hits = 0;
    for (const { list, template } of templates) {
      const found = new Set<string>();
      for (const piece of template.split(/\{[A-Za-z]+[23]?\}/)) for (const r of runs(words(piece), n)) if (shared.has(r)) found.add(r);
      if (found.size === 0) continue;
      hits++;
      console.log(`  ${file} ${list}: ${[...found].map((r) => `"${r}"`).join(', ')}\n      template: ${JSON.stringify(template)}`);
    }
    console.log(`${file}: ${templates.length} templates, ${hits} sharing a ${n}-word run`);
    totalTemplates += templates.length;
    totalHits += hits;
  }
  console.log(`total: ${totalTemplates} templates in ${files.length} files, ${totalHits} sharing a ${n}-word run`);
  if (totalHits > 0) process.exitCode = 1;
}

void main();
