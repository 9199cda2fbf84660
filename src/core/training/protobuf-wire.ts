/**
 * Just enough of the protobuf wire format to read TensorBoard Event messages and take an ONNX
 * model apart at its top levels: iterate the fields of a message as (field number, wire type,
 * value), each with its full encoding (`raw`), so a message can be re-emitted with fields left
 * out without decoding the rest. Unknown fields are skipped, as protobuf does.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

/**
 * A field of a message: varints as bigint, fixed values as their byte range, bytes as a subarray;
 * `raw` is the tag and value as encoded (re-emitting it reproduces the field).
 */
export type WireField = { field: number; raw: Uint8Array } & (
  | { wire: typeof WIRE_VARINT; value: bigint }
  | { wire: typeof WIRE_FIXED64 | typeof WIRE_FIXED32; bytes: Uint8Array }
  | { wire: typeof WIRE_BYTES; bytes: Uint8Array }
);

/** Malformed protobuf bytes. */
export class WireError extends Error {}

/** Reads a varint at `pos`; returns the value and the position after it. */
export function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new WireError('varint runs past the end of the message');
    const b = buf[pos++]!;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
  throw new WireError('varint longer than 10 bytes');
}

/** The fields of one message, in order. */
export function* wireFields(buf: Uint8Array): Generator<WireField> {
  let pos = 0;
  while (pos < buf.length) {
    const start = pos;
    const [key, afterKey] = readVarint(buf, pos);
    pos = afterKey;
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new WireError('field number 0');
    switch (wire) {
      case WIRE_VARINT: {
        const [value, next] = readVarint(buf, pos);
        pos = next;
        yield { field, wire, value, raw: buf.subarray(start, pos) };
        break;
      }
      case WIRE_FIXED64:
      case WIRE_FIXED32: {
        const size = wire === WIRE_FIXED64 ? 8 : 4;
        if (pos + size > buf.length) throw new WireError('fixed-width field runs past the end');
        const bytes = buf.subarray(pos, pos + size);
        pos += size;
        yield { field, wire, bytes, raw: buf.subarray(start, pos) };
        break;
      }
      case WIRE_BYTES: {
        const [length, next] = readVarint(buf, pos);
        const end = next + Number(length);
        if (end > buf.length) throw new WireError('length-delimited field runs past the end');
        pos = end;
        yield { field, wire, bytes: buf.subarray(next, end), raw: buf.subarray(start, end) };
        break;
      }
      default:
        throw new WireError(`unsupported wire type ${wire}`);
    }
  }
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A little-endian double from a fixed64 field. */
export function fixed64Double(bytes: Uint8Array): number {
  return view(bytes).getFloat64(0, true);
}

/** A little-endian float from a fixed32 field. */
export function fixed32Float(bytes: Uint8Array): number {
  return view(bytes).getFloat32(0, true);
}

/** Every little-endian float32 of a packed repeated field or a raw tensor buffer. */
export function packedFloats(bytes: Uint8Array): number[] {
  const v = view(bytes);
  const out: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) out.push(v.getFloat32(i, true));
  return out;
}

/** Every little-endian float64 of a packed repeated field or a raw tensor buffer. */
export function packedDoubles(bytes: Uint8Array): number[] {
  const v = view(bytes);
  const out: number[] = [];
  for (let i = 0; i + 8 <= bytes.length; i += 8) out.push(v.getFloat64(i, true));
  return out;
}

/** Decodes UTF-8 text of a string field. */
export function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
