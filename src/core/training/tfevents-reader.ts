/**
 * Scalars from TensorBoard event files (events.out.tfevents.*): TFRecord framing with CRC checks
 * (tfrecord-reader.ts), each record an `Event` protobuf decoded by hand (protobuf-wire.ts).
 * Reads `summary.value.simple_value` (PyTorch's SummaryWriter) and single-element float `tensor`s
 * (TF2's tf.summary.scalar).
 */
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { MetricPoint } from './metric-point';
import { fixed32Float, fixed64Double, packedDoubles, packedFloats, utf8, WIRE_BYTES, WIRE_FIXED32, WIRE_FIXED64, WIRE_VARINT, wireFields } from './protobuf-wire';
import { TfRecordTail } from './tfrecord-reader';

// Field numbers from tensorflow/core/util/event.proto, framework/summary.proto and tensor.proto.
const EVENT_WALL_TIME = 1;
const EVENT_STEP = 2;
const EVENT_SUMMARY = 5;
const SUMMARY_VALUE = 1;
const VALUE_TAG = 1;
const VALUE_SIMPLE = 2;
const VALUE_TENSOR = 8;
const TENSOR_DTYPE = 1;
const TENSOR_CONTENT = 4;
const TENSOR_FLOAT_VAL = 5;
const TENSOR_DOUBLE_VAL = 6;
const DT_FLOAT = 1;
const DT_DOUBLE = 2;

export interface DecodedEvent {
  wallTime: number;
  step: number;
  scalars: Array<{ tag: string; value: number }>;
}

/** The scalar held by a TensorProto, when it is one float or double; undefined otherwise. */
function tensorScalar(bytes: Uint8Array): number | undefined {
  let dtype = 0;
  const values: number[] = [];
  let content: Uint8Array | undefined;
  for (const f of wireFields(bytes)) {
    if (f.field === TENSOR_DTYPE && f.wire === WIRE_VARINT) dtype = Number(f.value);
    else if (f.field === TENSOR_CONTENT && f.wire === WIRE_BYTES) content = f.bytes;
    else if (f.field === TENSOR_FLOAT_VAL) {
      if (f.wire === WIRE_BYTES) values.push(...packedFloats(f.bytes));
      else if (f.wire === WIRE_FIXED32) values.push(fixed32Float(f.bytes));
    } else if (f.field === TENSOR_DOUBLE_VAL) {
      if (f.wire === WIRE_BYTES) values.push(...packedDoubles(f.bytes));
      else if (f.wire === WIRE_FIXED64) values.push(fixed64Double(f.bytes));
    }
  }
  if (dtype !== DT_FLOAT && dtype !== DT_DOUBLE) return undefined;
  if (content) values.push(...(dtype === DT_FLOAT ? packedFloats(content) : packedDoubles(content)));
  return values.length === 1 ? values[0] : undefined;
}

/** Decodes one Event record; throws WireError on malformed bytes. */
export function decodeEvent(bytes: Uint8Array): DecodedEvent {
  const event: DecodedEvent = { wallTime: 0, step: 0, scalars: [] };
  for (const f of wireFields(bytes)) {
    if (f.field === EVENT_WALL_TIME && f.wire === WIRE_FIXED64) event.wallTime = fixed64Double(f.bytes);
    else if (f.field === EVENT_STEP && f.wire === WIRE_VARINT) event.step = Number(BigInt.asIntN(64, f.value));
    else if (f.field === EVENT_SUMMARY && f.wire === WIRE_BYTES) {
      for (const s of wireFields(f.bytes)) {
        if (s.field !== SUMMARY_VALUE || s.wire !== WIRE_BYTES) continue;
        let tag = '';
        let value: number | undefined;
        for (const v of wireFields(s.bytes)) {
          if (v.field === VALUE_TAG && v.wire === WIRE_BYTES) tag = utf8(v.bytes);
          else if (v.field === VALUE_SIMPLE && v.wire === WIRE_FIXED32) value = fixed32Float(v.bytes);
          else if (v.field === VALUE_TENSOR && v.wire === WIRE_BYTES) value = tensorScalar(v.bytes) ?? value;
        }
        if (tag && value !== undefined) event.scalars.push({ tag, value });
      }
    }
  }
  return event;
}

/** True for a TensorBoard event file name. */
export function isEventFileName(name: string): boolean {
  return name.includes('tfevents');
}

/** Event files under `dir`, at any depth (TensorBoard keeps one sub-folder per run). */
export async function findEventFiles(dir: string, depth = 4): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory() && depth > 0) out.push(...(await findEventFiles(full, depth - 1)));
    else if (e.isFile() && isEventFileName(e.name)) out.push(full);
  }
  return out.sort();
}

/** Follows every event file in a log folder; each poll returns the scalars written since the last. */
export class TfEventsWatcher {
  private readonly tails = new Map<string, TfRecordTail>();

  constructor(readonly dir: string) {}

  async poll(): Promise<{ points: MetricPoint[]; problems: string[] }> {
    for (const file of await findEventFiles(this.dir)) if (!this.tails.has(file)) this.tails.set(file, new TfRecordTail(file));
    const points: MetricPoint[] = [];
    const problems: string[] = [];
    for (const [file, tail] of this.tails) {
      const shown = relative(this.dir, file) || file;
      const { records, problems: framing } = await tail.poll();
      problems.push(...framing.map((p) => `${shown}: ${p.message}`));
      for (const record of records) {
        let event: DecodedEvent;
        try {
          event = decodeEvent(record);
        } catch (err) {
          problems.push(`${shown}: an event record is not a valid Event protobuf (${(err as Error).message})`);
          continue;
        }
        for (const s of event.scalars) points.push({ step: event.step, name: s.tag, value: s.value, wallTime: event.wallTime, source: 'tfevents' });
      }
    }
    return { points, problems };
  }
}

/** Every scalar of the event files in `dir`, read once. */
export async function readTfEventsDir(dir: string): Promise<{ points: MetricPoint[]; problems: string[] }> {
  return new TfEventsWatcher(dir).poll();
}
