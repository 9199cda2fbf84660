import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadSessionOptions } from './cpu-threads';
import { speedUpNormalizer } from './normalizer-fast-path';
import type { Device, InferenceTask } from './inference-types';
import { BertWordPieceEncoder } from './bert-wordpiece-encoder';
import { onnxFileOf } from './model-folder';
import { spellingOf, type TokenSpans, type TokenSpelling } from './token-offsets';
import type { Transformers } from './transformers-runtime';

/** A tensor as the engine reads it back. */
export interface OutputTensor {
  data: Float32Array;
  dims: number[];
}

interface Encoding {
  ids: number[];
  tokens: string[];
  /** Token offsets, when the tokenizer's fast path knew them (else `alignTokens` finds them). */
  spans?: TokenSpans;
}

interface TokenizerLike {
  _tokenizer: { encode(text: string, options: { add_special_tokens: boolean }): Encoding };
  pad_token_id?: number;
  model_max_length?: number;
}

interface ModelLike {
  (inputs: Record<string, unknown>): Promise<Record<string, { data: ArrayLike<number>; dims: number[] }>>;
  dispose(): Promise<unknown>;
  config: { id2label?: Record<string, string>; problem_type?: string; max_position_embeddings?: number };
}

/** What a loaded transformers.js model exposes to the engine. */
export class TextModel {
  private constructor(
    readonly task: InferenceTask,
    readonly device: Device,
    private readonly tokenizer: TokenizerLike,
    private readonly model: ModelLike,
    readonly spelling: TokenSpelling,
    /** Most tokens per input, special tokens included. */
    readonly maxTokens: number,
    readonly labels: string[],
    readonly multiLabel: boolean,
    /** The project's own path for BERT WordPiece tokenizers, when this model has one. */
    private readonly fast: BertWordPieceEncoder | undefined,
  ) {}

  /** Loads tokenizer and model through transformers.js's pipeline for the task. */
  static async load(tf: Transformers, ref: string, localFolder: string | undefined, task: InferenceTask, device: Device, allowDownload: boolean, threads?: number): Promise<TextModel> {
    const dtype = localFolder && onnxFileOf(localFolder)?.endsWith('model_quantized.onnx') ? 'q8' : 'fp32';
    const pipe = (await tf.pipeline(task, localFolder ?? ref, {
      device,
      dtype,
      local_files_only: !allowDownload,
      session_options: threadSessionOptions(threads),
    } as never)) as unknown as { tokenizer: TokenizerLike; model: ModelLike };
    speedUpNormalizer(pipe.tokenizer);
    const tokenizerJson = readTokenizerJson(localFolder, pipe.tokenizer);
    const config = pipe.model.config;
    const id2label = config.id2label ?? {};
    const labels = Object.keys(id2label)
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => id2label[k]!);
    const limits = [pipe.tokenizer.model_max_length, config.max_position_embeddings, 512].filter((x): x is number => typeof x === 'number' && Number.isFinite(x) && x > 2);
    const spelling = spellingOf(tokenizerJson);
    const fast = BertWordPieceEncoder.from(pipe.tokenizer, spelling);
    return new TextModel(task, device, pipe.tokenizer, pipe.model, spelling, Math.min(...limits), labels, config.problem_type === 'multi_label_classification', fast);
  }

  get padId(): number {
    return this.tokenizer.pad_token_id ?? 0;
  }

  /** Token ids and token strings, special tokens included (and their offsets when the fast path gives them). */
  encode(text: string): Encoding {
    return this.fast?.encode(text) ?? this.library(text);
  }

  /** The same through transformers.js's tokenizer alone (no offsets). */
  library(text: string): Encoding {
    const { ids, tokens } = this.tokenizer._tokenizer.encode(text, { add_special_tokens: true });
    return { ids, tokens };
  }

  /** One forward pass over padded rows: logits, or the last hidden state for feature extraction. */
  async forward(tf: Transformers, ids: BigInt64Array, mask: BigInt64Array, rows: number, width: number): Promise<OutputTensor> {
    const dims = [rows, width];
    const out = await this.model({
      input_ids: new tf.Tensor('int64', ids, dims),
      attention_mask: new tf.Tensor('int64', mask, dims),
      token_type_ids: new tf.Tensor('int64', new BigInt64Array(ids.length), dims),
    });
    const t = out.logits ?? out.last_hidden_state ?? Object.values(out)[0];
    if (!t) throw new Error('the model returned no output');
    return { data: t.data instanceof Float32Array ? t.data : Float32Array.from(t.data), dims: t.dims };
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}

/** The tokenizer.json behind a loaded tokenizer: from the folder, else its in-memory copy. */
function readTokenizerJson(folder: string | undefined, tokenizer: TokenizerLike): Parameters<typeof spellingOf>[0] {
  if (folder && existsSync(join(folder, 'tokenizer.json'))) return JSON.parse(readFileSync(join(folder, 'tokenizer.json'), 'utf8'));
  const inner = (tokenizer as unknown as { _tokenizerJSON?: Parameters<typeof spellingOf>[0] })._tokenizerJSON;
  return inner ?? {};
}
