/**
 * Reading reference populations: `--reference ref.json` (attribute → {value: proportion}, or
 * attribute → {source, proportions}) and the config's `reference.<attr>.file` CSVs with columns
 * value,proportion. Errors name the file and what is wrong.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ReferenceSpec } from '../config/project-config';
import { ProfileSpecError, type ReferencePopulation } from './profile-spec';

function checkProportions(proportions: Record<string, unknown>, where: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [value, share] of Object.entries(proportions)) {
    if (typeof share !== 'number' || !Number.isFinite(share) || share < 0) {
      throw new ProfileSpecError(`${where}: the proportion of '${value}' must be a number ≥ 0 (got ${JSON.stringify(share)})`);
    }
    out[value] = share;
  }
  if (Object.keys(out).length === 0) throw new ProfileSpecError(`${where}: no proportions`);
  if (Object.values(out).every((s) => s === 0)) throw new ProfileSpecError(`${where}: all proportions are 0`);
  return out;
}

/** Parses a reference JSON text: {attr: {value: share}} or {attr: {source, proportions}}. */
export function parseReferenceJson(text: string, file: string): Record<string, ReferencePopulation> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ProfileSpecError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ProfileSpecError(`${file}: expected an object mapping attribute → {value: proportion}`);
  }
  const out: Record<string, ReferencePopulation> = {};
  for (const [attr, body] of Object.entries(data as Record<string, unknown>)) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ProfileSpecError(`${file}: '${attr}' must be an object of value → proportion`);
    }
    const b = body as Record<string, unknown>;
    if (typeof b.proportions === 'object' && b.proportions !== null) {
      out[attr] = {
        source: typeof b.source === 'string' ? b.source : basename(file),
        proportions: checkProportions(b.proportions as Record<string, unknown>, `${file}: ${attr}`),
      };
    } else {
      out[attr] = { source: basename(file), proportions: checkProportions(b, `${file}: ${attr}`) };
    }
  }
  return out;
}

/** Splits one CSV line (double-quoted fields with "" escapes). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells.map((c) => c.trim());
}

/** Parses a marginals CSV with a header naming `value` and `proportion` (or share/percent). */
export function parseReferenceCsv(text: string, file: string): Record<string, number> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = csvCells(lines[0] ?? '').map((h) => h.toLowerCase());
  const vi = header.indexOf('value');
  const pi = header.findIndex((h) => h === 'proportion' || h === 'share' || h === 'percent');
  if (vi < 0 || pi < 0) throw new ProfileSpecError(`${file}:1: expected a header with columns value,proportion (got ${header.join(',') || 'nothing'})`);
  const scale = header[pi] === 'percent' ? 0.01 : 1;
  const out: Record<string, unknown> = {};
  lines.slice(1).forEach((line, i) => {
    const cells = csvCells(line);
    const n = Number(cells[pi]);
    if (cells[pi] === undefined || cells[pi] === '' || !Number.isFinite(n)) throw new ProfileSpecError(`${file}:${i + 2}: '${cells[pi] ?? ''}' is not a number`);
    out[cells[vi] ?? ''] = n * scale;
  });
  return checkProportions(out, file);
}

/** Reads a `--reference` JSON file. */
export function loadReferenceJson(path: string): Record<string, ReferencePopulation> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ProfileSpecError(`cannot read reference file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseReferenceJson(text, path);
}

/** The config's `reference` entries as populations, reading `file` CSVs relative to `configDir`. */
export function loadConfiguredReferences(reference: Record<string, ReferenceSpec> | undefined, configDir: string): Record<string, ReferencePopulation> {
  const out: Record<string, ReferencePopulation> = {};
  for (const [attr, spec] of Object.entries(reference ?? {})) {
    if (spec.proportions) {
      out[attr] = { source: spec.source, proportions: checkProportions(spec.proportions, `reference '${attr}'`) };
    } else if (spec.file) {
      const path = resolve(configDir, spec.file);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (err) {
        throw new ProfileSpecError(`reference '${attr}': cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      out[attr] = { source: spec.source ?? basename(path), proportions: parseReferenceCsv(text, path) };
    } else {
      throw new ProfileSpecError(`reference '${attr}' needs proportions or a file`);
    }
  }
  return out;
}
