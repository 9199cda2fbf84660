import type { PiiEntity } from '../lint/finding';
import type { ModelRecognizer } from '../lint/pii/model-recognizer';
import type { PiiMatch } from '../lint/pii/recognizer';
import type { InferenceEngine } from './inference-engine';
import type { TokenEntity } from './inference-types';

/** NER tags (CoNLL, OntoNotes, Presidio spellings) → our entities; other tags are ignored. */
const TAGS: Record<string, PiiEntity> = {
  PER: 'PERSON',
  PERSON: 'PERSON',
  LOC: 'LOCATION',
  LOCATION: 'LOCATION',
  GPE: 'LOCATION',
  ADDRESS: 'LOCATION',
  STREET_ADDRESS: 'LOCATION',
  ORG: 'ORGANIZATION',
  ORGANIZATION: 'ORGANIZATION',
};

/** Maps a token-classification result to PII matches. */
export function nerMatches(entities: readonly TokenEntity[], recognizer: string): PiiMatch[] {
  const out: PiiMatch[] = [];
  for (const e of entities) {
    const entity = TAGS[e.entity.toUpperCase()];
    if (entity && e.end > e.start) out.push({ entity, start: e.start, end: e.end, score: e.score, recognizer });
  }
  return out;
}

/**
 * The PII linter's PERSON/LOCATION/ORGANIZATION recognizer: a token-classification model run
 * through the engine, batched, in whichever thread the engine lives in (the lint worker, or the
 * CLI's process).
 */
export function createNerRecognizer(engine: InferenceEngine, model: string, batchSize = 16): ModelRecognizer {
  return {
    id: 'ner',
    entities: ['PERSON', 'LOCATION', 'ORGANIZATION'],
    maxBatchSize: 256,
    async recognizeBatch(values) {
      const results = (await engine.run({ model, task: 'token-classification', inputs: values, batchSize })) as TokenEntity[][];
      return results.map((r) => nerMatches(r, 'ner'));
    },
  };
}
