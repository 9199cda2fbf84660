import { InferenceEngine } from '../core/inference/inference-engine';
import { shippedNerModel } from '../core/inference/model-locations';
import { createNerRecognizer } from '../core/inference/ner-recognizer';
import type { ModelRecognizer } from '../core/lint/pii/model-recognizer';
import type { CliIo } from './cli-types';

/**
 * The NER recognizer `rml lint` uses by default: the shipped models/pii-ner (or the folder in
 * RML_NER_MODEL), run in this process on the CPU unless RML_DEVICE says otherwise. Without a
 * model there is nothing to run, and linting goes on with the pattern recognizers.
 */
export function lintNer(io: CliIo, env: NodeJS.ProcessEnv = process.env): { engine: InferenceEngine; recognizer: ModelRecognizer } | undefined {
  const model = env.RML_NER_MODEL ?? shippedNerModel();
  if (!model) return undefined;
  const device = env.RML_DEVICE === 'cuda' || env.RML_DEVICE === 'auto' ? env.RML_DEVICE : 'cpu';
  const engine = new InferenceEngine({ device, idleMs: 0, onMessage: (m) => io.stderr(`rml lint: ${m}`) });
  return { engine, recognizer: createNerRecognizer(engine, model) };
}
