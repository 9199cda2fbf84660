import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { build } from 'esbuild';

describe('src/core/fairness/browser.ts', () => {
  it('bundles for the browser: no Node built-ins anywhere in its imports (the webview uses it)', async () => {
    const result = await build({
      entryPoints: [join(__dirname, '..', '..', '..', 'src', 'core', 'fairness', 'browser.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    assert.equal(result.errors.length, 0);
    const text = result.outputFiles[0]!.text;
    assert.doesNotMatch(text, /require\(["']node:|from ["']node:|@duckdb/);
    assert.match(text, /reportAtThreshold/);
  });
});
