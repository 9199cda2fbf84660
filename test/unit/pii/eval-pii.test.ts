import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, recallBySourceLabel, type LabelledRecord, type LabelledSpan } from '../../../scripts/eval-pii';

test('eval: exact and overlap matching, one-to-one, per label', () => {
  const records: LabelledRecord[] = [
    { id: 'a', text: 'call 555 0100 now', spans: [{ start: 5, end: 13, label: 'PHONE' }] },
    { id: 'b', text: 'mail x@y.io', spans: [{ start: 5, end: 11, label: 'EMAIL' }] },
    { id: 'c', text: 'nothing', spans: [] },
  ];
  const predictions: Record<string, Array<{ start: number; end: number; label: string }>> = {
    'call 555 0100 now': [{ start: 5, end: 12, label: 'PHONE' }],
    'mail x@y.io': [{ start: 5, end: 11, label: 'EMAIL' }, { start: 0, end: 4, label: 'EMAIL' }],
    nothing: [{ start: 0, end: 7, label: 'URL' }],
  };
  const r = evaluate(records, (text) => predictions[text]);
  assert.deepEqual([r.exact.PHONE.truePositives, r.exact.PHONE.falsePositives, r.exact.PHONE.falseNegatives], [0, 1, 1]);
  assert.deepEqual([r.overlap.PHONE.truePositives, r.overlap.PHONE.falsePositives, r.overlap.PHONE.falseNegatives], [1, 0, 0]);
  assert.equal(r.overlap.EMAIL.precision, 0.5);
  assert.equal(r.overlap.EMAIL.recall, 1);
  // F1 = 2·0.5·1/1.5, F2 = 5·0.5·1/(4·0.5+1).
  assert.ok(Math.abs(r.overlap.EMAIL.f1 - 2 / 3) < 1e-12);
  assert.ok(Math.abs(r.overlap.EMAIL.f2 - 2.5 / 3) < 1e-12);
  assert.equal(r.overlap.URL.precision, 0);
  assert.equal(r.errors.filter((e) => e.kind === 'false-positive').length, 2);
});

test('eval: recall by source label for entities the set mapped from several labels', () => {
  const records: LabelledRecord[] = [
    {
      id: 'a',
      text: 'Anna lives at 1 Main St in Paris',
      spans: [
        { start: 0, end: 4, label: 'PERSON', source_label: 'PERSON' },
        { start: 14, end: 23, label: 'LOCATION', source_label: 'STREET_ADDRESS' },
        { start: 27, end: 32, label: 'LOCATION', source_label: 'GPE' },
      ],
    },
    { id: 'b', text: 'Lyon', spans: [{ start: 0, end: 4, label: 'LOCATION', source_label: 'GPE' }] },
  ];
  // Found: Paris (overlap), the address only under a wrong label, Lyon not at all.
  const predictions: Record<string, LabelledSpan[]> = {
    'Anna lives at 1 Main St in Paris': [{ start: 28, end: 32, label: 'LOCATION' }, { start: 14, end: 23, label: 'ORGANIZATION' }],
    Lyon: [],
  };
  const rows = recallBySourceLabel(records, (text) => predictions[text]!);
  // PERSON has one source label equal to its own: not listed.
  assert.deepEqual(rows, [
    { label: 'LOCATION', source: 'GPE', gold: 2, found: 1 },
    { label: 'LOCATION', source: 'STREET_ADDRESS', gold: 1, found: 0 },
  ]);
});

test('eval: recall by source label pairs spans one-to-one, as the overlap scores do', () => {
  // One predicted span over two gold places finds only one of them.
  const text = 'Paris Lyon';
  const records: LabelledRecord[] = [{ id: 'a', text, spans: [{ start: 0, end: 5, label: 'LOCATION', source_label: 'GPE' }, { start: 6, end: 10, label: 'LOCATION', source_label: 'STREET_ADDRESS' }] }];
  const predict = (): LabelledSpan[] => [{ start: 0, end: 10, label: 'LOCATION' }];
  const rows = recallBySourceLabel(records, predict);
  assert.equal(rows.reduce((n, r) => n + r.found, 0), evaluate(records, predict).overlap.LOCATION!.truePositives);
  assert.deepEqual(rows.map((r) => [r.source, r.found]), [['GPE', 1], ['STREET_ADDRESS', 0]]);
});
