import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { ConfigError, parseJsonWithSchema } from './parse-json-with-schema';
import schema from '../../../schemas/responsible-ml.config.schema.json';
import { CONFIG_FILE_NAME, type ProjectConfig } from './project-config';

export { ConfigError };

// Compiled on first use: compiling the schema costs more than the rest of activation.
let compiled: ValidateFunction<ProjectConfig> | undefined;
function validator(): ValidateFunction<ProjectConfig> {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile<ProjectConfig>(schema);
  return compiled;
}

/** Parses and validates config text; throws ConfigError naming file, line and column. */
export function parseConfig(text: string, file: string): ProjectConfig {
  return parseJsonWithSchema(text, file, validator());
}

/** Finds the nearest config file from `startDir` upwards; undefined when there is none. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads and validates a config file. */
export function loadConfigFile(file: string): ProjectConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, 1, 1, `cannot read: ${(err as Error).message}`);
  }
  return parseConfig(text, file);
}
