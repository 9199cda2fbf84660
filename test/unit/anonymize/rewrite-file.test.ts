import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { link, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Replacement } from '../../../src/core/anonymize/apply-replacements';
import { escapeForCsvField, escapeForJsonString } from '../../../src/core/anonymize/field-escape';
import { splitAtCsvRecordEnd } from '../../../src/core/anonymize/record-boundaries';
import { planFromReplacements } from '../../../src/core/anonymize/replacement-plan';
import { anonymizeFile, anonymizeStream } from '../../../src/core/anonymize/rewrite-file';

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** A stand-in for the scanner: every email in the chunk becomes `[EMAIL]`, at source offsets. */
function emailsIn(chunk: string, chunkStart: number): Replacement[] {
  return [...chunk.matchAll(EMAIL)].map((m) => ({
    start: chunkStart + m.index!,
    end: chunkStart + m.index! + m[0].length,
    replacement: '[EMAIL]',
    entity: 'EMAIL' as const,
  }));
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rml-rewrite-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('anonymizeStream', () => {
  const text =
    '{"text":"mail jane@example.com now","n":1}\r\n' +
    '{"text":  "héllo 😀 ünïcödé — bob@corp.io",\t"x" : [ 1 ,2 ]}\r\n' +
    '\r\n' +
    '   {"text":"no pii here\\u00e9 \\"quoted\\""}   \n' +
    '{"text":"日本語 carol.smith+tag@mail.example.org"}'; // no trailing newline
  const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);

  it('changes only the replaced spans: BOM, CRLF, unicode and spacing come through byte for byte', async () => {
    const input = join(dir, 'odd.jsonl');
    const output = join(dir, 'odd.anon.jsonl');
    await writeFile(input, original);
    // Tiny reads split multi-byte characters and records across chunks.
    for (const readSize of [1, 3, 7, 64, 65536]) {
      const summary = await anonymizeStream({ input, output, findReplacements: emailsIn, readSize });
      const expected = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(EMAIL, '[EMAIL]'), 'utf8')]);
      const written = await readFile(output);
      assert.ok(written.equals(expected), `readSize ${readSize}`);
      assert.deepEqual(summary.replaced, { EMAIL: 3 });
      assert.equal(summary.replacements, 3);
      assert.equal(summary.bytesIn, original.length);
      assert.equal(summary.bytesOut, written.length);
    }
    assert.ok((await readFile(input)).equals(original), 'input untouched');
  });

  it('hands whole records to the scanner with offsets into the decoded file, BOM included', async () => {
    const input = join(dir, 'offsets.jsonl');
    await writeFile(input, original);
    const seen: { chunk: string; start: number }[] = [];
    await anonymizeStream({
      input,
      output: join(dir, 'offsets.out.jsonl'),
      readSize: 5,
      findReplacements: (chunk, start) => {
        seen.push({ chunk, start });
        return [];
      },
    });
    // The same text (and so the same offsets) as fs.readFileSync(path, 'utf8') and the dataset readers.
    assert.equal(seen.map((s) => s.chunk).join(''), await readFile(input, 'utf8'));
    assert.equal(seen[0].chunk[0], '\uFEFF');
    let offset = 0;
    for (const s of seen) {
      assert.equal(s.start, offset);
      assert.ok(s === seen[seen.length - 1] || s.chunk.endsWith('\n'), 'chunks end at record boundaries');
      offset += s.chunk.length;
    }
  });

  it('round-trips UTF-16 files with a BOM byte for byte', async () => {
    const body = '\uFEFF{"t":"mail jane@example.com"}\r\n{"t":"😀 bob@corp.io"}\n';
    const le = Buffer.from(body, 'utf16le');
    const be = Buffer.from(body, 'utf16le').swap16();
    for (const [bytes, encoding] of [[le, 'utf-16le'], [be, 'utf-16be']] as const) {
      const input = join(dir, `${encoding}.jsonl`);
      const output = join(dir, `${encoding}.out.jsonl`);
      await writeFile(input, bytes);
      const summary = await anonymizeStream({ input, output, readSize: 3, findReplacements: emailsIn });
      assert.equal(summary.encoding, encoding);
      const expected = Buffer.from(body.replace(EMAIL, '[EMAIL]'), 'utf16le');
      assert.ok((await readFile(output)).equals(encoding === 'utf-16be' ? expected.swap16() : expected), encoding);
    }
  });

  it('applies replacements collected beforehand, in a first pass over the whole file', async () => {
    const input = join(dir, 'two-pass.jsonl');
    const output = join(dir, 'two-pass.out.jsonl');
    await writeFile(input, original);
    const whole = await readFile(input, 'utf8'); // BOM included, like the dataset readers' offsets
    const plan = planFromReplacements(emailsIn(whole, 0).reverse());
    const summary = await anonymizeFile(input, output, { ...plan, readSize: 4 });
    assert.equal(plan.unused(), 0);
    assert.equal(summary.replacements, 3);
    assert.equal(await readFile(output, 'utf8'), whole.replace(EMAIL, '[EMAIL]'));

    const late = planFromReplacements([{ start: whole.length + 5, end: whole.length + 6, replacement: '' }]);
    await anonymizeFile(input, output, late);
    assert.equal(late.unused(), 1, 'a replacement past the end is never handed out');
  });

  it('writes JSON-escaped replacements that keep every line valid JSON', async () => {
    const input = join(dir, 'escape.jsonl');
    const output = join(dir, 'escape.out.jsonl');
    await writeFile(input, '{"text":"to jane@example.com"}\n{"text":"a\\nb bob@example.com"}\n');
    const weird = 'Smith, "Jr." \\ \n';
    await anonymizeFile(input, output, {
      findReplacements: (chunk, start) => emailsIn(chunk, start).map((r) => ({ ...r, replacement: escapeForJsonString(weird) })),
    });
    const lines = (await readFile(output, 'utf8')).trimEnd().split('\n');
    assert.deepEqual(
      lines.map((l) => JSON.parse(l).text),
      [`to ${weird}`, `a\nb ${weird}`],
    );
  });

  it('splits CSV at record ends outside quotes and escapes CSV replacements', async () => {
    const input = join(dir, 'data.csv');
    const output = join(dir, 'data.out.csv');
    const csv = 'id,org,note\r\n1,Acme,"multi\r\nline, ""quoted"" Acme"\r\n2,Acme,plain\r\n';
    await writeFile(input, csv);
    const chunks: string[] = [];
    await anonymizeStream({
      input,
      output,
      readSize: 4,
      splitAt: splitAtCsvRecordEnd,
      findReplacements: (chunk, start) => {
        chunks.push(chunk);
        return [...chunk.matchAll(/Acme/g)].map((m) => {
          const quoted = (chunk.slice(0, m.index).match(/"/g)?.length ?? 0) % 2 === 1;
          return { start: start + m.index!, end: start + m.index! + 4, replacement: escapeForCsvField('Lowe, "Bruen" Inc', quoted), entity: 'ORGANIZATION' as const };
        });
      },
    });
    for (const chunk of chunks) assert.equal((chunk.match(/"/g)?.length ?? 0) % 2, 0, 'no chunk ends inside quotes');
    assert.equal(
      await readFile(output, 'utf8'),
      'id,org,note\r\n1,Lowe   Bruen  Inc,"multi\r\nline, ""quoted"" Lowe, ""Bruen"" Inc"\r\n2,Lowe   Bruen  Inc,plain\r\n',
    );
  });

  it('creates the output only at the end, by rename from a temp file next to it', async () => {
    const input = join(dir, 'atomic.jsonl');
    const output = join(dir, 'sub', 'atomic.out.jsonl');
    await writeFile(input, '{"a":"x@y.com"}\n'.repeat(50));
    const before = await stat(input);
    let checks = 0;
    await anonymizeStream({
      input,
      output,
      readSize: 16,
      findReplacements: async (chunk, start) => {
        assert.equal(existsSync(output), false, 'output must not exist mid-write');
        const temps = (await readdir(join(dir, 'sub'))).filter((n) => n.endsWith('.tmp'));
        assert.equal(temps.length, 1, 'one temp file in the output directory');
        checks++;
        return emailsIn(chunk, start);
      },
    });
    assert.ok(checks > 1);
    assert.equal(await readFile(output, 'utf8'), '{"a":"[EMAIL]"}\n'.repeat(50));
    assert.deepEqual(await readdir(join(dir, 'sub')), ['atomic.out.jsonl'], 'no temp file left');
    const afterStat = await stat(input);
    assert.equal(afterStat.mtimeMs, before.mtimeMs);
    assert.equal(afterStat.size, before.size);
  });

  it('leaves an existing output intact and removes the temp file when the plan fails', async () => {
    const input = join(dir, 'fail.jsonl');
    const output = join(dir, 'fail-dir', 'fail.out.jsonl');
    await writeFile(input, '{"a":1}\n{"a":2}\n');
    await anonymizeStream({ input, output, findReplacements: () => [] });
    await writeFile(output, 'previous');
    await assert.rejects(
      anonymizeStream({ input, output, findReplacements: (_c, start) => [{ start: start + 100, end: start + 101, replacement: '' }] }),
      /outside the chunk/,
    );
    assert.equal(await readFile(output, 'utf8'), 'previous');
    assert.deepEqual(await readdir(join(dir, 'fail-dir')), ['fail.out.jsonl']);
  });

  it('refuses to write over its input, also through a hard link', async () => {
    const input = join(dir, 'self.jsonl');
    await writeFile(input, '{"a":"x@y.com"}\n');
    await assert.rejects(anonymizeFile(input, join(dir, '.', 'self.jsonl'), { findReplacements: emailsIn }), /in place/);
    const hardLink = join(dir, 'self-link.jsonl');
    await link(input, hardLink);
    await assert.rejects(anonymizeFile(input, hardLink, { findReplacements: emailsIn }), /in place/);
    assert.equal(await readFile(input, 'utf8'), '{"a":"x@y.com"}\n');
  });

  it('rejects non-UTF-8 input with a message naming the file, and writes nothing', async () => {
    const input = join(dir, 'latin1.csv');
    const output = join(dir, 'latin1.out.csv');
    await writeFile(input, Buffer.from('name\nJos\xe9\n', 'latin1'));
    await assert.rejects(anonymizeFile(input, output, { findReplacements: () => [] }), (e: Error) => e.message.includes(input) && /UTF-8/.test(e.message));
    assert.equal(existsSync(output), false);
  });

  it('stops on abort without creating the output', async () => {
    const input = join(dir, 'abort.jsonl');
    const output = join(dir, 'abort.out.jsonl');
    await writeFile(input, '{"a":1}\n'.repeat(1000));
    const controller = new AbortController();
    await assert.rejects(
      anonymizeStream({
        input,
        output,
        readSize: 64,
        signal: controller.signal,
        findReplacements: () => {
          controller.abort();
          return [];
        },
      }),
      { name: 'AbortError' },
    );
    assert.equal(existsSync(output), false);
  });

  it('copies empty and BOM-only files', async () => {
    for (const content of [Buffer.alloc(0), Buffer.from([0xef, 0xbb, 0xbf])]) {
      const input = join(dir, 'empty.txt');
      const output = join(dir, 'empty.out.txt');
      await writeFile(input, content);
      const summary = await anonymizeFile(input, output, {
        findReplacements: (chunk) => (chunk === '\uFEFF' ? [] : assert.fail(`unexpected chunk ${JSON.stringify(chunk)}`)),
      });
      assert.ok((await readFile(output)).equals(content));
      assert.equal(summary.bytesOut, content.length);
    }
  });
});
