// The three PII detectors the benchmark compares, each behind one shape: a string in, labelled
// spans out, with the peer's own entity names mapped onto ours by the explicit tables below.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLintOptions } from '../../src/core/lint/lint-options';
import { createDefaultRegistry, findPiiInValue } from '../../src/core/lint/pii/registry';
import { REPO_ROOT } from './bench-data';

/** Entities all three can be scored on (ours has more: DATE_OF_BIRTH, SECRET, …). */
export const COMPARED_ENTITIES = ['EMAIL', 'PHONE', 'CREDIT_CARD', 'IBAN', 'US_SSN', 'IP_ADDRESS', 'URL'] as const;
export type ComparedEntity = (typeof COMPARED_ENTITIES)[number];

export interface DetectedSpan {
  start: number;
  end: number;
  /** One of COMPARED_ENTITIES, or `OTHER:<peer type>` for types outside the comparison. */
  label: string;
}

export type DetectorId = 'ours' | 'redact-pii' | 'openredaction';

export interface Detector {
  id: DetectorId;
  /** Package and version, for the report. */
  name: string;
  /** Spans in `text`; `field` is the JSON path the value came from (only ours uses it). */
  detect(text: string, field: string): DetectedSpan[] | Promise<DetectedSpan[]>;
  /** Cheaper than detect when only counts are needed (the throughput loop). */
  count(text: string, field: string, into: Map<string, number>): void | Promise<void>;
}

/** redact-pii replaces matches with these fixed placeholders (its built-in redactor names). */
export const REDACT_PII_MAP: Record<string, ComparedEntity | null> = {
  EMAIL_ADDRESS: 'EMAIL',
  PHONE_NUMBER: 'PHONE',
  CREDIT_CARD_NUMBER: 'CREDIT_CARD',
  US_SOCIAL_SECURITY_NUMBER: 'US_SSN',
  IP_ADDRESS: 'IP_ADDRESS',
  URL: 'URL',
  // No IBAN recognizer. Not compared: names, addresses and generic numbers.
  PERSON_NAME: null,
  STREET_ADDRESS: null,
  ZIPCODE: null,
  DIGITS: null,
  USERNAME: null,
  PASSWORD: null,
  CREDENTIALS: null,
};

/** OpenRedaction detection `type`s that correspond to our entities; every other type is not compared. */
export const OPENREDACTION_MAP: Record<string, ComparedEntity> = {
  EMAIL: 'EMAIL',
  PHONE: 'PHONE',
  PHONE_US: 'PHONE',
  PHONE_UK: 'PHONE',
  PHONE_UK_MOBILE: 'PHONE',
  PHONE_INTERNATIONAL: 'PHONE',
  PHONE_LINE_NUMBER: 'PHONE',
  CREDIT_CARD: 'CREDIT_CARD',
  IBAN: 'IBAN',
  UK_BANK_ACCOUNT_IBAN: 'IBAN',
  SSN: 'US_SSN',
  IPV4: 'IP_ADDRESS',
  IPV6: 'IP_ADDRESS',
  URL: 'URL',
  URL_WITH_AUTH: 'URL',
};

function packageVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  return `${name}@${pkg.version}`;
}

function bump(into: Map<string, number>, label: string): void {
  into.set(label, (into.get(label) ?? 0) + 1);
}

/** Our pattern recognizers, configured as the CLI configures them by default. */
export function oursDetector(): Detector {
  const options = resolveLintOptions();
  const registry = createDefaultRegistry({ phoneRegions: options.phoneRegions });
  const detect = (text: string, field: string): DetectedSpan[] =>
    findPiiInValue(text, { field }, registry, { minScore: options.minScore }).map((m) => ({
      start: m.start,
      end: m.end,
      label: (COMPARED_ENTITIES as readonly string[]).includes(m.entity) ? m.entity : `OTHER:${m.entity}`,
    }));
  return {
    id: 'ours',
    name: 'responsible-ml (src/core, pattern recognizers)',
    detect,
    count: (text, field, into) => {
      for (const s of detect(text, field)) bump(into, s.label);
    },
  };
}

