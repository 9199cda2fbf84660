import Module from 'node:module';
import { join } from 'node:path';

/**
 * Redirects the `require()`s of the inference stack, once per thread (every worker thread has
 * its own module loader):
 *
 * - `sharp`: transformers.js requires it when it loads, even for text, but only calls it for
 *   images. The VSIX does not ship it (a native image library of ~20 MB per platform), so the
 *   require resolves to a stub that throws if an image is ever decoded.
 * - `onnxruntime-node` / `onnxruntime-common`: when the user enabled GPU acceleration, to the
 *   copy in the extension's storage whose folder also holds the CUDA provider libraries (ONNX
 *   Runtime loads providers only from beside its own binary). Every module, transformers.js
 *   included, then shares that one copy: a process can hold only one `libonnxruntime.so.1`.
 *
 * Node has no public hook for CommonJS resolution that works in a bundled worker on Node 20, so
 * this wraps `Module._resolveFilename`, as module-alias and tsconfig-paths do.
 */
const SHARP_STUB_ID = join('/', '__rml_virtual__', 'sharp-stub.js');

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
  _cache: Record<string, unknown>;
}

let installed: Map<string, string> | undefined;

function sharpStub(): unknown {
  const stub = function sharp(): never {
    throw new Error('Image input is not supported: the image library (sharp) is not shipped with Responsible ML.');
  };
  return Object.assign(stub, { default: stub, __esModule: true });
}

/** Installs the redirects; `packages` maps a package name to the absolute file to load instead. */
export function installModuleRedirects(packages: Record<string, string> = {}): void {
  const internals = Module as unknown as ModuleInternals;
  if (!installed) {
    installed = new Map();
    const m = new Module(SHARP_STUB_ID);
    m.filename = SHARP_STUB_ID;
    m.loaded = true;
    m.exports = sharpStub();
    internals._cache[SHARP_STUB_ID] = m;
    const original = internals._resolveFilename;
    const redirects = installed;
    internals._resolveFilename = function resolveWithRedirects(this: unknown, request: string, parent: unknown, ...rest: unknown[]): string {
      if (request === 'sharp') return SHARP_STUB_ID;
      const target = redirects.get(request);
      return target ?? original.call(this, request, parent, ...rest);
    };
  }
  for (const [name, file] of Object.entries(packages)) installed.set(name, file);
}

/** Where a package name is redirected, if it is. */
export function redirectOf(name: string): string | undefined {
  return installed?.get(name);
}
