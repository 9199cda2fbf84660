import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import { runCli } from '../../../src/cli/main';

const sarifSchema = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'),
);

const EMAIL = 'li.wei@inbox.example.com';
const IBAN = 'GB82 WEST 1234 5698 7654 32';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rml-lint-'));
  writeFileSync(
    join(dir, 'chat.jsonl'),
    [
      JSON.stringify({ prompt: 'hi', completion: `reach me at ${EMAIL}` }),
      JSON.stringify({ prompt: `pay to ${IBAN}`, completion: 'ok' }),
      JSON.stringify({ prompt: 'version 1.2.3 released 2024-05-01', completion: 'uuid 123e4567-e89b-12d3-a456-426614174000' }),
    ].join('\n') + '\n',
  );
  writeFileSync(join(dir, 'clean.csv'), 'id,text\n1,hello\n2,world\n');
  return dir;
}

/**
 * These tests pin the pattern findings and the output formats, so the NER model (which runs by
 * default when models/pii-ner ships, and whose findings depend on its training) is left out;
 * test/unit/inference covers the model pass.
 */
async function run(args: string[], cwd: string) {
  if (args[0] === 'lint') args = [...args, '--no-ner'];
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

test('json: the documented shape, exit 1 on an error-severity finding, never a value in clear', async () => {
  const dir = workspace();
  const r = await run(['lint', 'chat.jsonl', '--format', 'json'], dir);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.files.length, 1);
  const [file] = report.files;
  assert.equal(file.path, 'chat.jsonl');
  assert.equal(file.records, 3);
  const entities = file.findings.map((f: { entity: string }) => f.entity).sort();
  assert.deepEqual(entities, ['EMAIL', 'IBAN']);
  const email = file.findings.find((f: { entity: string }) => f.entity === 'EMAIL');
  for (const key of ['ruleId', 'entity', 'severity', 'score', 'scope', 'line', 'column', 'endLine', 'endColumn', 'record', 'field', 'start', 'end', 'masked']) {
    assert.ok(key in email, `missing ${key}`);
  }
  assert.equal(email.field, 'completion');
  assert.equal(email.start, 'reach me at '.length);
  assert.equal(report.summary.findings, 2);
  assert.ok(!r.stdout.includes(EMAIL) && !r.stdout.includes(IBAN) && !r.stdout.includes('GB82WEST'));
});

test('--field limits the scan; clean files exit 0; warnings pass unless --fail-on warning', async () => {
  const dir = workspace();
  const onlyCompletion = await run(['lint', 'chat.jsonl', '--field', 'completion', '--format', 'json'], dir);
  assert.equal(onlyCompletion.code, 0, 'EMAIL is a warning by default');
  assert.deepEqual(JSON.parse(onlyCompletion.stdout).files[0].findings.map((f: { entity: string }) => f.entity), ['EMAIL']);
  const strict = await run(['lint', 'chat.jsonl', '--field', 'completion', '--fail-on', 'warning'], dir);
  assert.equal(strict.code, 1);
  const clean = await run(['lint', 'clean.csv'], dir);
  assert.equal(clean.code, 0);
  assert.match(clean.stdout, /0 findings/);
});

test('usage and I/O errors exit 2 with the message on stderr', async () => {
  const dir = workspace();
  const missing = await run(['lint', 'nope.jsonl'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.jsonl: no such file/);
  const badScore = await run(['lint', 'chat.jsonl', '--min-score', '2'], dir);
  assert.equal(badScore.code, 2);
  assert.equal(badScore.stdout, '');
});

test('sarif: valid SARIF 2.1.0 with rules, regions and relative URIs', async () => {
  const dir = workspace();
  const r = await run(['lint', '--format', 'sarif'], dir);
  assert.equal(r.code, 1);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const log: any = JSON.parse(r.stdout);
  const validate = new Ajv04({ strict: false, allErrors: true, unicodeRegExp: false, validateFormats: false, logger: false }).compile(sarifSchema);
  const valid: boolean = validate(JSON.parse(r.stdout));
  assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 3)));
  const results = log.runs[0].results;
  assert.equal(results.length, 2);
  const loc = results[0].locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'chat.jsonl');
  assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
  const ruleIds = new Set(log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id));
  for (const res of results) assert.ok(ruleIds.has(res.ruleId));
  assert.ok(!r.stdout.includes(EMAIL));
});

test('bad input: binary, non-UTF-8, ragged rows, empty and huge lines are reported, never fatal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-bad-'));
  writeFileSync(join(dir, 'bin.jsonl'), Buffer.alloc(3000, 0));
  writeFileSync(join(dir, 'latin1.csv'), Buffer.from('id,note\n1,caf\xe9 call +1 212 555 0187\n', 'latin1'));
  writeFileSync(join(dir, 'ragged.csv'), 'a,b,c\n1,2\n3,4,5\n');
  writeFileSync(join(dir, 'empty.jsonl'), '');
  writeFileSync(join(dir, 'huge.jsonl'), JSON.stringify({ text: 'x'.repeat(3_000_000) + ' write to zed@mail.example.com' }) + '\n');
  const r = await run(['lint', '.', '--format', 'json'], dir);
  assert.equal(r.code, 1, r.stderr);
  const byPath = Object.fromEntries(JSON.parse(r.stdout).files.map((f: { path: string }) => [f.path, f]));
  assert.equal(Object.keys(byPath).length, 5);
  assert.equal(byPath['bin.jsonl'].findings[0].ruleId, 'unreadable-file');
  assert.ok(byPath['latin1.csv'].findings.some((f: { ruleId: string; line: number }) => f.ruleId === 'unreadable-file' && f.line === 2));
  assert.ok(byPath['latin1.csv'].findings.some((f: { entity: string }) => f.entity === 'PHONE'), 'the rest of the line is still scanned');
  const ragged = byPath['ragged.csv'].findings.filter((f: { ruleId: string }) => f.ruleId === 'malformed-record');
  assert.deepEqual(ragged.map((f: { line: number }) => f.line), [2]);
  assert.equal(byPath['empty.jsonl'].records, 0);
  const huge = byPath['huge.jsonl'].findings[0];
  assert.equal(huge.entity, 'EMAIL');
  assert.equal(huge.column, '{"text":"'.length + 3_000_000 + ' write to '.length + 1);
});

test('rules in the config change a rule\'s severity or turn it off', async () => {
  const dir = workspace();
  writeFileSync(join(dir, 'responsible-ml.config.json'), JSON.stringify({ rules: { 'pii-iban': 'off', 'pii-email': 'error' } }));
  const r = await run(['lint', 'chat.jsonl', '--format', 'json'], dir);
  const findings = JSON.parse(r.stdout).files[0].findings;
  assert.deepEqual(findings.map((f: { entity: string; severity: string }) => `${f.entity}:${f.severity}`), ['EMAIL:error']);
  assert.equal(r.code, 1);
});
