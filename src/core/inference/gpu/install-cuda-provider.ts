import { createWriteStream, existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { extractZipEntries } from './zip-entries';

/** What a user needs besides the download, shown before asking. */
export const CUDA_REQUIREMENTS = 'an NVIDIA GPU with its driver, CUDA 12 and cuDNN 9 on the library path (LD_LIBRARY_PATH)';

export const NUGET_INDEX = 'https://api.nuget.org/v3/index.json';
export const GPU_PACKAGE = 'microsoft.ml.onnxruntime.gpu.linux';
/** The provider libraries inside the NuGet package, put beside libonnxruntime.so.1. */
export const PROVIDER_ENTRIES = ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_shared.so', 'libonnxruntime_providers_tensorrt.so'];

export interface CudaInstallOptions {
  /** Folder in the extension's storage; the copy goes to <gpuRoot>/<version>/node_modules/. */
  gpuRoot: string;
  /** The bundled onnxruntime-node version (the provider must match it exactly). */
  version: string;
  bundledPackageDir: string;
  bundledCommonDir: string;
  /** Asked before anything is fetched; false stops here. */
  confirm: () => Promise<boolean>;
  fetch?: typeof fetch;
  onProgress?: (message: string, fraction?: number) => void;
  signal?: AbortSignal;
  platform?: string;
}

export type CudaInstallOutcome = { installed: true; binaryDir: string } | { installed: false; reason: 'declined' };

function downloadError(what: string, err: unknown): Error {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (err as Error).message;
  return new Error(`Could not download ${what} from api.nuget.org (${detail}). GPU acceleration needs a network connection once; check the connection or proxy and try again. Nothing was changed.`);
}

/**
 * "Enable GPU Acceleration (CUDA)": after the user agrees, copies the bundled onnxruntime-node
 * into the extension's storage and adds the CUDA provider libraries of the same version from
 * the NuGet package microsoft.ml.onnxruntime.gpu.linux (ONNX Runtime loads providers only from
 * beside its own binary). The copy is assembled in a temp folder and moved into place whole, so
 * a failed or cancelled download leaves nothing behind.
 */
export async function installCudaProvider(options: CudaInstallOptions): Promise<CudaInstallOutcome> {
  const platform = options.platform ?? `${process.platform}-${process.arch}`;
  if (platform !== 'linux-x64') throw new Error(`GPU acceleration through the CUDA provider is available on Linux x64 only (this is ${platform}).`);
  if (!(await options.confirm())) return { installed: false, reason: 'declined' };
  const doFetch = options.fetch ?? globalThis.fetch;
  const what = `the ONNX Runtime CUDA provider (${GPU_PACKAGE} ${options.version})`;
  await mkdir(options.gpuRoot, { recursive: true });
  const staging = await mkdtemp(join(options.gpuRoot, '.staging-'));
  try {
    options.onProgress?.('Looking up the NuGet package…');
    let base: string;
    try {
      const index = (await (await doFetch(NUGET_INDEX, { signal: options.signal ?? null })).json()) as { resources: Array<{ '@id': string; '@type': string }> };
      base = index.resources.find((r) => r['@type'].startsWith('PackageBaseAddress'))?.['@id'] ?? 'https://api.nuget.org/v3-flatcontainer/';
    } catch (err) {
      throw downloadError(what, err);
    }
    const v = options.version.toLowerCase();
    const url = `${base.replace(/\/?$/, '/')}${GPU_PACKAGE}/${v}/${GPU_PACKAGE}.${v}.nupkg`;
    const nupkg = join(staging, 'package.nupkg');
    try {
      const res = await doFetch(url, { signal: options.signal ?? null });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const total = Number(res.headers.get('content-length') ?? 0);
      let received = 0;
      const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
      body.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (total) options.onProgress?.(`Downloading ${Math.round(received / 1048576)} of ${Math.round(total / 1048576)} MB…`, received / total);
      });
      await pipeline(body, createWriteStream(nupkg));
    } catch (err) {
      throw downloadError(what, err);
    }
    options.onProgress?.('Installing…');
    const modules = join(staging, 'copy', 'node_modules');
    const ortDir = join(modules, 'onnxruntime-node');
    const binDir = join('bin', 'napi-v6', 'linux', 'x64');
    await cp(join(options.bundledPackageDir, 'package.json'), join(ortDir, 'package.json'));
    await cp(join(options.bundledPackageDir, 'dist'), join(ortDir, 'dist'), { recursive: true });
    await cp(join(options.bundledPackageDir, binDir), join(ortDir, binDir), { recursive: true });
    await cp(options.bundledCommonDir, join(modules, 'onnxruntime-common'), { recursive: true });
    await extractZipEntries(nupkg, new Map(PROVIDER_ENTRIES.map((f) => [`runtimes/linux-x64/native/${f}`, join(ortDir, binDir, f)])));
    await writeFile(join(staging, 'copy', 'installed.json'), JSON.stringify({ package: GPU_PACKAGE, version: options.version, from: url }, null, 2));
    const target = join(options.gpuRoot, options.version);
    if (existsSync(target)) await rm(target, { recursive: true, force: true });
    await mkdir(dirname(target), { recursive: true });
    await rename(join(staging, 'copy'), target);
    return { installed: true, binaryDir: join(target, 'node_modules', 'onnxruntime-node', binDir) };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
