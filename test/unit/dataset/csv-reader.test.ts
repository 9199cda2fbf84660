import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sniffDelimiter } from '../../../src/core/dataset/csv-sniff';
import { readDocument } from '../../../src/core/dataset/read-document';
import { assertEachCharMaps, fieldAt, indexOfOnly, sourceOf } from './dataset-test-helpers';

/** CSV source of a run of decoded characters: inside quotes `""` is one `"`. */
const decodeCsv = (raw: string) => raw.replace(/""/g, '"');

describe('CSV quoting maps back to exact source characters', () => {
  test('doubled quotes, delimiters and line breaks inside quotes', () => {
    const text = 'name,comment\r\n"Doe, ""JD"" John","line one\r\nline ""two"""\r\nplain,x\r\n';
    const { records, problems, header } = readDocument(text, 'csv');
    assert.deepEqual(problems, []);
    assert.equal(records.length, 2);
    const name = fieldAt(records[0], 'name');
    assert.equal(name.value, 'Doe, "JD" John');
    const q = name.value.indexOf('"');
    assert.equal(sourceOf(text, name, q, q + 1), '""');
    assert.equal(name.toSourceOffset(q), indexOfOnly(text, '""JD'));
    assert.equal(sourceOf(text, name, q, q + 4), '""JD""');
    assert.equal(sourceOf(text, name), 'Doe, ""JD"" John');
    assert.equal(name.toSourceOffset(0), indexOfOnly(text, 'Doe'));
    assertEachCharMaps(text, name, decodeCsv);

    const comment = fieldAt(records[0], 'comment');
    assert.equal(comment.value, 'line one\r\nline "two"');
    assert.equal(sourceOf(text, comment), 'line one\r\nline ""two""');
    assertEachCharMaps(text, comment, decodeCsv);
    const two = comment.value.indexOf('two');
    assert.equal(comment.toSourceOffset(two), indexOfOnly(text, 'two'));
    assert.deepEqual(comment.toSourcePosition!(two), { line: 3, column: 'line ""'.length + 1 });
    assert.equal(records[0].line, 2);
    assert.equal(records[0].span!.endLine, 3);
    assert.equal(records[1].line, 4);
    assert.equal(fieldAt(records[1], 'name').toSourceOffset(0), indexOfOnly(text, 'plain'));
    assert.equal(fieldAt(records[1], 'comment').value, 'x');
    assert.equal(name.quoted, true);
    assert.equal(comment.quoted, true);
    assert.notEqual(fieldAt(records[1], 'name').quoted, true);

    assert.deepEqual(
      header!.map((h) => [h.path, h.value, h.column, text.slice(h.toSourceOffset(0), h.toSourceOffset(h.value.length))]),
      [
        ['name', 'name', 0, 'name'],
        ['comment', 'comment', 1, 'comment'],
      ],
    );
  });

  test('an empty quoted field and a quoted field that is only a quote', () => {
    const text = 'a,b,c\n"","""",""""""\n';
    const { records } = readDocument(text, 'csv');
    assert.deepEqual(
      records[0].fields.map((f) => f.value),
      ['', '"', '""'],
    );
    const quote = fieldAt(records[0], 'b');
    assert.equal(sourceOf(text, quote), '""');
    // The row is "","""","""""": field b's opening quote is its 4th character.
    assert.equal(quote.toSourceOffset(0), text.indexOf('\n') + 1 + 4);
    const empty = fieldAt(records[0], 'a');
    assert.equal(empty.toSourceOffset(0), text.indexOf('"') + 1);
  });

  test('unquoted fields: LF and CRLF, CR is not content', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = `id,email${eol}1,a@b.co${eol}2,c@d.eu`;
      const { records } = readDocument(text, 'csv');
      assert.deepEqual(
        records.map((r) => r.fields.map((f) => f.value)),
        [
          ['1', 'a@b.co'],
          ['2', 'c@d.eu'],
        ],
      );
      const email = fieldAt(records[1], 'email');
      assert.equal(sourceOf(text, email), 'c@d.eu');
      assert.deepEqual(email.toSourcePosition!(0), { line: 3, column: 3 });
    }
  });

  test('a quote inside an unquoted field is literal', () => {
    const text = 'a,b\n5" screen,x\n';
    const field = fieldAt(readDocument(text, 'csv').records[0], 'a');
    assert.equal(field.value, '5" screen');
    assert.equal(sourceOf(text, field), '5" screen');
  });

  test('text after a closing quote is kept, with a problem', () => {
    const text = 'a,b\n"abc"def,x\n';
    const { records, problems } = readDocument(text, 'csv');
    const field = fieldAt(records[0], 'a');
    assert.equal(field.value, 'abcdef');
    // The skipped quote belongs to whatever range ends at it: an offset at a gap maps past it.
    assert.equal(sourceOf(text, field, 0, 2), 'ab');
    assert.equal(sourceOf(text, field, 0, 3), 'abc"');
    assert.equal(sourceOf(text, field, 3, 6), 'def');
    assert.equal(field.toSourceOffset(3), indexOfOnly(text, 'def'));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'text-after-quote');
    assert.equal(problems[0].line, 2);
  });

  test('a quoted field left open at the end of the file', () => {
    const text = 'a,b\n1,"never closed\nstill\n';
    const { records, problems } = readDocument(text, 'csv');
    assert.equal(records.length, 1);
    assert.equal(fieldAt(records[0], 'b').value, 'never closed\nstill\n');
    assert.equal(problems[0].code, 'unterminated-quote');
    assert.equal(problems[0].line, 2);
  });
});

