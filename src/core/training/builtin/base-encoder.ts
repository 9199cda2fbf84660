/**
 * The encoder behind an encoder head: its folder, its ONNX file (the one the inference engine
 * loads) and that file's sha256, which the run record and the exported config.json keep so a
 * model card can say exactly what the head was trained on.
 */
import { join } from 'node:path';
import { onnxFileOf } from '../../inference/model-folder';
import { resolveModelRef, type ResolveOptions } from '../../inference/model-ref';
import { sha256File } from '../run-provenance';

/** Where the base encoder came from, as run.json and config.json record it. */
export interface BaseEncoderInfo {
  /** As the spec wrote it (a folder, a shipped model name, a hub id). */
  ref: string;
  /** The local folder it resolved to. */
  path?: string;
  /** Its ONNX graph (relative to path) and the graph's sha256. */
  onnx?: string;
  sha256?: string;
}

/**
 * Resolves `ref` the way the engine will (no network) and hashes its ONNX graph. A hub id not yet
 * downloaded (downloads allowed) gives only the ref; an unknown model throws the engine's message.
 */
export async function describeBaseEncoder(ref: string, options: ResolveOptions): Promise<BaseEncoderInfo> {
  const resolved = resolveModelRef(ref, options);
  if (resolved.kind === 'hub') return { ref };
  if (resolved.kind === 'onnx') throw new Error(`${resolved.file} is a bare ONNX file: the encoder head needs a model folder (config.json, tokenizer files, onnx/model.onnx)`);
  const onnx = onnxFileOf(resolved.folder);
  if (!onnx) throw new Error(`${resolved.folder} has no onnx/model.onnx: the encoder head needs an ONNX feature-extraction model`);
  return { ref, path: resolved.folder, onnx, sha256: await sha256File(join(resolved.folder, onnx)) };
}
