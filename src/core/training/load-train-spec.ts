import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import schema from '../../../schemas/train.schema.json';
import { ConfigError, parseJsonWithSchema } from '../config/parse-json-with-schema';
import { resolveTrainSpec, TrainSpecError, type ResolvedTrainSpec, type RunnerKind, type TrainSpec } from './train-spec';

let compiled: ValidateFunction<TrainSpec> | undefined;
function validator(): ValidateFunction<TrainSpec> {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile<TrainSpec>(schema);
  return compiled;
}

/** Parses and validates train.json text; throws ConfigError naming file, line and column. */
export function parseTrainSpec(text: string, file: string): TrainSpec {
  return parseJsonWithSchema(text, file, validator());
}

/** Reads, validates and resolves a train.json; every problem is a ConfigError with the file's place. */
export function loadTrainSpec(file: string, options: { runnerOverride?: RunnerKind } = {}): { spec: TrainSpec; resolved: ResolvedTrainSpec } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, 1, 1, `cannot read: ${(err as Error).message}`);
  }
  const spec = parseTrainSpec(text, file);
  try {
    return { spec, resolved: resolveTrainSpec(spec, dirname(file), { specFile: file, ...options }) };
  } catch (err) {
    if (err instanceof TrainSpecError) throw new ConfigError(file, 1, 1, err.message);
    throw err;
  }
}
