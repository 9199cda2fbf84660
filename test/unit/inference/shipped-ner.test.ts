// The shipped NER model (models/pii-ner) through `rml lint`, as a user runs it: plain
// introductions must give PERSON and LOCATION findings on the names (a finding may take a word
// more than the name: how exact the model's edges are is its evaluation's business, see
// docs/benchmarks.md). Which other words it flags depends on its training; not pinned here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main';
import { shippedNerModel } from '../../../src/core/inference/model-locations';

test('rml lint with the shipped NER model finds introduced people and their cities', { skip: !shippedNerModel() && 'models/pii-ner is not in this checkout' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-shipped-ner-'));
  try {
    const texts = ['Hello, my name is Anna Smith and I live in Berlin.', 'Mein Name ist Corinna Bader, wohnhaft in Hamburg.', 'Hi, I am John Miller from Chicago, my order is late.'];
    writeFileSync(join(dir, 'chats.jsonl'), texts.map((text, id) => JSON.stringify({ id, text })).join('\n') + '\n');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['lint', 'chats.jsonl', '--format', 'json'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: dir });
    assert.notEqual(code, 2, err.join('\n'));
    const findings = JSON.parse(out.join('')).files[0].findings as Array<{ entity: string; record: number; start: number; end: number }>;
    const found = (entity: string, record: number, name: string): boolean =>
      findings.some((f) => f.entity === entity && f.record === record && texts[record]!.slice(f.start, f.end).includes(name) && f.end - f.start < 2 * name.length);
    for (const [record, person, city] of [[0, 'Anna Smith', 'Berlin'], [1, 'Corinna Bader', 'Hamburg'], [2, 'John Miller', 'Chicago']] as const) {
      assert.ok(found('PERSON', record, person), `PERSON ${person}: ${JSON.stringify(findings.filter((f) => f.record === record))}`);
      assert.ok(found('LOCATION', record, city), `LOCATION ${city}: ${JSON.stringify(findings.filter((f) => f.record === record))}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
