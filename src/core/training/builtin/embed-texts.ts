/**
 * Frozen embeddings for the encoder head: every text through the inference engine's
 * feature extraction (mean pooling over real tokens, L2-normalised — the engine's defaults),
 * in chunks, so progress is reported and a stop request is honoured between model calls.
 */
import type { InferenceEngine } from '../../inference/inference-engine';
import { InferenceCancelled, type Embedding } from '../../inference/inference-types';

/** Texts per engine request; the engine batches within it (sorted by length). */
const CHUNK = 2048;

export interface EmbedOptions {
  /** Texts per model call. */
  batchSize: number;
  shouldStop(): boolean;
  onProgress?(done: number, total: number): void;
}

/** Row-major vectors [texts × dim], or undefined when stopped. */
export async function embedTexts(engine: InferenceEngine, model: string, texts: readonly string[], options: EmbedOptions): Promise<{ vectors: Float32Array; dim: number } | undefined> {
  let vectors: Float32Array | undefined;
  let dim = 0;
  const abort = new AbortController();
  for (let from = 0; from < texts.length; from += CHUNK) {
    const chunk = texts.slice(from, from + CHUNK);
    let result: Embedding[];
    try {
      result = (await engine.run(
        { model, task: 'feature-extraction', inputs: chunk, batchSize: options.batchSize, pooling: 'mean', normalize: true },
        {
          signal: abort.signal,
          onProgress: (p) => {
            options.onProgress?.(from + p.done, texts.length);
            if (options.shouldStop()) abort.abort();
          },
        },
      )) as Embedding[];
    } catch (err) {
      if (err instanceof InferenceCancelled) return undefined;
      throw err;
    }
    if (!vectors) {
      dim = result[0]!.length;
      vectors = new Float32Array(texts.length * dim);
    }
    result.forEach((v, i) => {
      if (v.length !== dim) throw new Error(`the encoder gave ${v.length} numbers for one text and ${dim} for another`);
      vectors!.set(v, (from + i) * dim);
    });
    if (options.shouldStop()) return undefined;
  }
  return { vectors: vectors ?? new Float32Array(0), dim };
}
