import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../../schemas/hf-model-index.schema.json';

/** One schema violation: the path inside model-index (keys and indexes) and a sentence. */
export interface ModelIndexProblem {
  path: Array<string | number>;
  message: string;
}

// Compiled on first use: most files the editor opens are not model cards.
let compiled: ValidateFunction | undefined;

function describe(e: ErrorObject): { path: Array<string | number>; message: string } {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  const where = `model-index${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') {
    const key = String(params.additionalProperty);
    return { path: [...path, key], message: `${where}: '${key}' is not a model-index key here` };
  }
  if (e.keyword === 'required') return { path, message: `${where}: '${String(params.missingProperty)}' is required` };
  return { path, message: `${where} ${e.message ?? 'is invalid'}` };
}

/**
 * Validates a `model-index` value against the Hugging Face model-index schema
 * (schemas/hf-model-index.schema.json). Returns one problem per violation, most specific first.
 */
export function validateModelIndex(value: unknown): ModelIndexProblem[] {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (compiled(value)) return [];
  const seen = new Set<string>();
  const out: ModelIndexProblem[] = [];
  for (const e of compiled.errors ?? []) {
    // A type error under `oneOf`/`anyOf` repeats: keep one message per place and text.
    const p = describe(e);
    const key = `${p.path.join('/')}\0${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}
