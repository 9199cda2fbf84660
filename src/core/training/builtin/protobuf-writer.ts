/** Just enough of the protobuf wire format to write an ONNX model: varints, tags, length-delimited fields. */

export type Bytes = Uint8Array;

/** A varint of a non-negative integer (or a negative int64, as ten bytes of two's complement). */
export function varint(value: number | bigint): Bytes {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Uint8Array.from(out);
}

function concat(parts: Bytes[]): Bytes {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A message: the concatenation of its encoded fields. */
export function message(...fields: Bytes[]): Bytes {
  return concat(fields);
}

/** An integer field (wire type 0). */
export function intField(field: number, value: number | bigint): Bytes {
  return concat([varint(field << 3), varint(value)]);
}

/** A length-delimited field (wire type 2): bytes, a string or an embedded message. */
export function bytesField(field: number, value: Bytes | string): Bytes {
  const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  return concat([varint((field << 3) | 2), varint(bytes.length), bytes]);
}

/** A float field (wire type 5). */
export function floatField(field: number, value: number): Bytes {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, value, true);
  return concat([varint((field << 3) | 5), b]);
}

/** Repeated fields, one after another. */
export function repeated<T>(values: readonly T[], encode: (v: T) => Bytes): Bytes {
  return concat(values.map(encode));
}
