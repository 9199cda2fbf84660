import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { InferenceTask } from './inference-types';

/** The `model_type` the builtin fastText-style trainer writes into config.json. */
export const FASTTEXT_MODEL_TYPE = 'rml-fasttext';

/** The ONNX file (relative to `folder`) the engine loads: fp32 when present, else the quantized one. */
export function onnxFileOf(folder: string): string | undefined {
  for (const name of ['model.onnx', 'model_quantized.onnx']) {
    if (existsSync(join(folder, 'onnx', name))) return join('onnx', name);
  }
  return undefined;
}

/** What the Models view and `rml infer` show about a model folder. */
export interface ModelInfo {
  /** Folder name (`pii-ner`) or hub id (`owner/name`) for cached downloads. */
  name: string;
  folder: string;
  source: 'shipped' | 'user' | 'cache' | 'run';
  /** Undefined when config.json names no architecture we run. */
  task?: InferenceTask;
  labels: string[];
  modelType?: string;
  /** Bytes of every file in the folder. */
  sizeBytes: number;
  /** README.md (the Hugging Face model card), when present. */
  card?: string;
}

interface ModelConfig {
  architectures?: string[];
  model_type?: string;
  id2label?: Record<string, string>;
}

/** The task a config.json's architecture implies: *ForTokenClassification → token-classification, and so on. */
export function taskOfConfig(config: ModelConfig): InferenceTask | undefined {
  // The builtin trainer's models (fasttext-classifier.ts) classify text.
  if (config.model_type === FASTTEXT_MODEL_TYPE) return 'text-classification';
  const arch = config.architectures?.[0] ?? '';
  if (arch.endsWith('ForTokenClassification')) return 'token-classification';
  if (arch.endsWith('ForSequenceClassification')) return 'text-classification';
  if (arch.endsWith('Model') || (!arch && config.model_type)) return 'feature-extraction';
  return undefined;
}

/** Reads config.json of a model folder, with the file in any error. */
export function readModelConfig(folder: string): ModelConfig {
  const file = join(folder, 'config.json');
  if (!existsSync(file)) throw new Error(`${folder} is not a model folder: it has no config.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ModelConfig;
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

function folderSize(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    total += e.isDirectory() ? folderSize(full) : statSync(full).size;
  }
  return total;
}

/** Describes one model folder (config.json, labels, size, card). */
export function describeModel(folder: string, source: ModelInfo['source'], name = basename(folder)): ModelInfo {
  const config = readModelConfig(folder);
  const id2label = config.id2label ?? {};
  const task = taskOfConfig(config);
  const card = join(folder, 'README.md');
  return {
    name,
    folder,
    source,
    ...(task ? { task } : {}),
    labels: Object.keys(id2label)
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => id2label[k]!),
    ...(config.model_type ? { modelType: config.model_type } : {}),
    sizeBytes: folderSize(folder),
    ...(existsSync(card) ? { card } : {}),
  };
}

/**
 * Every model folder under the roots: direct subfolders with a config.json, and for the
 * download cache `owner/name` folders. Unreadable entries are skipped with a note in `problems`.
 */
export function listModels(roots: ReadonlyArray<{ dir: string; source: ModelInfo['source'] }>): { models: ModelInfo[]; problems: string[] } {
  const models: ModelInfo[] = [];
  const problems: string[] = [];
  const visit = (folder: string, source: ModelInfo['source'], name: string): void => {
    try {
      models.push(describeModel(folder, source, name));
    } catch (err) {
      problems.push((err as Error).message);
    }
  };
  for (const { dir, source } of roots) {
    if (!existsSync(dir)) continue;
    if (existsSync(join(dir, 'config.json'))) {
      visit(dir, source, basename(dir));
      continue;
    }
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const sub = join(dir, e.name);
      if (existsSync(join(sub, 'config.json'))) visit(sub, source, e.name);
      else if (source === 'cache') {
        for (const inner of readdirSync(sub, { withFileTypes: true })) {
          if (inner.isDirectory() && existsSync(join(sub, inner.name, 'config.json'))) visit(join(sub, inner.name), source, `${e.name}/${inner.name}`);
        }
      }
    }
  }
  return { models, problems };
}
