import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { installModuleRedirects } from './module-redirects';

/** The parts of onnxruntime-node the engine uses (typed loosely: the package is loaded at run time). */
export type Ort = typeof import('onnxruntime-node');

/** The CUDA execution provider's files, which ONNX Runtime loads from beside libonnxruntime.so.1. */
export const CUDA_PROVIDER_FILES = ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_shared.so'] as const;

/** Which ONNX Runtime the engine loaded. */
export interface OrtRuntime {
  ort: Ort;
  version: string;
  /** The package folder it came from. */
  packageDir: string;
  /** The folder holding libonnxruntime.so.1 (and the CUDA providers when installed). */
  binaryDir: string;
  /** 'gpu-copy': the copy in the extension's storage made by Enable GPU Acceleration. */
  source: 'bundled' | 'gpu-copy';
}

let loaded: OrtRuntime | undefined;

function binaryDirOf(packageDir: string): string {
  return join(packageDir, 'bin', 'napi-v6', process.platform, process.arch);
}

/** True when the CUDA provider libraries sit beside the ONNX Runtime binary in `binaryDir`. */
export function hasCudaProvider(binaryDir: string): boolean {
  return CUDA_PROVIDER_FILES.every((f) => existsSync(join(binaryDir, f)));
}

/** The onnxruntime-node package inside a GPU copy folder (see gpu/install-cuda-provider.ts), if complete. */
export function gpuCopyPackageDir(gpuRoot: string | undefined, version: string): string | undefined {
  if (!gpuRoot) return undefined;
  const dir = join(gpuRoot, version, 'node_modules', 'onnxruntime-node');
  return existsSync(join(dir, 'package.json')) && hasCudaProvider(binaryDirOf(dir)) ? dir : undefined;
}

/** The folder of an installed package (works for packages whose exports hide package.json). */
export function packageDirOf(name: string, paths?: string[]): string {
  for (let dir = dirname(require.resolve(name, paths ? { paths } : undefined)); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === name) return dir;
    if (dir === dirname(dir)) throw new Error(`cannot find the folder of ${name}`);
  }
}

/** The bundled onnxruntime-node's folder and version (resolved, not loaded). */
export function bundledOrt(): { packageDir: string; version: string } {
  const pkg = require.resolve('onnxruntime-node/package.json');
  return { packageDir: dirname(pkg), version: (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version };
}

/**
 * Loads ONNX Runtime once per thread: the GPU copy in `gpuRoot` when one is installed for the
 * bundled version, else the bundled package. Installs the module redirects first so that
 * transformers.js, loaded later, gets the same copy.
 */
export function loadOrt(gpuRoot?: string): OrtRuntime {
  if (loaded) return loaded;
  const bundled = bundledOrt();
  const copy = gpuCopyPackageDir(gpuRoot, bundled.version);
  if (copy) {
    installModuleRedirects({
      'onnxruntime-node': require.resolve(copy),
      'onnxruntime-common': require.resolve('onnxruntime-common', { paths: [copy] }),
    });
  } else {
    installModuleRedirects();
  }
  const packageDir = copy ?? bundled.packageDir;
  // A literal require of the bundled package: scripts/package.mjs ships what the bundles require.
  const ort = (copy ? require(require.resolve(copy)) : require('onnxruntime-node')) as Ort;
  loaded = { ort, version: bundled.version, packageDir, binaryDir: binaryDirOf(packageDir), source: copy ? 'gpu-copy' : 'bundled' };
  return loaded;
}
