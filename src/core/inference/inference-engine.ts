import { setImmediate as nextTurn } from 'node:timers/promises';
import { aggregateLabelled, type LabelledSpans } from './aggregate-entities';
import { lengthSortedBatches, padRows, windowsOf } from './batching';
import { cudaFallbackMessage, devicesToTry, probeCuda } from './device';
import {
  InferenceCancelled,
  type Device,
  type DeviceSetting,
  type InferenceProgress,
  type InferenceRequest,
  type InferenceResult,
  type InferenceTask,
  type LoadedModelInfo,
  type TokenEntity,
} from './inference-types';
import { FastTextClassifier } from './fasttext-classifier';
import { FASTTEXT_MODEL_TYPE, readModelConfig, taskOfConfig } from './model-folder';
import { resolveModelRef, type ResolvedModel } from './model-ref';
import { loadOrt } from './ort-runtime';
import { RawModel, type RawTensor } from './raw-model';
import { classification, pool } from './task-outputs';
import { TextModel } from './text-model';
import { alignTokens, spansOf, type TokenSpans } from './token-offsets';
import { loadTransformers, type Transformers } from './transformers-runtime';

export interface EngineOptions {
  device?: DeviceSetting;
  allowDownload?: boolean;
  /** Hub download cache (the extension's global storage). */
  cacheDir?: string;
  /** Where Enable GPU Acceleration put the ONNX Runtime copy with CUDA providers. */
  gpuRoot?: string;
  /** Folders whose subfolders are models by name (the extension's models/). */
  searchPaths?: readonly string[];
  /** Relative model paths resolve from here. */
  cwd?: string;
  /** Models unused this long are released (ms); 0 keeps them. Default 5 minutes. */
  idleMs?: number;
  /** Messages for the user (the CUDA fallback), each said once. */
  onMessage?: (message: string) => void;
  /**
   * CPU threads ONNX Runtime may use per model call, and no spin-waiting between operators.
   * Unset: ONNX Runtime's own choice (one busy thread per core), right for the CLI. Workers
   * beside the extension host leave it a core (see `hostFriendlyThreads`).
   */
  threads?: number;
}

export interface RunControl {
  signal?: AbortSignal;
  onProgress?: (p: InferenceProgress) => void;
}

interface Entry {
  key: string;
  task: InferenceTask | 'raw';
  loading: Promise<TextModel | RawModel | FastTextClassifier>;
  device?: Device;
  users: number;
  loadedAt: number;
  lastUsed: number;
}

const DEFAULT_BATCH = 16;
const DEFAULT_IDLE_MS = 5 * 60_000;

/**
 * Runs models on text: one loaded copy per model shared by every caller in this thread,
 * batches with dynamic padding, progress, cooperative cancellation between batches, CUDA with
 * one fallback to CPU, and idle models released after a while. Meant to run in a worker
 * thread (or the CLI's process), never on the extension host's main thread.
 */
