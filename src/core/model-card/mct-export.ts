import Ajv, { type ValidateFunction } from 'ajv';
import schema from '../../../schemas/model-card-toolkit-0.0.2.schema.json';
import { PLACEHOLDER } from './card-sections';
import { fieldNeedsHuman, fieldValue } from './card-edits';
import { findSection, type ParsedCard } from './parse-card';
import { isSpdxLicense } from './spdx';

/** A Model Card Toolkit model card (schema 0.0.2), as far as this project fills it. */
export interface MctModelCard {
  schema_version: '0.0.2';
  model_details: {
    name: string;
    overview?: string;
    documentation?: string;
    owners?: Array<{ name?: string; contact?: string }>;
    licenses?: Array<{ identifier: string } | { custom_text: string }>;
  };
  model_parameters: {
    model_architecture?: string;
    data?: Array<{ name: string; description?: string }>;
  };
  quantitative_analysis: { performance_metrics: Array<{ type: string; value: number; slice?: string }> };
  considerations: {
    users?: Array<{ description: string }>;
    use_cases?: Array<{ description: string }>;
    limitations?: Array<{ description: string }>;
    tradeoffs?: Array<{ description: string }>;
    ethical_considerations?: Array<{ name: string; mitigation_strategy?: string }>;
  };
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    // The two formats the schema uses, checked without ajv-formats (not a dependency).
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Validates a Model Card Toolkit JSON against schemas/model-card-toolkit-0.0.2.schema.json. */
export function validateMct(value: unknown): string[] {
  const validate = validator();
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`);
}

/** The first paragraph of Markdown text, without markup that would read oddly in JSON. */
function plain(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\*\*|`/g, '')
    .trim();
}

function human(card: ParsedCard, id: Parameters<typeof fieldValue>[1]): string | undefined {
  return fieldNeedsHuman(card, id) ? undefined : plain(fieldValue(card, id));
}

interface IndexMetric {
  type?: unknown;
  value?: unknown;
  config?: unknown;
}

/**
 * Exports a parsed model card as Model Card Toolkit JSON (schema 0.0.2) and validates it.
 * Fields still holding placeholders are left out rather than exported as placeholders.
 */
export function exportModelCardToolkit(card: ParsedCard): { json: MctModelCard; problems: string[] } {
  const meta = card.metadata ?? {};
  const index = Array.isArray(meta['model-index']) ? (meta['model-index'] as Array<{ name?: unknown; results?: unknown }>) : [];
  const title = card.sections.find((s) => s.heading.depth === 1)?.heading.title.replace(/^Model Card for\s+/i, '');
  const name = (typeof index[0]?.name === 'string' ? index[0].name : undefined) ?? title ?? 'model';

  const details: MctModelCard['model_details'] = { name };
  const h1 = card.sections.find((s) => s.heading.depth === 1);
  if (h1) {
    const overview = plain(card.text.slice(h1.bodyStart, h1.contentEnd)).split(/\r?\n\s*\r?\n/)[0];
    if (overview && !overview.includes(PLACEHOLDER)) details.overview = overview;
  }
  const detailsSection = findSection(card, 'model-details');
  if (detailsSection) {
    const doc = plain(card.text.slice(detailsSection.bodyStart, detailsSection.contentEnd));
    if (doc && !doc.includes(PLACEHOLDER)) details.documentation = doc;
  }
  const developers = human(card, 'developers');
  const contact = human(card, 'contact');
  if (developers || contact) details.owners = [{ ...(developers ? { name: developers } : {}), ...(contact ? { contact } : {}) }];
  const license = typeof meta.license === 'string' && !meta.license.includes(PLACEHOLDER) ? meta.license : undefined;
  if (license) details.licenses = [isSpdxLicense(license) ? { identifier: license } : { custom_text: license }];

  const parameters: MctModelCard['model_parameters'] = {};
  if (typeof meta.base_model === 'string') parameters.model_architecture = meta.base_model;
  const data = new Map<string, string>();
  const metrics: MctModelCard['quantitative_analysis']['performance_metrics'] = [];
  for (const entry of index) {
    for (const r of Array.isArray(entry.results) ? (entry.results as Array<{ dataset?: Record<string, unknown>; metrics?: unknown }>) : []) {
      const ds = r.dataset ?? {};
      if (typeof ds.name === 'string') data.set(ds.name, [ds.split ? `split: ${String(ds.split)}` : '', ds.type ? `source: ${String(ds.type)}` : ''].filter(Boolean).join('; '));
      for (const m of Array.isArray(r.metrics) ? (r.metrics as IndexMetric[]) : []) {
        if (typeof m.type !== 'string' || typeof m.value !== 'number') continue;
        metrics.push({ type: m.type, value: m.value, ...(typeof m.config === 'string' ? { slice: m.config } : {}) });
      }
    }
  }
  if (data.size) parameters.data = [...data.entries()].map(([n, description]) => ({ name: n, ...(description ? { description } : {}) }));

  const considerations: MctModelCard['considerations'] = {};
  const users = human(card, 'primary-users');
  const uses = human(card, 'primary-uses');
  // MCT has no place for out-of-scope uses or recommendations: they go with the limitations, labelled.
  const outOfScope = human(card, 'out-of-scope');
  const recommendations = human(card, 'recommendations');
  const limitations = [human(card, 'limitations'), outOfScope && `Out of scope: ${outOfScope}`, recommendations && `Recommendation: ${recommendations}`].filter((x): x is string => Boolean(x));
  const risks = human(card, 'risks');
  if (users) considerations.users = [{ description: users }];
  if (uses) considerations.use_cases = [{ description: uses }];
  if (limitations.length) considerations.limitations = limitations.map((description) => ({ description }));
  if (risks) considerations.ethical_considerations = [{ name: risks }];

  const json: MctModelCard = {
    schema_version: '0.0.2',
    model_details: details,
    model_parameters: parameters,
    quantitative_analysis: { performance_metrics: metrics },
    considerations,
  };
  return { json, problems: validateMct(json) };
}
