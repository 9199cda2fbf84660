import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { downsampleM4 } from '../../../src/core/training/downsample';
import { smoothSeries } from '../../../src/core/training/smoothing';
import { layoutCharts } from '../../../webview/training-dashboard/chart-layout';
import { DashboardData } from '../../../webview/training-dashboard/dashboard-data';
import { drawnPoints } from '../../../webview/training-dashboard/series-view';

function chunk(run: string, name: string, values: number[], opts: { epochs?: boolean; t0?: number } = {}) {
  const n = values.length;
  return {
    run,
    name,
    step: Float64Array.from({ length: n }, (_, i) => i + 1),
    epoch: Float64Array.from({ length: n }, (_, i) => (opts.epochs === false ? NaN : (i + 1) / 10)),
    wallTime: Float64Array.from({ length: n }, (_, i) => (opts.t0 ?? 1000) + i * 2),
    value: Float64Array.from(values),
  };
}

describe('dashboard layout', () => {
  it('puts losses first, then training, evaluation, per-group (by title: metric, then attribute) and other charts', () => {
    const names = ['eval/accuracy', 'train/learning_rate', 'custom', 'eval/loss', 'train/loss', 'eval/group/gender=male/accuracy', 'eval/group/gender=female/accuracy', 'eval/group/race=a/accuracy', 'eval/group/gender=female/f1'];
    const charts = layoutCharts(['r1', 'r2'], (run) => (run === 'r1' ? names : ['train/loss', 'eval/group/gender=x/accuracy']));
    assert.deepEqual(
      charts.map((c) => `${c.section}:${c.key}`),
      ['loss:train/loss', 'loss:eval/loss', 'train:train/learning_rate', 'eval:eval/accuracy', 'groups:eval/group/gender/accuracy', 'groups:eval/group/race/accuracy', 'groups:eval/group/gender/f1', 'other:custom'],
    );
    const gender = charts.find((c) => c.key === 'eval/group/gender/accuracy')!;
    assert.equal(gender.title, 'eval/accuracy by gender');
    assert.deepEqual(gender.series.map((s) => `${s.run}:${s.label}`), ['r1:female', 'r1:male', 'r2:x']);
    assert.deepEqual(charts[0]!.series.map((s) => s.run), ['r1', 'r2'], 'a chart overlays every shown run that has the metric');
  });
});

describe('dashboard data and drawn points', () => {
  it('smooths each series incrementally to the same values as at once, and restarts on a reset', () => {
    const data = new DashboardData();
    const values = Array.from({ length: 300 }, (_, i) => Math.cos(i / 9) + i / 100);
    data.apply([chunk('r', 'm', values.slice(0, 100))]);
    data.smoothed('r', 'm', 0.8);
    data.apply([{ ...chunk('r', 'm', values.slice(100)), step: Float64Array.from({ length: 200 }, (_, i) => i + 101) }]);
    assert.deepEqual([...data.smoothed('r', 'm', 0.8)!], [...smoothSeries(values, 0.8)]);
    assert.deepEqual(data.range('r', 'm'), { min: Math.min(...values), max: Math.max(...values) });
    assert.equal(data.points, 300);
    data.apply([chunk('r', 'm', [5, 6])], ['r']);
    assert.deepEqual([...data.smoothed('r', 'm', 0.8)!], [...smoothSeries([5, 6], 0.8)]);
    assert.deepEqual(data.range('r', 'm'), { min: 5, max: 6 });
    assert.equal(data.points, 2);
    assert.deepEqual(data.latest('r'), { epoch: 0.2, step: 2 });
  });

  it('draws time since start as the same downsampled points, shifted, and leaves y ≤ 0 out of a log scale', () => {
    const data = new DashboardData();
    const values = Array.from({ length: 5000 }, (_, i) => Math.sin(i / 50) * 2);
    data.apply([chunk('r', 'm', values, { t0: 1_700_000_000 })]);
    const s = data.series('r', 'm')!;
    const origin = 1_700_000_000 - 10;
    const rel = drawnPoints(s, s.value, { axis: 'relative', origin, x0: 10, x1: 10 + 4999 * 2, buckets: 100, logScale: false });
    const idx = downsampleM4(s.wallTime, s.value, { buckets: 100, x0: origin + 10, x1: origin + 10 + 4999 * 2 });
    assert.deepEqual([...rel.x], [...idx].map((i) => s.wallTime[i]! - origin));
    assert.deepEqual([...rel.y], [...idx].map((i) => s.value[i]!));
    const log = drawnPoints(s, s.value, { axis: 'step', origin: 0, x0: 1, x1: 5000, buckets: 100, logScale: true });
    assert.ok(log.y.some((v) => Number.isNaN(v)) && log.y.every((v) => Number.isNaN(v) || v > 0));
    const all = drawnPoints(s, s.value, { axis: 'step', origin: 0, x0: 1, x1: 5000, buckets: 100, logScale: false, downsample: false });
    assert.equal(all.x.length, 5000, 'the peer draws every point');
    const epochless = new DashboardData();
    epochless.apply([chunk('r', 'm', [1, 2, 3], { epochs: false })]);
    const e = epochless.series('r', 'm')!;
    assert.equal(drawnPoints(e, e.value, { axis: 'epoch', origin: 0, x0: 0, x1: 1, buckets: 10, logScale: false }).x.length, 0, 'no epochs, nothing on an epoch axis');
  });
});
