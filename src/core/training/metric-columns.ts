/**
 * Metric points as columns of numbers, one set per metric name: what the dashboard keeps of a
 * run and sends across threads and into the webview (typed arrays cross postMessage as bytes,
 * a million point objects would not). DOM-free and Node-free, so the worker, the panel host and
 * the webview share it.
 */
import type { MetricPoint } from './metric-point';

/** New points of one metric, in the order they were written. `epoch` is NaN where a point has none. */
export interface MetricChunk {
  name: string;
  step: Float64Array;
  epoch: Float64Array;
  wallTime: Float64Array;
  value: Float64Array;
}

/** Groups points by metric name into one chunk each, keeping the file order within a name. */
export function chunksFromPoints(points: readonly MetricPoint[]): MetricChunk[] {
  const counts = new Map<string, number>();
  for (const p of points) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  const chunks = new Map<string, MetricChunk & { n: number }>();
  for (const [name, n] of counts) {
    chunks.set(name, { name, n: 0, step: new Float64Array(n), epoch: new Float64Array(n), wallTime: new Float64Array(n), value: new Float64Array(n) });
  }
  for (const p of points) {
    const c = chunks.get(p.name)!;
    const i = c.n++;
    c.step[i] = p.step;
    c.epoch[i] = p.epoch ?? NaN;
    c.wallTime[i] = p.wallTime;
    c.value[i] = p.value;
  }
  return [...chunks.values()].map(({ name, step, epoch, wallTime, value }) => ({ name, step, epoch, wallTime, value }));
}

/** The buffers of chunks, for postMessage's transfer list (each buffer once). */
export function chunkBuffers(chunks: readonly MetricChunk[]): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  for (const c of chunks) for (const a of [c.step, c.epoch, c.wallTime, c.value]) set.add(a.buffer as ArrayBuffer);
  return [...set];
}

/** Number of points in chunks. */
export function chunkPoints(chunks: readonly MetricChunk[]): number {
  let n = 0;
  for (const c of chunks) n += c.value.length;
  return n;
}

/** One metric's points, growing by appends (capacity doubles, so appending n points costs O(n) overall). */
export class SeriesColumns {
  length = 0;
  private stepBuf: Float64Array;
  private epochBuf: Float64Array;
  private wallBuf: Float64Array;
  private valueBuf: Float64Array;

  constructor(readonly name: string, capacity = 256) {
    this.stepBuf = new Float64Array(capacity);
    this.epochBuf = new Float64Array(capacity);
    this.wallBuf = new Float64Array(capacity);
    this.valueBuf = new Float64Array(capacity);
  }

  /** Appends a chunk of the same metric. */
  append(chunk: Omit<MetricChunk, 'name'>): void {
    const n = chunk.value.length;
    this.reserve(this.length + n);
    this.stepBuf.set(chunk.step, this.length);
    this.epochBuf.set(chunk.epoch, this.length);
    this.wallBuf.set(chunk.wallTime, this.length);
    this.valueBuf.set(chunk.value, this.length);
    this.length += n;
  }

  get step(): Float64Array {
    return this.stepBuf.subarray(0, this.length);
  }
  get epoch(): Float64Array {
    return this.epochBuf.subarray(0, this.length);
  }
  get wallTime(): Float64Array {
    return this.wallBuf.subarray(0, this.length);
  }
  get value(): Float64Array {
    return this.valueBuf.subarray(0, this.length);
  }

  /** A copy of everything, as one chunk (for sending the whole series again). */
  toChunk(): MetricChunk {
    return { name: this.name, step: this.step.slice(), epoch: this.epoch.slice(), wallTime: this.wallTime.slice(), value: this.value.slice() };
  }

  private reserve(n: number): void {
    if (n <= this.valueBuf.length) return;
    let cap = Math.max(16, this.valueBuf.length);
    while (cap < n) cap *= 2;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.stepBuf = grow(this.stepBuf);
    this.epochBuf = grow(this.epochBuf);
    this.wallBuf = grow(this.wallBuf);
    this.valueBuf = grow(this.valueBuf);
  }
}

/** Every metric of one run, by name, in the order names first appeared. */
export class RunColumns {
  readonly series = new Map<string, SeriesColumns>();

  /** Appends chunks; returns the names that got new points. */
  append(chunks: readonly MetricChunk[]): string[] {
    const names: string[] = [];
    for (const c of chunks) {
      if (c.value.length === 0) continue;
      let s = this.series.get(c.name);
      if (!s) this.series.set(c.name, (s = new SeriesColumns(c.name, Math.max(256, c.value.length))));
      s.append(c);
      names.push(c.name);
    }
    return names;
  }

  /** Total points over all metrics. */
  get points(): number {
    let n = 0;
    for (const s of this.series.values()) n += s.length;
    return n;
  }

  /** Copies of every series (for a webview that was rebuilt and needs everything again). */
  toChunks(): MetricChunk[] {
    return [...this.series.values()].map((s) => s.toChunk());
  }

  clear(): void {
    this.series.clear();
  }
}
