/**
 * Just enough of the protobuf wire format to take an ONNX model apart at the top levels: the
 * fields of a message in order, each with its raw bytes, so a graph can be re-emitted with
 * fields added or left out without decoding (or re-encoding) the weights.
 */

/** One field of a message: its number, wire type, value (varints) or payload (length-delimited), and its full encoding. */
export interface WireField {
  field: number;
  wire: number;
  /** Wire type 0: the value (exact below 2^53). */
  value?: bigint;
  /** Wire type 2: the payload. */
  payload?: Uint8Array;
  /** Tag and value as they were: re-emitting these bytes reproduces the field. */
  raw: Uint8Array;
}

function readVarint(bytes: Uint8Array, at: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (at >= bytes.length) throw new Error('truncated varint');
    const b = bytes[at++]!;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, at];
    shift += 7n;
    if (shift > 63n) throw new Error('varint longer than 10 bytes');
  }
}

/** The fields of one message, in order; throws on a malformed or truncated encoding. */
export function readFields(bytes: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    const [tag, afterTag] = readVarint(bytes, at);
    at = afterTag;
    const field = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    const entry: WireField = { field, wire, raw: bytes };
    if (wire === 0) [entry.value, at] = readVarint(bytes, at);
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      const [length, afterLength] = readVarint(bytes, at);
      const end = afterLength + Number(length);
      if (end > bytes.length) throw new Error(`field ${field}: length ${length} runs past the end`);
      entry.payload = bytes.subarray(afterLength, end);
      at = end;
    } else throw new Error(`field ${field}: unsupported wire type ${wire}`);
    if (at > bytes.length) throw new Error(`field ${field}: truncated`);
    entry.raw = bytes.subarray(start, at);
    out.push(entry);
  }
  return out;
}

/** A string field's text. */
export function text(f: WireField | undefined): string | undefined {
  return f?.payload ? new TextDecoder().decode(f.payload) : undefined;
}