export class InferenceEngine {
  private readonly entries = new Map<string, Entry>();
  private tf: Transformers | undefined;
  private cudaFailed = false;
  private lastDevice: Device | undefined;
  private readonly said = new Set<string>();
  private idleTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: EngineOptions = {}) {
    const idle = options.idleMs ?? DEFAULT_IDLE_MS;
    if (idle > 0) {
      this.idleTimer = setInterval(() => void this.releaseIdle(), Math.max(1000, idle / 4));
      this.idleTimer.unref?.();
    }
  }

  /** The device the last loaded model runs on. */
  get device(): Device | undefined {
    return this.lastDevice;
  }

  /** Loaded models (and models being loaded) with their users. */
  loaded(): LoadedModelInfo[] {
    return [...this.entries.values()]
      .filter((e) => e.task !== 'raw')
      .map((e) => ({ model: e.key, task: e.task as InferenceTask, device: e.device ?? 'cpu', users: e.users, loadedAt: e.loadedAt, lastUsed: e.lastUsed }));
  }

  /** Resolves a model reference the way `run` will (no network). */
  resolve(model: string): ResolvedModel {
    return resolveModelRef(model, {
      allowDownload: this.options.allowDownload ?? false,
      ...(this.options.cacheDir ? { cacheDir: this.options.cacheDir } : {}),
      ...(this.options.searchPaths ? { searchPaths: this.options.searchPaths } : {}),
      ...(this.options.cwd ? { cwd: this.options.cwd } : {}),
    });
  }

  /** The task of a model: the request's, else what its config.json's architecture implies. */
  taskOf(resolved: ResolvedModel, requested?: InferenceTask): InferenceTask {
    if (requested) return requested;
    if (resolved.kind === 'folder') {
      const task = taskOfConfig(readModelConfig(resolved.folder));
      if (task) return task;
      throw new Error(`${resolved.folder}: config.json names no architecture this engine runs; pass the task`);
    }
    throw new Error(`the task of ${resolved.kind === 'hub' ? resolved.hubId : resolved.file} is unknown; pass the task`);
  }

  /** Runs a text model on every input; results come back in input order. */
  async run(request: InferenceRequest, control: RunControl = {}): Promise<InferenceResult[]> {
    const resolved = this.resolve(request.model);
    if (resolved.kind === 'onnx') throw new Error(`${resolved.file} is a bare ONNX file: use a model folder with config.json and tokenizer files for text tasks`);
    const task = this.taskOf(resolved, request.task);
    const entry = this.acquire(resolved, task);
    try {
      const model = (await entry.loading) as TextModel | FastTextClassifier;
      if (request.inputs.length === 0) return [];
      const size = request.batchSize ?? DEFAULT_BATCH;
      if (model instanceof FastTextClassifier) {
        if (task !== 'text-classification') throw new Error(`${request.model}: a builtin fastText classifier does text-classification, not ${task}`);
        return await this.fastText(model, request, size, control);
      }
      if (task === 'token-classification') return await this.entities(model, request, size, control);
      return await this.sequences(model, request, size, control);
    } finally {
      this.release(entry);
    }
  }

  /** Runs an ONNX file the project wrote itself with raw tensors (no tokenizer). */
  async runRaw(file: string, feeds: Record<string, RawTensor>): Promise<Record<string, RawTensor>> {
    const resolved = this.resolve(file);
    if (resolved.kind !== 'onnx') throw new Error(`${file}: raw sessions take an .onnx file`);
    const entry = this.acquire(resolved, 'raw');
    try {
      return await ((await entry.loading) as RawModel).run(feeds);
    } finally {
      this.release(entry);
    }
  }

  /** Releases models nobody used for `idleMs`; returns how many. */
  async releaseIdle(now = Date.now()): Promise<number> {
    const idle = this.options.idleMs ?? DEFAULT_IDLE_MS;
    let released = 0;
    for (const entry of [...this.entries.values()]) {
      if (entry.users === 0 && idle > 0 && now - entry.lastUsed >= idle) {
        this.entries.delete(entry.key);
        released++;
        await entry.loading.then((m) => m.dispose()).catch(() => undefined);
      }
    }
    return released;
  }

  /** Releases every model; callers must have finished (cancel first, then dispose). */
  async dispose(): Promise<void> {
    if (this.idleTimer) clearInterval(this.idleTimer);
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.loading.then((m) => m.dispose()).catch(() => undefined)));
  }

  private say(message: string): void {
    if (this.said.has(message)) return;
    this.said.add(message);
    this.options.onMessage?.(message);
  }

  private acquire(resolved: ResolvedModel, task: InferenceTask | 'raw'): Entry {
    const key = `${resolved.key}|${task}`;
    let entry = this.entries.get(key);
    if (!entry) {
      const now = Date.now();
      const created: Entry = { key, task, users: 0, loadedAt: now, lastUsed: now, loading: undefined as never };
      created.loading = this.load(resolved, task, created);
      // A failed load is not cached: the next request tries again (e.g. after fixing the folder).
      created.loading.catch(() => {
        if (this.entries.get(key) === created) this.entries.delete(key);
      });
      this.entries.set(key, created);
      entry = created;
    }
    entry.users++;
    return entry;
  }

  private release(entry: Entry): void {
    entry.users--;
    entry.lastUsed = Date.now();
  }

  /** Loads on the first device that works: CUDA when asked for or available, then CPU once. */
  private async load(resolved: ResolvedModel, task: InferenceTask | 'raw', entry: Entry): Promise<TextModel | RawModel | FastTextClassifier> {
    const setting = this.options.device ?? 'auto';
    const runtime = loadOrt(this.options.gpuRoot);
    const probe = probeCuda(runtime.binaryDir);
    const devices = this.cudaFailed ? (['cpu'] as Device[]) : devicesToTry(setting, probe);
    if (this.cudaFailed && setting !== 'cpu') this.say(cudaFallbackMessage(setting, probe));
    let lastError: Error | undefined;
    const fastText = resolved.kind === 'folder' && task !== 'raw' ? fastTextConfig(resolved.folder) : undefined;
    for (const device of devices) {
      try {
        const model =
          task === 'raw'
            ? await RawModel.load(runtime.ort, (resolved as { file: string }).file, device, this.options.threads)
            : fastText
              ? await FastTextClassifier.load(runtime.ort, (resolved as { folder: string }).folder, fastText, device, this.options.threads)
              : await TextModel.load(
                this.transformers(),
                resolved.kind === 'hub' ? resolved.hubId : (resolved as { folder: string }).folder,
                resolved.kind === 'folder' ? resolved.folder : undefined,
                task,
                device,
                this.options.allowDownload ?? false,
                this.options.threads,
              );
        entry.device = device;
        this.lastDevice = device;
        return model;
      } catch (err) {
        lastError = err as Error;
        if (device !== 'cuda') break;
        this.cudaFailed = true;
        this.say(cudaFallbackMessage(setting, probe, lastError));
      }
    }
    throw lastError ?? new Error('no device to run on');
  }

  private transformers(): Transformers {
    this.tf ??= loadTransformers(
      { allowDownload: this.options.allowDownload ?? false, ...(this.options.cacheDir ? { cacheDir: this.options.cacheDir } : {}) },
      this.options.gpuRoot,
    );
    return this.tf;
  }

  /** Text classification and feature extraction: one sequence per input, truncated to the model's maximum. */
  private async sequences(model: TextModel, request: InferenceRequest, size: number, control: RunControl): Promise<InferenceResult[]> {
    const tf = this.transformers();
    const rows = request.inputs.map((text) => {
      const ids = model.encode(text).ids;
      return ids.length > model.maxTokens ? [...ids.slice(0, model.maxTokens - 1), ids[ids.length - 1]!] : ids;
    });
    const results: InferenceResult[] = new Array(rows.length);
    let done = 0;
    for (const batch of lengthSortedBatches(rows.map((r) => r.length), size)) {
      await checkpoint(control.signal);
      const batchRows = batch.indices.map((i) => rows[i]!);
      const { ids, mask, width } = padRows(batchRows, model.padId);
      const out = await model.forward(tf, ids, mask, batchRows.length, width);
      batch.indices.forEach((input, r) => {
        if (model.task === 'text-classification') {
          const classes = out.dims[out.dims.length - 1]!;
          results[input] = classification(out.data.subarray(r * classes, (r + 1) * classes), model.labels, model.multiLabel);
        } else {
          const hidden = out.dims[2]!;
          results[input] = pool(out.data, r, width, hidden, batchRows[r]!.length, request.pooling ?? 'mean', request.normalize ?? true);
        }
      });
      done += batch.indices.length;
      control.onProgress?.({ done, total: rows.length });
    }
    return results;
  }

  /** The builtin trainer's models: featurised texts in input order, batch by batch. */
  private async fastText(model: FastTextClassifier, request: InferenceRequest, size: number, control: RunControl): Promise<InferenceResult[]> {
    const results: InferenceResult[] = [];
    for (let start = 0; start < request.inputs.length; start += size) {
      await checkpoint(control.signal);
      results.push(...(await model.classify(request.inputs.slice(start, start + size))));
      control.onProgress?.({ done: results.length, total: request.inputs.length });
    }
    return results;
  }

  /** Token classification: long inputs are split into windows, entities are mapped back to input offsets. */
  private async entities(model: TextModel, request: InferenceRequest, size: number, control: RunControl): Promise<TokenEntity[][]> {
    const tf = this.transformers();
    const inner = model.maxTokens - 2;
    const pieces: Array<{ input: number; base: number; text: string; ids: number[]; tokens: string[]; spans?: TokenSpans }> = [];
    request.inputs.forEach((text, input) => {
      const enc = model.encode(text);
      if (enc.ids.length <= model.maxTokens) {
        pieces.push({ input, base: 0, text, ...enc });
        return;
      }
      const offsets = alignTokens(text, enc.tokens, model.spelling).filter((o): o is NonNullable<typeof o> => o !== undefined);
      for (const w of windowsOf(text.length, offsets, inner)) {
        const sub = text.slice(w.start, w.end);
        const e = model.encode(sub);
        // A window can still be too long when alignment missed tokens: cut it hard.
        const ids = e.ids.length > model.maxTokens ? [...e.ids.slice(0, model.maxTokens - 1), e.ids[e.ids.length - 1]!] : e.ids;
        const tokens = e.tokens.length > model.maxTokens ? [...e.tokens.slice(0, model.maxTokens - 1), e.tokens[e.tokens.length - 1]!] : e.tokens;
        // A window cut hard is aligned again (its spans are the uncut tokens').
        pieces.push({ input, base: w.start, text: sub, ids, tokens, ...(e.spans && tokens.length === e.tokens.length ? { spans: e.spans } : {}) });
      }
    });
    const results: TokenEntity[][] = request.inputs.map(() => []);
    const remaining = new Map<number, number>();
    for (const p of pieces) remaining.set(p.input, (remaining.get(p.input) ?? 0) + 1);
    let done = 0;
    const labels = model.labels;
    const strategy = request.aggregation ?? 'first';
    for (const batch of lengthSortedBatches(pieces.map((p) => p.ids.length), size)) {
      await checkpoint(control.signal);
      const batchPieces = batch.indices.map((i) => pieces[i]!);
      const { ids, mask, width } = padRows(batchPieces.map((p) => p.ids), model.padId);
      const out = await model.forward(tf, ids, mask, batchPieces.length, width);
      const classes = out.dims[2]!;
      const names = Array.from({ length: classes }, (_, c) => labels[c] ?? `LABEL_${c}`);
      const outside = Uint8Array.from(names, (n) => (n === 'O' ? 1 : 0)); // aggregateLabelled's default ignore list
      batchPieces.forEach((piece, r) => {
        const spans = piece.spans ?? spansOf(alignTokens(piece.text, piece.tokens, model.spelling));
        const tokens = labelTokens(out.data, r * width * classes, piece.ids.length, classes, spans, outside);
        for (const e of aggregateLabelled(tokens, names, strategy)) {
          results[piece.input]!.push({ ...e, start: e.start + piece.base, end: e.end + piece.base });
        }
        const left = remaining.get(piece.input)! - 1;
        remaining.set(piece.input, left);
        if (left === 0) done++;
      });
      control.onProgress?.({ done, total: request.inputs.length });
    }
    for (const list of results) list.sort((a, b) => a.start - b.start);
    return results;
  }
}