/** redact-pii's SyncRedactor with its defaults, as its README shows. */
export function redactPiiDetector(): Detector {
  // Loaded only when used: it requires @google-cloud/dlp at load time.
  const { SyncRedactor } = require('redact-pii') as typeof import('redact-pii');
  const redactor = new SyncRedactor();
  const tokens = Object.keys(REDACT_PII_MAP).sort((a, b) => b.length - a.length);
  // No word boundaries: redact-pii's patterns have none either ("GB56HXDOCREDIT_CARD_NUMBER").
  const tokenRe = new RegExp(`(${tokens.join('|')})`, 'g');
  const labelOf = (token: string): string => REDACT_PII_MAP[token] ?? `OTHER:${token}`;
  return {
    id: 'redact-pii',
    name: packageVersion('redact-pii'),
    detect: (text) => spansFromRedacted(text, redactor.redact(text), tokenRe, labelOf),
    count: (text, _field, into) => {
      for (const m of redactor.redact(text).matchAll(tokenRe)) bump(into, labelOf(m[1]!));
    },
  };
}

/** OpenRedaction's detector with its defaults, as its README shows (`await detect(text)`). */
export function openRedactionDetector(): Detector {
  // Loaded only when used, like redact-pii: each child process measures one detector.
  const { OpenRedaction } = require('@openredaction/core') as typeof import('@openredaction/core');
  const shield = new OpenRedaction();
  const labelOf = (type: string): string => OPENREDACTION_MAP[type] ?? `OTHER:${type}`;
  const detect = async (text: string): Promise<DetectedSpan[]> => {
    const result = await shield.detect(text);
    return result.detections.map((d) => ({ start: d.position[0], end: d.position[1], label: labelOf(d.type) }));
  };
  return {
    id: 'openredaction',
    name: packageVersion('@openredaction/core'),
    detect,
    count: async (text, _field, into) => {
      for (const s of await detect(text)) bump(into, s.label);
    },
  };
}

export function createDetector(id: DetectorId): Detector {
  if (id === 'ours') return oursDetector();
  if (id === 'redact-pii') return redactPiiDetector();
  return openRedactionDetector();
}

/**
 * Recovers spans of the original text from redact-pii's output, which only returns the text with
 * placeholders. The literal pieces between placeholders must appear in order in the original; where
 * a piece occurs more than once, alignments are tried in order (bounded) until the rest fits.
 */
export function spansFromRedacted(original: string, redacted: string, tokenRe: RegExp, labelOf: (token: string) => string): DetectedSpan[] {
  if (original === redacted) return [];
  type Piece = { literal: string } | { token: string };
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of redacted.matchAll(tokenRe)) {
    pieces.push({ literal: redacted.slice(last, m.index) }, { token: m[1]! });
    last = m.index! + m[0].length;
  }
  pieces.push({ literal: redacted.slice(last) });
  let budget = 2000;
  const align = (i: number, pos: number): DetectedSpan[] | null => {
    if (--budget < 0) return null;
    if (i === pieces.length) return pos === original.length ? [] : null;
    const piece = pieces[i]!;
    if ('literal' in piece) return original.startsWith(piece.literal, pos) ? align(i + 1, pos + piece.literal.length) : null;
    // A placeholder that the original itself contains at this point may be literal text.
    if (original.startsWith(piece.token, pos)) {
      const asLiteral = align(i + 1, pos + piece.token.length);
      if (asLiteral) return asLiteral;
    }
    const next = pieces[i + 1] as { literal: string };
    if (i + 2 === pieces.length && next.literal === '') return pos < original.length ? [{ start: pos, end: original.length, label: labelOf(piece.token) }] : null;
    if (next.literal === '') {
      // Two placeholders side by side: the boundary is unknowable; give the first one character.
      const rest = align(i + 2, pos + 1);
      return rest ? [{ start: pos, end: pos + 1, label: labelOf(piece.token) }, ...rest] : null;
    }
    for (let at = original.indexOf(next.literal, pos + 1), tries = 0; at >= 0 && tries < 20; at = original.indexOf(next.literal, at + 1), tries++) {
      const rest = align(i + 2, at + next.literal.length);
      if (rest) return [{ start: pos, end: at, label: labelOf(piece.token) }, ...rest];
    }
    return null;
  };
  const spans = align(0, 0);
  if (!spans) throw new AlignmentError();
  return spans;
}

/** redact-pii's output could not be lined up with its input (counted, never silently dropped). */
export class AlignmentError extends Error {
  constructor() {
    super('redact-pii output could not be aligned with its input');
  }
}
