import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anonymizeDataset } from '../../../src/core/anonymize/anonymize-dataset';
import { resolveLintOptions } from '../../../src/core/lint/lint-options';
import { runCli } from '../../../src/cli/main';

const lint = resolveLintOptions();
const all = { EMAIL: 'redact', PHONE: 'redact', CREDIT_CARD: 'redact', IBAN: 'redact' } as const;

test('JSONL with BOM, CRLF, escapes and a malformed line: only PII spans change', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-anon-'));
  const input = join(dir, 'in.jsonl');
  const output = join(dir, 'out.jsonl');
  const lines = [
    '{"text": "caf\\u00e9 \\u2014 write to  ana@mail.example.org\\n", "n": 1}',
    '{"text":"nothing here"}',
    '{"broken": "line',
    '{"msgs":[{"content":"card 4111-1111-1111-1111 and again ana@mail.example.org"}]}',
  ];
  const original = '\ufeff' + lines.join('\r\n') + '\r\n';
  writeFileSync(input, original);
  const summary = await anonymizeDataset({ input, output, format: 'jsonl', lint, operators: all });
  assert.equal(readFileSync(input, 'utf8'), original, 'input untouched');
  const out = readFileSync(output, 'utf8');
  assert.equal(summary.replaced.EMAIL, 2);
  assert.equal(summary.replaced.CREDIT_CARD, 1);
  const expected = original.replace(/ana@mail\.example\.org/g, '[EMAIL]').replace('4111-1111-1111-1111', '[CREDIT_CARD]');
  assert.equal(out, expected);
});

test('CSV: a pseudonym lands inside a quoted field escaped, the row keeps its columns', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-anon-'));
  const input = join(dir, 'in.csv');
  const output = join(dir, 'out.csv');
  writeFileSync(input, 'id,note\n1,"he said ""call +1 212 555 0187"", ok"\n2,plain\n');
  await anonymizeDataset({ input, output, format: 'csv', lint, operators: { PHONE: 'redact' } });
  assert.equal(readFileSync(output, 'utf8'), 'id,note\n1,"he said ""call [PHONE]"", ok"\n2,plain\n');
});

test('a failed run leaves no output file; the CLI reports the summary', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rml-anon-'));
  const input = join(dir, 'data.jsonl');
  writeFileSync(input, '{"t":"mail bo@mail.example.net"}\n');
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(anonymizeDataset({ input, output: join(dir, 'x.jsonl'), format: 'jsonl', lint, operators: all, signal: controller.signal }));
  assert.ok(!existsSync(join(dir, 'x.jsonl')));
  const out: string[] = [];
  const code = await runCli(['anonymize', 'data.jsonl', '--operator', 'mask'], { stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd: dir });
  assert.equal(code, 0, out.join('\n'));
  assert.match(out.join('\n'), /replaced 1 EMAIL/);
  assert.match(readFileSync(join(dir, 'data.anonymized.jsonl'), 'utf8'), /"t":"mail b\*+@m\*+\.net"/);
});