/**
 * Per token of one row of logits: the best label and its softmax probability (as `bestClass`,
 * written out over the flat logits so that no array is made per token). Tokens whose best label
 * is ignored (`skip`: O) get no probability: aggregation never reads it, and they are most tokens.
 */
function labelTokens(logits: Float32Array, base: number, count: number, classes: number, spans: TokenSpans, skip: Uint8Array): LabelledSpans {
  const label = new Int32Array(count);
  const score = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    if (spans.start[t]! < 0) continue; // no place in the text: never part of an entity
    const at = base + t * classes;
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[at + c]! > logits[at + best]!) best = c;
    label[t] = best;
    if (skip[best]) continue;
    const top = logits[at + best]!;
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[at + c]! - top);
    score[t] = 1 / sum;
  }
  return { label, score, spans };
}

/** Gives the thread's event loop a turn (a cancel message may be waiting), then honours the signal. */
async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  await nextTurn();
  if (signal?.aborted) throw new InferenceCancelled();
}

/** config.json of a builtin fastText model folder, else undefined. */
function fastTextConfig(folder: string): Parameters<typeof FastTextClassifier.load>[2] | undefined {
  const config = readModelConfig(folder) as { model_type?: string };
  return config.model_type === FASTTEXT_MODEL_TYPE ? (config as Parameters<typeof FastTextClassifier.load>[2]) : undefined;
}