describe('CSV structure', () => {
  test('header names are made unique; blank ones become column_<n>', () => {
    const text = 'name,,name, ,name_2,column_2\n1,2,3,4,5,6\n';
    const { records, header } = readDocument(text, 'csv');
    const names = ['name', 'column_2', 'name_2', 'column_4', 'name_2_2', 'column_2_2'];
    assert.deepEqual(
      header!.map((h) => h.path),
      names,
    );
    assert.deepEqual(
      records[0].fields.map((f) => f.path),
      names,
    );
    assert.equal(header![3].value, ' ');
    assert.equal(header![1].toSourceOffset(0), 'name,'.length);
  });

  test('ragged rows are problems, the record keeps what it has', () => {
    const text = 'a,b,c\n1,2\n1,2,3,4\n1,2,3\n';
    const { records, problems } = readDocument(text, 'csv');
    assert.equal(records.length, 3);
    assert.deepEqual(
      records.map((r) => r.fields.map((f) => `${f.path}=${f.value}`)),
      [['a=1', 'b=2'], ['a=1', 'b=2', 'c=3', 'column_4=4'], ['a=1', 'b=2', 'c=3']],
    );
    assert.deepEqual(
      problems.map((p) => [p.code, p.line, p.record]),
      [
        ['ragged-row', 2, 0],
        ['ragged-row', 3, 1],
      ],
    );
    assert.match(problems[0].message, /^Line 2: row has 2 cells but the header has 3\./);
  });

  test('blank lines are not records; empty cells are fields', () => {
    const text = 'a,b\n\n1,\n\r\n,2\n\n';
    const { records, problems } = readDocument(text, 'csv');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      records.map((r) => [r.index, r.line, r.fields.map((f) => f.value)]),
      [
        [0, 3, ['1', '']],
        [1, 5, ['', '2']],
      ],
    );
    const empty = fieldAt(records[0], 'b');
    assert.equal(empty.toSourceOffset(0), indexOfOnly(text, '1,') + 2);
  });

  test('a BOM before the header is not part of the first column name', () => {
    const text = '\uFEFFemail,n\nx@y.z,1\n';
    const { records, header } = readDocument(text, 'csv');
    assert.equal(header![0].path, 'email');
    assert.equal(header![0].toSourceOffset(0), 1);
    assert.deepEqual(header![0].toSourcePosition!(0), { line: 1, column: 1 });
    assert.equal(fieldAt(records[0], 'email').value, 'x@y.z');
  });

  test('an empty document, and one with only a header', () => {
    assert.deepEqual(readDocument('', 'csv').records, []);
    assert.deepEqual(readDocument('', 'csv').problems, []);
    const headerOnly = readDocument('a;b\n', 'csv');
    assert.deepEqual(headerOnly.records, []);
    assert.equal(headerOnly.delimiter, ';');
    assert.deepEqual(
      headerOnly.header!.map((h) => h.path),
      ['a', 'b'],
    );
  });

  test('without a header row columns are column_<n> and the first row sets the width', () => {
    const { records, problems, header } = readDocument('x,y\n1,2,3\n', 'csv', { hasHeader: false });
    assert.equal(header, undefined);
    assert.deepEqual(
      records.map((r) => r.fields.map((f) => `${f.path}=${f.value}`)),
      [['column_1=x', 'column_2=y'], ['column_1=1', 'column_2=2', 'column_3=3']],
    );
    assert.equal(problems[0].code, 'ragged-row');
  });

  test('a line range returns only the records touching it', () => {
    const text = 'a\n1\n"2\n2b"\n3\n4\n';
    const { records, header } = readDocument(text, 'csv', { lines: { from: 4, to: 5 } });
    assert.equal(header!.length, 1);
    assert.deepEqual(
      records.map((r) => [r.index, r.line, r.fields[0].value]),
      [
        [1, 3, '2\n2b'],
        [2, 5, '3'],
      ],
    );
  });
});

describe('delimiters', () => {
  test('sniffed among , ; tab | respecting quotes', () => {
    assert.equal(sniffDelimiter('a,b,c\n1,2,3\n', false), ',');
    assert.equal(sniffDelimiter('name;price\nfoo;1,5\nbar;2,3\n', false), ';');
    assert.equal(sniffDelimiter('a\tb\n"x,y,z"\t2\n', false), '\t');
    assert.equal(sniffDelimiter('a|b|c\n"1|2"|3|4\n', false), '|');
    assert.equal(sniffDelimiter('"a;b;c",d\n"1;2;3",4\n', false), ',');
    assert.equal(sniffDelimiter('single column\nvalue\n', true), ',');
    assert.equal(sniffDelimiter('a;b', false), ';');
  });

  test('readDocument uses the sniffed delimiter; TSV is always tab', () => {
    const semi = readDocument('a;b\n"x;y";z\n', 'csv');
    assert.equal(semi.delimiter, ';');
    assert.deepEqual(
      semi.records[0].fields.map((f) => f.value),
      ['x;y', 'z'],
    );
    const tsv = readDocument('a,b\tc\n1,2\t3\n', 'tsv');
    assert.equal(tsv.delimiter, '\t');
    assert.deepEqual(
      tsv.records[0].fields.map((f) => `${f.path}=${f.value}`),
      ['a,b=1,2', 'c=3'],
    );
    const forced = readDocument('a|b\n1|2\n', 'csv', { delimiter: ',' });
    assert.deepEqual(
      forced.records[0].fields.map((f) => f.value),
      ['1|2'],
    );
  });
});
