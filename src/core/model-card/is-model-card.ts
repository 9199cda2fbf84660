import { basename } from 'node:path';

/** Front matter keys only a model card has (a plain README has none of them). */
const CARD_KEYS = /^(model-index|base_model|pipeline_tag|library_name)\s*:/m;

/** Files that mark a folder as holding a model. */
const MODEL_FILE = /^(config\.json|tokenizer\.json|pytorch_model\.bin|model\.safetensors|.+\.(safetensors|onnx|gguf)|onnx)$/i;

/** True for `*.modelcard.md`; a README.md needs a look at its text or folder (see looksLikeModelCard). */
export function isModelCardName(path: string): boolean {
  return /\.modelcard\.md$/i.test(path);
}

/** True for a README.md that may be a model card (cheap name test before reading anything). */
export function isReadmeName(path: string): boolean {
  return basename(path).toLowerCase() === 'readme.md';
}

/**
 * Decides whether a Markdown file is a model card: `*.modelcard.md` always; a README.md when its
 * front matter has a model-card key (model-index, base_model, pipeline_tag, library_name) or
 * its folder holds model files (config.json, *.safetensors, *.onnx, …).
 */
export function looksLikeModelCard(path: string, text: string, siblings: string[] = []): boolean {
  if (isModelCardName(path)) return true;
  if (!isReadmeName(path)) return false;
  if (/^---\r?\n/.test(text)) {
    const end = text.search(/\r?\n---[ \t]*(\r?\n|$)/);
    if (end !== -1 && CARD_KEYS.test(text.slice(0, end))) return true;
  }
  return siblings.some((s) => MODEL_FILE.test(s));
}
