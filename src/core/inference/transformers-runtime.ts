import { loadOrt } from './ort-runtime';

/** transformers.js, loaded at run time (an external of the bundles). */
export type Transformers = typeof import('@huggingface/transformers');

let tf: Transformers | undefined;

/** Where models come from: local folders always; the Hub only when downloads are allowed. */
export interface HubSettings {
  allowDownload: boolean;
  /** Hub downloads are cached here (the extension's global storage, or ~/.cache for the CLI). */
  cacheDir?: string;
}

/**
 * Loads transformers.js after ONNX Runtime (so both use the same copy, see module-redirects.ts)
 * and points it at our cache. With downloads off no network call is made: remote models are
 * disabled and a hub id resolves only inside the cache folder.
 */
export function loadTransformers(hub: HubSettings, gpuRoot?: string): Transformers {
  loadOrt(gpuRoot);
  if (!tf) {
    tf = require('@huggingface/transformers') as Transformers;
    // ONNX Runtime's logger prints every failed provider load to stderr, and transformers.js
    // warns on stderr too; the engine reports what matters (a CUDA fallback) once, in words,
    // and every failure reaches the caller as an error.
    tf.env.logLevel = tf.LogLevel.NONE;
  }
  configureHub(tf, hub);
  return tf;
}

/** Applies the hub settings to transformers.js's global env. */
export function configureHub(lib: Transformers, hub: HubSettings): void {
  const env = lib.env;
  env.allowLocalModels = true;
  env.allowRemoteModels = hub.allowDownload;
  env.useBrowserCache = false;
  env.useFSCache = Boolean(hub.cacheDir);
  // A hub id is looked up as <localModelPath>/<owner>/<name> before any download, and the file
  // cache stores downloads under the same relative path: one folder serves both.
  env.cacheDir = hub.cacheDir ?? null;
  env.localModelPath = hub.cacheDir ?? '/nonexistent-rml-model-path/';
  // transformers.js keeps the fetch it found when it loaded; ours refuses outright while
  // downloads are off (no request can slip through), and looks up the global fetch late.
  env.fetch = hub.allowDownload
    ? (input: string | URL, init?: unknown) => globalThis.fetch(input, init as RequestInit)
    : async (input: string | URL) => {
        throw new Error(`Downloading ${String(input)} refused: downloads from the Hugging Face Hub are off`);
      };
}
