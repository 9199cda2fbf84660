import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadOrCreateSalt } from '../../../src/core/anonymize/workspace-salt';

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'rml-salt-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadOrCreateSalt', () => {
  it('creates a 0600 salt file once and reads the same salt afterwards', async () => {
    const stateDir = join(root, 'ws1', '.responsible-ml');
    const created = await loadOrCreateSalt(stateDir, {});
    assert.equal(created.source, 'created');
    assert.match(created.salt, /^[0-9a-f]{64}$/);
    assert.equal(created.path, join(stateDir, 'salt'));
    if (process.platform !== 'win32') assert.equal((await stat(created.path!)).mode & 0o777, 0o600);
    const again = await loadOrCreateSalt(stateDir, {});
    assert.equal(again.source, 'file');
    assert.equal(again.salt, created.salt);
    assert.equal(again.warning, undefined);
    assert.deepEqual(await readdir(stateDir), ['salt'], 'no temp file left behind');
  });

  it('gives every concurrent caller the same salt', async () => {
    const stateDir = join(root, 'ws2', '.responsible-ml');
    const results = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSalt(stateDir, {})));
    assert.equal(new Set(results.map((r) => r.salt)).size, 1);
    assert.equal((await readFile(join(stateDir, 'salt'), 'utf8')).trim(), results[0].salt);
  });

  it('prefers RML_SALT and rejects a short one', async () => {
    const stateDir = join(root, 'ws3');
    const fromEnv = await loadOrCreateSalt(stateDir, { RML_SALT: 'ci-secret-0123456789abcdef' });
    assert.deepEqual(fromEnv, { salt: 'ci-secret-0123456789abcdef', source: 'env' });
    await assert.rejects(loadOrCreateSalt(stateDir, { RML_SALT: 'short' }), /RML_SALT is too short/);
  });

  it('names the file when the salt file is unusable, and warns when others can read it', async () => {
    const stateDir = join(root, 'ws4');
    await loadOrCreateSalt(stateDir, {});
    const path = join(stateDir, 'salt');
    if (process.platform !== 'win32') {
      await chmod(path, 0o644);
      assert.match((await loadOrCreateSalt(stateDir, {})).warning ?? '', /readable by other users/);
    }
    await writeFile(path, '  \n');
    await assert.rejects(loadOrCreateSalt(stateDir, {}), (e: Error) => e.message.includes(path));
  });
});
