#!/usr/bin/python3
"""An independent TensorBoard event-file writer for the tfevents reader's tests.

Writes TFRecord framing and Event / Summary / TensorProto protobuf bytes by hand, with a
bit-by-bit CRC-32C (no table), so the TypeScript reader is checked against code that shares
nothing with it. Usage: write_tfevents.py OUT_FILE [--corrupt-data N] [--corrupt-length N] [--partial]
Prints the scalars it wrote as JSON lines: {"step", "tag", "value", "wall_time"}.
"""
import json
import struct
import sys


def crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def masked(data: bytes) -> int:
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def key(field: int, wire: int) -> bytes:
    return varint((field << 3) | wire)


def length_delimited(field: int, payload: bytes) -> bytes:
    return key(field, 2) + varint(len(payload)) + payload


def event(wall_time: float, step: int, values: list) -> bytes:
    summary = b"".join(length_delimited(1, v) for v in values)
    body = key(1, 1) + struct.pack("<d", wall_time) + key(2, 0) + varint(step)
    if values:
        body += length_delimited(5, summary)
    return body


def simple_value(tag: str, value: float) -> bytes:
    return length_delimited(1, tag.encode()) + key(2, 5) + struct.pack("<f", value)


def tensor_value(tag: str, value: float, style: str) -> bytes:
    if style == "content":  # TF2 tf.summary.scalar: DT_FLOAT with raw tensor_content
        tensor = key(1, 0) + varint(1) + length_delimited(4, struct.pack("<f", value))
    elif style == "packed":  # DT_FLOAT with packed float_val
        tensor = key(1, 0) + varint(1) + length_delimited(5, struct.pack("<f", value))
    else:  # DT_DOUBLE with packed double_val
        tensor = key(1, 0) + varint(2) + length_delimited(6, struct.pack("<d", value))
    plugin = length_delimited(1, length_delimited(1, b"scalars"))  # metadata.plugin_data.plugin_name
    return length_delimited(1, tag.encode()) + length_delimited(9, plugin) + length_delimited(8, tensor)


def record(data: bytes) -> bytes:
    header = struct.pack("<Q", len(data))
    return header + struct.pack("<I", masked(header)) + data + struct.pack("<I", masked(data))


def main() -> None:
    out = sys.argv[1]
    args = sys.argv[2:]
    corrupt_data = int(args[args.index("--corrupt-data") + 1]) if "--corrupt-data" in args else -1
    corrupt_length = int(args[args.index("--corrupt-length") + 1]) if "--corrupt-length" in args else -1
    written = []
    records = [record(length_delimited(3, b"brain.Event:2") + key(1, 1) + struct.pack("<d", 1700000000.0))]
    for i in range(6):
        step = i * 10
        wall = 1700000000.5 + i
        loss = round(1.0 / (i + 1), 6)
        acc = 0.5 + i * 0.05
        values = [simple_value("train/loss", loss), tensor_value("eval/accuracy", acc, ["content", "packed", "double"][i % 3])]
        records.append(record(event(wall, step, values)))
        written.append({"step": step, "tag": "train/loss", "value": struct.unpack("<f", struct.pack("<f", loss))[0], "wall_time": wall})
        acc_value = acc if i % 3 == 2 else struct.unpack("<f", struct.pack("<f", acc))[0]
        written.append({"step": step, "tag": "eval/accuracy", "value": acc_value, "wall_time": wall})
    # A step beyond 2^31 checks 64-bit steps survive.
    records.append(record(event(1700000100.0, 3_000_000_000, [simple_value("train/lr", 0.125)])))
    written.append({"step": 3_000_000_000, "tag": "train/lr", "value": 0.125, "wall_time": 1700000100.0})
    if corrupt_data >= 0:
        r = bytearray(records[corrupt_data])
        r[14] ^= 0xFF  # a byte inside the data: the data CRC fails
        records[corrupt_data] = bytes(r)
    if corrupt_length >= 0:
        r = bytearray(records[corrupt_length])
        r[0] ^= 0x01  # a byte of the length: the length CRC fails
        records[corrupt_length] = bytes(r)
    blob = b"".join(records)
    if "--partial" in args:
        blob += record(event(1700000200.0, 999, [simple_value("train/loss", 9.0)]))[:-7]
    with open(out, "wb") as f:
        f.write(blob)
    for w in written:
        print(json.dumps(w))


if __name__ == "__main__":
    main()
