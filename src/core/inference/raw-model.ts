import { threadSessionOptions } from './cpu-threads';
import type { Device } from './inference-types';
import type { Ort } from './ort-runtime';

/** A tensor as plain data, so it can cross a thread boundary. */
export interface RawTensor {
  type: 'float32' | 'int64' | 'int32' | 'bool' | 'uint8';
  dims: number[];
  data: number[] | Float32Array | Int32Array | BigInt64Array | Uint8Array;
}

type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

/** An onnxruntime-node session for an ONNX graph the project wrote itself (no tokenizer, no config). */
export class RawModel {
  private constructor(
    private readonly ort: Ort,
    private readonly session: Session,
  ) {}

  static async load(ort: Ort, file: string, device: Device, threads?: number): Promise<RawModel> {
    const session = await ort.InferenceSession.create(file, { executionProviders: [device], ...threadSessionOptions(threads) });
    return new RawModel(ort, session);
  }

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  async run(feeds: Record<string, RawTensor>): Promise<Record<string, RawTensor>> {
    const input: Record<string, InstanceType<Ort['Tensor']>> = {};
    for (const [name, t] of Object.entries(feeds)) input[name] = new this.ort.Tensor(t.type, toTyped(t), t.dims);
    const out = await this.session.run(input);
    const result: Record<string, RawTensor> = {};
    for (const [name, t] of Object.entries(out)) {
      result[name] = { type: t.type as RawTensor['type'], dims: [...t.dims], data: t.data as RawTensor['data'] };
    }
    return result;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

function toTyped(t: RawTensor): Float32Array | Int32Array | BigInt64Array | Uint8Array {
  if (!Array.isArray(t.data)) return t.data;
  switch (t.type) {
    case 'float32':
      return Float32Array.from(t.data);
    case 'int32':
      return Int32Array.from(t.data);
    case 'int64':
      return BigInt64Array.from(t.data.map((x) => BigInt(x)));
    default:
      return Uint8Array.from(t.data);
  }
}
