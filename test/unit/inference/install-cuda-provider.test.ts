import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { installCudaProvider, PROVIDER_ENTRIES } from '../../../src/core/inference/gpu/install-cuda-provider';
import { bundledOrt, gpuCopyPackageDir, packageDirOf } from '../../../src/core/inference/ort-runtime';
import { blockNetwork } from './block-network';

const ort = bundledOrt();
const common = packageDirOf('onnxruntime-common', [ort.packageDir]);

function options(gpuRoot: string, confirm: () => Promise<boolean>, fetchImpl?: typeof fetch) {
  return { gpuRoot, version: ort.version, bundledPackageDir: ort.packageDir, bundledCommonDir: common, confirm, platform: 'linux-x64', ...(fetchImpl ? { fetch: fetchImpl } : {}) };
}

/** A minimal zip writer (stored and deflated entries), written for this test only. */
function zip(files: Array<{ name: string; data: Buffer; deflate: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const body = f.deflate ? deflateRawSync(f.data) : f.data;
    const name = Buffer.from(f.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(f.deflate ? 8 : 0, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(f.deflate ? 8 : 0, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

test('nothing is fetched without consent', async () => {
  const root = mkdtempSync(join(tmpdir(), 'rml-gpu-'));
  const fetched: string[] = [];
  try {
    const outcome = await installCudaProvider(options(root, async () => false, (async (url: string) => {
      fetched.push(url);
      throw new Error('unexpected');
    }) as unknown as typeof fetch));
    assert.deepEqual(outcome, { installed: false, reason: 'declined' });
    assert.deepEqual(fetched, []);
    assert.deepEqual(readdirSync(root), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('offline (network blocked): a clear message, and nothing is left in storage', async () => {
  const root = mkdtempSync(join(tmpdir(), 'rml-gpu-'));
  const net = blockNetwork();
  try {
    await assert.rejects(installCudaProvider(options(root, async () => true)), (err: Error) => {
      assert.match(err.message, /^Could not download the ONNX Runtime CUDA provider \(microsoft\.ml\.onnxruntime\.gpu\.linux 1\.30\.0\) from api\.nuget\.org \(.*\)\. GPU acceleration needs a network connection once/);
      return true;
    });
    assert.ok(net.attempts.length >= 1, 'the download was attempted');
    assert.deepEqual(readdirSync(root), []);
    assert.equal(gpuCopyPackageDir(root, ort.version), undefined);
  } finally {
    net.restore();
    rmSync(root, { recursive: true, force: true });
  }
});

test('with the package served: the copy of onnxruntime-node gets the provider files beside its binary', async () => {
  const root = mkdtempSync(join(tmpdir(), 'rml-gpu-'));
  try {
    const payload = PROVIDER_ENTRIES.map((f, i) => ({ name: `runtimes/linux-x64/native/${f}`, data: Buffer.from(`${f} `.repeat(200 + i)), deflate: i !== 1 }));
    const nupkg = zip([{ name: '[Content_Types].xml', data: Buffer.from('<xml/>'), deflate: true }, ...payload]);
    const fakeFetch = (async (url: string) => {
      if (url.endsWith('index.json')) return new Response(JSON.stringify({ resources: [{ '@id': 'https://example.invalid/flat/', '@type': 'PackageBaseAddress/3.0.0' }] }));
      assert.equal(url, `https://example.invalid/flat/microsoft.ml.onnxruntime.gpu.linux/${ort.version}/microsoft.ml.onnxruntime.gpu.linux.${ort.version}.nupkg`);
      return new Response(nupkg, { headers: { 'content-length': String(nupkg.length) } });
    }) as unknown as typeof fetch;
    const outcome = await installCudaProvider(options(root, async () => true, fakeFetch));
    assert.equal(outcome.installed, true);
    const pkgDir = gpuCopyPackageDir(root, ort.version);
    assert.ok(pkgDir, 'the copy is recognised as complete');
    const bin = join(pkgDir!, 'bin', 'napi-v6', 'linux', 'x64');
    for (const p of payload) assert.deepEqual(readFileSync(join(bin, p.name.split('/').pop()!)), p.data);
    assert.ok(existsSync(join(bin, 'libonnxruntime.so.1')));
    assert.ok(existsSync(join(root, ort.version, 'node_modules', 'onnxruntime-common', 'package.json')));
    assert.deepEqual(readdirSync(root).filter((f) => f.startsWith('.staging')), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
