import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { runCli } from '../../../src/cli/main';
import { validateMct } from '../../../src/core/model-card/mct-export';
import { FIXTURES, frontMatterText } from './card-test-helpers';

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A project with a config, the run record in its runs folder and the JSON inputs beside it. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rml-card-cli-'));
  writeFileSync(join(dir, 'responsible-ml.config.json'), JSON.stringify({ modelCard: { fairnessThresholds: { demographic_parity_difference: 0.3 } } }));
  mkdirSync(join(dir, '.responsible-ml', 'runs', 'run-1'), { recursive: true });
  copyFileSync(join(FIXTURES, 'run.json'), join(dir, '.responsible-ml', 'runs', 'run-1', 'run.json'));
  for (const f of ['fairness-report.json', 'profile.json', 'lint-report.json', 'broken.modelcard.md']) copyFileSync(join(FIXTURES, f), join(dir, f));
  mkdirSync(join(dir, 'models', 'ticket-classifier'), { recursive: true });
  writeFileSync(join(dir, 'models', 'ticket-classifier', 'config.json'), '{}');
  return dir;
}

describe('rml card', () => {
  it('generate writes a card from a run id and the JSON inputs, and says how many placeholders are left', async () => {
    const dir = project();
    const r = await run(['card', 'generate', '--run', 'run-1', '--fairness', 'fairness-report.json', '--profile', 'profile.json', '--lint-report', 'lint-report.json', '--license', 'mit', '--out', 'models/ticket-classifier/README.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(join(dir, 'models', 'ticket-classifier', 'README.md'), 'utf8');
    const meta = parse(frontMatterText(text)) as Record<string, unknown>;
    assert.equal(meta.license, 'mit');
    assert.equal(meta.library_name, 'transformers', 'config.json in the run output folder');
    assert.match(text, /pipeline\("text-classification", model="\."\)/, 'How to Use points at the card\'s own folder');
    // The config's threshold of 0.3 makes sex's demographic parity difference (0.215) within it.
    assert.match(text, /\| `sex` \| Demographic parity difference \| 0\.215 \| within \|/);
    assert.match(r.stderr, /wrote models\/ticket-classifier\/README\.md; 11 placeholders need a person \(fields: languages, developed by/);
  });

  it('generate refuses to replace a card without --force, and names a bad input file', async () => {
    const dir = project();
    writeFileSync(join(dir, 'README.md'), 'my edits');
    const again = await run(['card', 'generate', '--out', 'README.md'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /README\.md exists; pass --force/);
    assert.equal(readFileSync(join(dir, 'README.md'), 'utf8'), 'my edits');
    writeFileSync(join(dir, 'bad.json'), '{ "rows": ');
    const bad = await run(['card', 'generate', '--fairness', 'bad.json', '--out', 'x.md'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.json: the fairness report is not valid JSON/);
    const missing = await run(['card', 'generate', '--run', 'nope', '--out', 'x.md'], dir);
    assert.match(missing.stderr, /no run record for 'nope'/);
    assert.equal(existsSync(join(dir, 'x.md')), false);
  });

  it('lint prints each defect in text, JSON and SARIF, and exits 1 on errors', async () => {
    const dir = project();
    const text = await run(['card', 'lint', 'broken.modelcard.md'], dir);
    assert.equal(text.code, 1, 'the schema errors are errors');
    assert.match(text.stdout, /^broken\.modelcard\.md$/m);
    assert.match(text.stdout, /2:10\s+warning\s+License 'Apache 2' is not an SPDX license id/);
    for (const id of ['card-unknown-license', 'card-model-index-schema', 'card-fairness-undiscussed', 'card-aggregate-only', 'card-missing-section', 'card-placeholder']) assert.ok(text.stdout.includes(id), id);

    const json = JSON.parse((await run(['card', 'lint', 'broken.modelcard.md', '--format', 'json'], dir)).stdout);
    assert.equal(json.files[0].path, 'broken.modelcard.md');
    assert.equal(json.summary.bySeverity.error, 2);
    // The config's threshold 0.3 is below the card's 0.31: still beyond, still undiscussed.
    assert.ok(json.files[0].findings.some((f: { ruleId: string }) => f.ruleId === 'card-fairness-undiscussed'));

    const sarif = JSON.parse((await run(['card', 'lint', '.', '--format', 'sarif'], dir)).stdout);
    const results = sarif.runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
    assert.ok(results.length > 0);
    assert.ok(results.every((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'broken.modelcard.md'), 'the folder search finds the card');
    assert.ok(sarif.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'card-placeholder'));
  });

  it('export-mct writes Model Card Toolkit JSON that validates against schema 0.0.2', async () => {
    const dir = project();
    await run(['card', 'generate', '--run', 'run-1', '--fairness', 'fairness-report.json', '--license', 'mit', '--out', 'card.md', '--mct', 'card.json'], dir);
    const mct = JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8'));
    assert.deepEqual(validateMct(mct), []);
    assert.equal(mct.schema_version, '0.0.2');
    assert.deepEqual(mct.model_details.licenses, [{ identifier: 'mit' }]);
    assert.ok(mct.quantitative_analysis.performance_metrics.some((m: { slice?: string }) => m.slice === 'sex=female'));
    const r = await run(['card', 'export-mct', 'card.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), mct);
    assert.ok(validateMct({ ...mct, extra: 1 }).length > 0, 'the schema rejects unknown top-level keys');
    assert.ok(validateMct({ ...mct, quantitative_analysis: { performance_metrics: [{ type: 'x', value: 'high' }] } }).length > 0);
  });
});

describe('rml datasheet', () => {
  it('generate profiles, checks and scans the dataset and writes the seven Gebru sections', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rml-datasheet-'));
    const lines = Array.from({ length: 60 }, (_, i) => JSON.stringify({ text: i === 7 ? 'write to ann@example.com please' : `ticket ${i % 50}`, label: i % 3 === 0 ? 'a' : 'b', gender: i % 4 === 0 ? 'f' : 'm' }));
    writeFileSync(join(dir, 'train.jsonl'), lines.join('\n') + '\n');
    writeFileSync(join(dir, 'responsible-ml.config.json'), JSON.stringify({ datasets: [{ files: 'train.jsonl', textFields: ['text'], labelField: 'label', sensitive: ['gender'] }] }));
    const r = await run(['datasheet', 'generate', 'train.jsonl', '--out', 'DATASHEET.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(join(dir, 'DATASHEET.md'), 'utf8');
    assert.deepEqual([...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]), ['Motivation', 'Composition', 'Collection Process', 'Preprocessing, Cleaning and Labelling', 'Uses', 'Distribution', 'Maintenance']);
    const sha = createHash('sha256').update(readFileSync(join(dir, 'train.jsonl'))).digest('hex');
    assert.ok(text.includes(`- **sha256:** \`${sha}\``));
    assert.match(text, /- \*\*Instances:\*\* 60 records/);
    assert.match(text, /\| f \| 15 \| 25\.0% \|/, '15 of 60 records are f');
    assert.match(text, /found 1 values that look like personal data or secrets \(EMAIL 1\)/);
    assert.ok(!text.includes('ann@example.com'), 'the PII value is never copied');
    assert.match(text, /- \*\*Duplicates:\*\* 9 exact/, 'records 50…59 repeat 0…9, except 57, whose twin 7 holds the email');
    assert.equal((parse(frontMatterText(text)) as { size_categories: string[] }).size_categories[0], 'n<1K');
  });
});
