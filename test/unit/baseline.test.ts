import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  baselineMatchesSalt,
  BaselineError,
  createBaseline,
  fingerprintFinding,
  isSuppressed,
  loadBaseline,
  writeBaselineAtomic,
  type BaselineCandidate,
} from '../../src/core/lint/baseline';
import { createHmac } from 'node:crypto';

const salt = 'baseline-test-salt-0123456789abcdef';
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rml-baseline-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const findings: BaselineCandidate[] = [
  { entity: 'EMAIL', field: 'messages[0].content', value: 'support@acme.com', file: 'data/train.jsonl' },
  { entity: 'PHONE', field: 'text', value: '+1 415 555 2671', file: 'data/train.jsonl' },
  { entity: 'EMAIL', field: 'messages[0].content', value: 'support@acme.com', file: 'data/train.jsonl' },
  { entity: 'EMAIL', field: 'messages[0].content', value: 'support@acme.com', file: 'data/eval.jsonl' },
];

describe('fingerprintFinding', () => {
  it('is HMAC-SHA256(salt, entity \\0 field \\0 value) in hex', () => {
    const expected = createHmac('sha256', salt).update('EMAIL\0text\0a@b.com').digest('hex');
    assert.equal(fingerprintFinding(salt, 'EMAIL', 'text', 'a@b.com'), expected);
  });

  it('changes with the salt, the entity, the field and the value', () => {
    const base = fingerprintFinding(salt, 'EMAIL', 'text', 'a@b.com');
    assert.notEqual(fingerprintFinding(salt + '!', 'EMAIL', 'text', 'a@b.com'), base);
    assert.notEqual(fingerprintFinding(salt, 'URL', 'text', 'a@b.com'), base);
    assert.notEqual(fingerprintFinding(salt, 'EMAIL', 'body', 'a@b.com'), base);
    assert.notEqual(fingerprintFinding(salt, 'EMAIL', 'text', 'a@b.co'), base);
    assert.notEqual(fingerprintFinding(salt, 'EMAIL', 'te', 'xt\0a@b.com'), base);
  });
});

describe('createBaseline / isSuppressed', () => {
  const now = new Date('2025-01-02T03:04:05Z');

  it('stores one sorted entry per fingerprint and file, and never the value', () => {
    const baseline = createBaseline(findings, salt, now);
    assert.equal(baseline.version, 1);
    assert.equal(baseline.generatedAt, '2025-01-02T03:04:05.000Z');
    assert.deepEqual(
      baseline.entries.map((e) => [e.file, e.field, e.entity]),
      [
        ['data/eval.jsonl', 'messages[0].content', 'EMAIL'],
        ['data/train.jsonl', 'messages[0].content', 'EMAIL'],
        ['data/train.jsonl', 'text', 'PHONE'],
      ],
    );
    const json = JSON.stringify(baseline);
    for (const f of findings) assert.ok(!json.includes(f.value), 'no value in clear');
  });

  it('suppresses the same value in the same field, in any file, and nothing else', () => {
    const baseline = createBaseline(findings, salt, now);
    assert.ok(isSuppressed(baseline, fingerprintFinding(salt, 'EMAIL', 'messages[0].content', 'support@acme.com')));
    assert.ok(!isSuppressed(baseline, fingerprintFinding(salt, 'EMAIL', 'messages[1].content', 'support@acme.com')));
    assert.ok(!isSuppressed(baseline, fingerprintFinding(salt, 'EMAIL', 'messages[0].content', 'sales@acme.com')));
    assert.ok(!isSuppressed(baseline, fingerprintFinding('other-salt-0123456789', 'EMAIL', 'messages[0].content', 'support@acme.com')));
  });

  it('records which salt made it', () => {
    const baseline = createBaseline(findings, salt, now);
    assert.ok(baselineMatchesSalt(baseline, salt));
    assert.ok(!baselineMatchesSalt(baseline, 'other-salt-0123456789'));
  });
});

describe('loadBaseline / writeBaselineAtomic', () => {
  it('round-trips through an atomic write and leaves no temp file', async () => {
    const path = join(dir, 'ws', '.responsible-ml', 'pii-baseline.json');
    const baseline = createBaseline(findings, salt);
    await writeBaselineAtomic(path, baseline);
    assert.deepEqual(await loadBaseline(path), baseline);
    assert.deepEqual(await readdir(join(dir, 'ws', '.responsible-ml')), ['pii-baseline.json']);
    const text = await readFile(path, 'utf8');
    assert.ok(text.endsWith('}\n'));
    assert.ok(!text.includes('support@acme.com'));
  });

  it('writes only the known keys of each entry', async () => {
    const path = join(dir, 'extra.json');
    const baseline = createBaseline(findings.slice(0, 1), salt);
    (baseline.entries[0] as unknown as Record<string, string>).value = 'support@acme.com';
    await writeBaselineAtomic(path, baseline);
    assert.ok(!(await readFile(path, 'utf8')).includes('support@acme.com'));
  });

  it('reads a missing file as an empty baseline', async () => {
    const baseline = await loadBaseline(join(dir, 'nope', 'pii-baseline.json'));
    assert.deepEqual(baseline.entries, []);
    assert.ok(!isSuppressed(baseline, fingerprintFinding(salt, 'EMAIL', 'text', 'a@b.com')));
  });

  it('names the file (and line) of a malformed baseline', async () => {
    const cases: [string, RegExp][] = [
      ['{\n  "version": 1,\n  "entries": [\n    {}\n    {}\n  ]\n}', /bad\.json:5: is not valid JSON/],
      ['{\n  "version": 1,\n  "entries": [ oops ]\n}', /bad\.json(:\d+)?: is not valid JSON \(Unexpected token 'o'[^"]*\)\.$/],
      ['[]', /must be a JSON object/],
      ['{"version":2,"entries":[]}', /unsupported version 2/],
      ['{"version":1}', /"entries" must be an array/],
      ['{"version":1,"entries":[{"hash":"abc","entity":"EMAIL","field":"","file":""}]}', /entries\[0\]\.hash/],
      [`{"version":1,"entries":[{"hash":"${'a'.repeat(64)}","entity":"NAME","field":"","file":""}]}`, /entries\[0\]\.entity "NAME"/],
      [`{"version":1,"entries":[{"hash":"${'a'.repeat(64)}","entity":"EMAIL","file":""}]}`, /entries\[0\]\.field/],
    ];
    const path = join(dir, 'bad.json');
    for (const [text, message] of cases) {
      await writeFile(path, text);
      await assert.rejects(loadBaseline(path), (e: unknown) => {
        assert.ok(e instanceof BaselineError);
        assert.equal(e.file, path);
        assert.match(e.message, message);
        assert.ok(e.message.startsWith(path));
        return true;
      });
    }
  });
});
