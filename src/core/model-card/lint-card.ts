import { isMap } from 'yaml';
import type { EntitySeverity } from '../config/project-config';
import { FAIRNESS_METRICS } from '../fairness/fairness-types';
import type { Finding, Severity } from '../lint/finding';
import { applyRuleSeverities } from '../lint/rule-severity';
import { PLACEHOLDER, sectionInfo } from './card-sections';
import { missingSections } from './card-edits';
import { metricName } from './card-format';
import type { FairnessThresholds } from './card-types';
import { beyondThreshold, lowerIsWorse, resolveThresholds } from './fairness-gaps';
import { findSection, parseCard, sectionText, type ParsedCard } from './parse-card';
import { closestLicenses, isSpdxLicense } from './spdx';
import { validateModelIndex } from './validate-model-index';
import { yamlRange } from './yaml-ranges';

/** The model-card rules (docs/rules/<id>.md). */
export const CARD_RULES = {
  invalidYaml: 'card-invalid-yaml',
  modelIndexSchema: 'card-model-index-schema',
  missingSection: 'card-missing-section',
  placeholder: 'card-placeholder',
  aggregateOnly: 'card-aggregate-only',
  fairnessUndiscussed: 'card-fairness-undiscussed',
  unknownLicense: 'card-unknown-license',
} as const;

const SEVERITY: Record<string, Severity> = {
  'card-invalid-yaml': 'error',
  'card-model-index-schema': 'error',
  'card-missing-section': 'warning',
  'card-placeholder': 'warning',
  'card-aggregate-only': 'warning',
  'card-fairness-undiscussed': 'warning',
  'card-unknown-license': 'warning',
};

export interface CardLintOptions {
  /** Fairness metric → threshold (defaults: 0.1 for differences, 0.8 for ratios). */
  thresholds?: FairnessThresholds;
  /** Per-rule severities ('off' drops a rule), as in the config's `rules`. */
  rules?: Record<string, EntitySeverity>;
}

/** Placeholder text a person must replace. The first is HF's own; the rest outside code only. */
const PLACEHOLDER_PATTERNS: Array<{ re: RegExp; inCode: boolean }> = [
  { re: /\[More Information Needed\]/gi, inCode: true },
  { re: /\b(?:TODO|TBD|FIXME|XXX)\b/g, inCode: false },
  { re: /\{\{[^{}\n]*\}\}/g, inCode: false },
];

function finding(card: ParsedCard, ruleId: string, start: number, end: number, message: string, extra: Partial<Finding> = {}): Finding {
  const a = card.positionAt(start);
  // A finding on a multi-line node (a whole result) is shown on its first line only.
  const lineEnd = card.text.indexOf('\n', start);
  const stop = lineEnd !== -1 && lineEnd < end ? lineEnd : end;
  const b = card.positionAt(Math.max(stop, start + (start < card.text.length ? 1 : 0)));
  return { ruleId, severity: SEVERITY[ruleId]!, score: 1, scope: 'file', message, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, ...extra };
}

/** A range inside the front matter, in card offsets. */
function metadataRange(card: ParsedCard, path: Array<string | number>, key = false): [number, number] {
  const fm = card.frontMatter!;
  const r = yamlRange(fm.yaml, path, key);
  return r ? [fm.contentStart + r[0], fm.contentStart + r[1]] : [0, 3];
}

function inCode(card: ParsedCard, start: number, end: number): boolean {
  return card.codeRanges.some(([a, b]) => start >= a && end <= b);
}

