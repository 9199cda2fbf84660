import { VALUE_SCAN_WASM } from './value-scan-wasm';

/**
 * The WebAssembly SIMD pass of value-scan.wat: digit clusters, long tokens, IBAN starts and marks
 * of a value in one look at its UTF-16 code units. The value is copied into the module's memory as
 * UTF-16 (a native copy: about 9 ms of CPU for the 18 M units of the 20 MB benchmark corpus's
 * values); offsets are then the string's own, so every string takes this path, ASCII or not.
 */
export interface ValueScan {
  /** Header: marks, fourDigits, longRun, dotRun, cluster ints, their byte offset, pairs, their byte offset, long-token ints, their byte offset. */
  readonly header: Int32Array;
  /** The whole memory as i32, for the lists the header points at. */
  readonly ints: Int32Array;
}

const INPUT = 64;
/**
 * Longer values take the JavaScript passes. The memory grows to 6 bytes a unit for the longest
 * value scanned and never shrinks (WebAssembly cannot), so this caps it near 6 MB in a long-lived
 * extension host.
 */
const MAX_UNITS = 1 << 20;

/** What is used of the WebAssembly API, which the project's TypeScript libraries (no DOM) do not declare. */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: { memory: WasmMemory; scan: (n: number) => void } };
}

interface Instance {
  memory: WasmMemory;
  scan: (n: number) => void;
  bytes: Buffer;
  result: { header: Int32Array; ints: Int32Array };
}

let instance: Instance | null | undefined;

function load(): Instance | null {
  try {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const exports = new wasm.Instance(new wasm.Module(Buffer.from(VALUE_SCAN_WASM, 'base64'))).exports;
    const memory = exports.memory;
    return { memory, scan: exports.scan, bytes: Buffer.from(memory.buffer), result: views(memory) };
  } catch {
    // No WebAssembly or no SIMD: value-hints.ts keeps its JavaScript passes.
    return null;
  }
}

function views(memory: WasmMemory): { header: Int32Array; ints: Int32Array } {
  const ints = new Int32Array(memory.buffer);
  return { header: ints.subarray(0, 10), ints };
}

/** Scans `value`, or returns undefined where WebAssembly SIMD is not available. The result is overwritten by the next call. */
export function scanValue(value: string): ValueScan | undefined {
  let it = instance;
  if (it === undefined) it = instance = load();
  if (it === null) return undefined;
  const n = value.length;
  if (n > MAX_UNITS) return undefined;
  const need = INPUT + 6 * n + 256;
  if (it.bytes.length < need) {
    try {
      it.memory.grow(Math.ceil((need - it.bytes.length) / 65536));
    } catch {
      return undefined;
    }
    it.bytes = Buffer.from(it.memory.buffer);
    it.result = views(it.memory);
  }
  it.bytes.write(value, INPUT, 2 * n, 'utf16le');
  it.scan(n);
  return it.result;
}

/** Whether scanValue has a module to run (false where WebAssembly SIMD is missing). */
export function valueScanAvailable(): boolean {
  if (instance === undefined) instance = load();
  return instance !== null;
}
