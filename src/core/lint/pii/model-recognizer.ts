import type { PiiEntity } from '../finding';
import type { PiiMatch, RecognizerContext } from './recognizer';

/**
 * A recognizer backed by a model (local NER for PERSON, LOCATION, ORGANIZATION). Unlike a
 * pattern `Recognizer` it is asynchronous and takes values in batches, because a model runs
 * best on many inputs at once and may live in a worker or on a GPU.
 */
export interface ModelRecognizer {
  id: string;
  entities: readonly PiiEntity[];
  /** Largest batch the model takes at once; callers split longer lists. */
  maxBatchSize?: number;
  /** Matches for each value, in the same order as `values` (and `contexts`, when given). */
  recognizeBatch(values: readonly string[], contexts?: readonly RecognizerContext[]): Promise<PiiMatch[][]>;
}