/** Placeholders, each at its exact characters. */
export function findPlaceholders(card: ParsedCard): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  for (const { re, inCode: everywhere } of PLACEHOLDER_PATTERNS) {
    for (const m of card.text.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (!everywhere && inCode(card, start, end)) continue;
      out.push({ start, end, text: m[0] });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Where whole-card findings go: the title heading, else the first line after the front matter. */
function cardAnchor(card: ParsedCard): [number, number] {
  const title = card.sections.find((s) => s.heading.depth === 1) ?? card.sections[0];
  if (title) return [title.heading.start, title.heading.lineEnd];
  const at = card.frontMatter?.end ?? 0;
  return [at, at];
}

function yamlFindings(card: ParsedCard): Finding[] {
  if (card.unclosedFrontMatter) {
    return [finding(card, CARD_RULES.invalidYaml, 0, 3, 'The front matter opened with --- on line 1 is never closed by another --- line.')];
  }
  const fm = card.frontMatter;
  if (!fm) return [];
  const out = fm.errors.map((e) => finding(card, CARD_RULES.invalidYaml, e.start, e.end, `Invalid YAML in the front matter: ${e.message}`));
  if (out.length === 0 && fm.yaml.contents !== null && !isMap(fm.yaml.contents)) {
    out.push(finding(card, CARD_RULES.invalidYaml, fm.contentStart, fm.contentEnd, 'The front matter must be a YAML mapping of keys to values (license: mit, tags: […]).'));
  }
  return out;
}

interface IndexedMetric {
  type: string;
  value: unknown;
  config?: string;
  path: Array<string | number>;
}

function indexedMetrics(index: unknown): IndexedMetric[] {
  if (!Array.isArray(index)) return [];
  const out: IndexedMetric[] = [];
  index.forEach((entry, i) => {
    const results = (entry as { results?: unknown })?.results;
    if (!Array.isArray(results)) return;
    results.forEach((r, j) => {
      const metrics = (r as { metrics?: unknown })?.metrics;
      if (!Array.isArray(metrics)) return;
      metrics.forEach((m, k) => {
        if (!m || typeof m !== 'object') return;
        const { type, value, config } = m as { type?: unknown; value?: unknown; config?: unknown };
        if (typeof type !== 'string') return;
        out.push({ type, value, ...(typeof config === 'string' ? { config } : {}), path: ['model-index', i, 'results', j, 'metrics', k] });
      });
    });
  });
  return out;
}

/** A model-index metric that is disaggregated: a group slice (attr=value) or a fairness metric. */
function isDisaggregated(m: IndexedMetric): boolean {
  return (m.config !== undefined && m.config.includes('=')) || (FAIRNESS_METRICS as readonly string[]).includes(m.type);
}

/** Words of a fairness metric's family, as people write them ("demographic parity"). */
function metricFamily(metric: string): string[] {
  if (metric.startsWith('demographic_parity')) return ['demographic parity', 'statistical parity'];
  if (metric.startsWith('equalized_odds')) return ['equalized odds', 'equalised odds'];
  if (metric.startsWith('equal_opportunity')) return ['equal opportunity', 'equality of opportunity'];
  return [metric.replace(/_(difference|ratio).*$/, '').replace(/_/g, ' ')];
}

const fold = (s: string) => s.toLowerCase().replace(/[_\-`*]+/g, ' ').replace(/\s+/g, ' ');

/** Paragraphs and list items of a section that hold no placeholder: what counts as discussion. */
function discussionBlocks(text: string): string[] {
  const withoutComments = text.replace(/<!--[\s\S]*?-->/g, ' ');
  const blocks: string[] = [];
  for (const para of withoutComments.split(/\r?\n\s*\r?\n/)) {
    let current: string[] = [];
    for (const line of para.split(/\r?\n/)) {
      if (/^\s*(?:[-*+]|\d+[.)])\s/.test(line) && current.length) {
        blocks.push(current.join(' '));
        current = [];
      }
      current.push(line);
    }
    if (current.length) blocks.push(current.join(' '));
  }
  return blocks.filter((b) => !b.includes(PLACEHOLDER) && !/\b(?:TODO|TBD|FIXME)\b/.test(b)).map(fold);
}

function metadataFindings(card: ParsedCard, thresholds: FairnessThresholds): Finding[] {
  const meta = card.metadata;
  if (!meta || !card.frontMatter) return [];
  const out: Finding[] = [];
  const index = meta['model-index'];
  if (index !== undefined) {
    for (const p of validateModelIndex(index)) {
      const key = p.message.includes('is not a model-index key');
      const [s, e] = metadataRange(card, ['model-index', ...p.path], key);
      out.push(finding(card, CARD_RULES.modelIndexSchema, s, e, `${p.message} (Hugging Face model-index schema)`));
    }
    const metrics = indexedMetrics(index);
    // Judged per model: each entry of model-index must show who its model works less well for.
    const entries = new Set(metrics.map((m) => m.path[1] as number));
    for (const entry of entries) {
      const own = metrics.filter((m) => m.path[1] === entry);
      if (own.some(isDisaggregated)) continue;
      const [s, e] = metadataRange(card, ['model-index', entry, 'name']);
      const name = (index as Array<{ name?: unknown }>)[entry]?.name;
      out.push(
        finding(
          card,
          CARD_RULES.aggregateOnly,
          s,
          e,
          `model-index reports ${own.length} metric${own.length === 1 ? '' : 's'}${typeof name === 'string' ? ` of ${name}` : ''} only in aggregate: add results per group (a metric config such as sex=female) and fairness metrics, so readers can see who the model works less well for.`,
        ),
      );
    }
    const ethics = findSection(card, 'ethical-considerations');
    const blocks = ethics ? discussionBlocks(sectionText(card, ethics)) : [];
    for (const m of metrics) {
      const threshold = thresholds[m.type];
      if (threshold === undefined || typeof m.value !== 'number' || !beyondThreshold(m.type, m.value, threshold)) continue;
      const attributes = (m.config ?? '').split(',').map((a) => fold(a.split('=')[0]!.trim())).filter(Boolean);
      const family = metricFamily(m.type);
      const discussed = blocks.some((b) => family.some((f) => b.includes(f)) && attributes.every((a) => new RegExp(`(^|[^a-z0-9])${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^a-z0-9]|$)`).test(b)));
      if (discussed) continue;
      const [s, e] = metadataRange(card, [...m.path, 'value']);
      const who = m.config ? ` for ${m.config}` : '';
      out.push(
        finding(
          card,
          CARD_RULES.fairnessUndiscussed,
          s,
          e,
          `${metricName(m.type)}${who} is ${m.value}, ${lowerIsWorse(m.type) ? 'below' : 'above'} the threshold ${threshold}, and ${ethics ? 'Ethical Considerations does not discuss it' : 'the card has no Ethical Considerations section'} (name the metric${m.config ? ' and the attribute' : ''} in a paragraph without placeholders).`,
        ),
      );
    }
  }
  const licenses = Array.isArray(meta.license) ? meta.license : meta.license === undefined ? [] : [meta.license];
  licenses.forEach((lic, i) => {
    if (typeof lic !== 'string' || lic.includes(PLACEHOLDER) || /\b(?:TODO|TBD)\b/.test(lic)) return;
    if (isSpdxLicense(lic)) return;
    if (lic.toLowerCase() === 'other' && typeof meta.license_name === 'string') return;
    const [s, e] = metadataRange(card, Array.isArray(meta.license) ? ['license', i] : ['license']);
    const near = closestLicenses(lic);
    out.push(finding(card, CARD_RULES.unknownLicense, s, e, `License '${lic}' is not an SPDX license id${near.length ? ` (did you mean ${near.map((n) => `'${n.toLowerCase()}'`).join(' or ')}?)` : ''}.`));
  });
  return out;
}

/**
 * Lints a model card's Markdown: YAML errors at their exact place, model-index against the HF
 * schema, missing sections, placeholders, aggregate-only metrics, fairness metrics beyond their
 * threshold that Ethical Considerations does not discuss, and licenses outside SPDX.
 */
export function lintModelCard(text: string, options: CardLintOptions = {}): Finding[] {
  const card = parseCard(text);
  const thresholds = resolveThresholds(options.thresholds);
  const out: Finding[] = [...yamlFindings(card), ...metadataFindings(card, thresholds)];
  const [as, ae] = cardAnchor(card);
  for (const id of missingSections(card)) {
    out.push(finding(card, CARD_RULES.missingSection, as, ae, `The card has no "${sectionInfo(id).title}" section.`, { field: id }));
  }
  for (const p of findPlaceholders(card)) {
    out.push(finding(card, CARD_RULES.placeholder, p.start, p.end, p.text === PLACEHOLDER ? 'Placeholder: this needs information from a person.' : `Placeholder text '${p.text}' left in the card.`));
  }
  out.sort((a, b) => a.line - b.line || a.column - b.column);
  return applyRuleSeverities(out, options.rules);
}
