import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, type LabelledRecord } from '../../../scripts/eval-pii';

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
