/**
 * Runs a model folder written by the builtin fastText-style trainer on raw text: its graph takes
 * hashed word/character n-gram ids, not tokenizer ids, so the text is featurised here with the
 * very code the trainer used (the recipe and sizes come from the folder's config.json).
 */
import { join } from 'node:path';
import { featureIds, type FeatureOptions } from '../training/builtin/fasttext-features';
import type { Device, TextClassification } from './inference-types';
import type { Ort } from './ort-runtime';
import { RawModel } from './raw-model';
import { classification } from './task-outputs';

interface FastTextConfig {
  id2label?: Record<string, string>;
  rml?: { onnx?: { file?: string }; features?: Partial<FeatureOptions> };
}

export class FastTextClassifier {
  readonly task = 'text-classification' as const;

  private constructor(
    private readonly model: RawModel,
    private readonly features: FeatureOptions,
    readonly labels: string[],
  ) {}

  static async load(ort: Ort, folder: string, config: FastTextConfig, device: Device, threads?: number): Promise<FastTextClassifier> {
    const f = config.rml?.features;
    if (!f || typeof f.buckets !== 'number' || typeof f.wordNgrams !== 'number' || !Array.isArray(f.charNgrams)) {
      throw new Error(`${join(folder, 'config.json')}: rml.features (buckets, wordNgrams, charNgrams) is missing, so the text cannot be featurised as in training`);
    }
    const id2label = config.id2label ?? {};
    const labels = Object.keys(id2label)
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => id2label[k]!);
    const model = await RawModel.load(ort, join(folder, config.rml?.onnx?.file ?? 'model.onnx'), device, threads);
    return new FastTextClassifier(model, { buckets: f.buckets, wordNgrams: f.wordNgrams, charNgrams: [f.charNgrams[0]!, f.charNgrams[1]!] }, labels);
  }

  /** Class probabilities of a batch of texts; a text with no features gets the bias alone. */
  async classify(texts: readonly string[]): Promise<TextClassification[]> {
    const ids = texts.map((t) => featureIds(t, this.features));
    const width = Math.max(1, ...ids.map((x) => x.length));
    const flat = new BigInt64Array(texts.length * width);
    const mask = new Float32Array(texts.length * width);
    ids.forEach((row, i) => {
      for (let k = 0; k < row.length; k++) {
        flat[i * width + k] = BigInt(row[k]!);
        mask[i * width + k] = 1;
      }
    });
    const dims = [texts.length, width];
    const out = await this.model.run({ ngram_ids: { type: 'int64', dims, data: flat }, ngram_mask: { type: 'float32', dims, data: mask } });
    const logits = out.logits;
    if (!logits) throw new Error('the fastText graph returned no logits');
    const data = logits.data as Float32Array;
    const classes = logits.dims[logits.dims.length - 1]!;
    return texts.map((_, i) => classification(data.subarray(i * classes, (i + 1) * classes), this.labels, false));
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
