import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CardInputs } from '../../../src/core/model-card/card-types';
import type { FairnessReport } from '../../../src/core/fairness/fairness-types';
import type { LintReport } from '../../../src/core/lint/report/lint-report';
import type { DatasetProfile } from '../../../src/core/profile/profile-types';
import { parseRunRecord } from '../../../src/core/model-card/card-run-record';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'model-card');

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function fixtureJson<T>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/** Every fixture input: run record, profile, PII lint report and fairness report. */
export function fullInputs(): CardInputs {
  return {
    run: parseRunRecord(fixtureJson('run.json')).record,
    profile: fixtureJson<DatasetProfile>('profile.json'),
    lintReport: fixtureJson<LintReport>('lint-report.json'),
    fairness: fixtureJson<FairnessReport>('fairness-report.json'),
    modelDir: 'models/ticket-classifier',
    modelFiles: ['config.json', 'model.safetensors'],
  };
}

/** The YAML between the first two `---` lines, cut out without the code under test. */
export function frontMatterText(card: string): string {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(card);
  if (!m) throw new Error('no front matter');
  return m[1]!;
}

/** PyYAML's reading of a YAML text as JSON, or undefined where Debian's python3-yaml is absent. */
export function pyYaml(text: string): unknown {
  if (!existsSync('/usr/bin/python3')) return undefined;
  const r = spawnSync('/usr/bin/python3', ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'], { input: text, encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout);
}

/** 1-based line and column of the n-th occurrence of `needle` (computed by plain string search). */
export function locate(text: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`'${needle}' not found`);
  }
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}
