import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseTree, findNodeAtLocation, type ParseError, printParseErrorCode } from 'jsonc-parser';
import schema from '../../../schemas/responsible-ml.config.schema.json';
import { CONFIG_FILE_NAME, type ProjectConfig } from './project-config';

/** A config file that cannot be used, with the place of the first problem. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
  }
}

// Compiled on first use: compiling the schema costs more than the rest of activation.
let compiled: ValidateFunction<ProjectConfig> | undefined;
function validator(): ValidateFunction<ProjectConfig> {
  compiled ??= new Ajv({ allErrors: true, strict: false }).compile<ProjectConfig>(schema);
  return compiled;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses and validates config text; throws ConfigError naming file, line and column. */
export function parseConfig(text: string, file: string): ProjectConfig {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !tree) {
    const e = errors[0];
    const { line, column } = positionOf(text, e?.offset ?? 0);
    throw new ConfigError(file, line, column, `invalid JSON (${e ? printParseErrorCode(e.error) : 'empty file'})`);
  }
  const value = JSON.parse(JSON.stringify(evaluate(tree)));
  const validate = validator();
  if (!validate(value)) {
    const err = validate.errors![0]!;
    const path = err.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const node = findNodeAtLocation(tree, path) ?? tree;
    const { line, column } = positionOf(text, node.offset);
    const where = err.instancePath || '(root)';
    const extra = err.params && 'additionalProperty' in err.params ? ` '${err.params.additionalProperty}'` : '';
    throw new ConfigError(file, line, column, `${where} ${err.message}${extra}`);
  }
  return value;
}

function evaluate(node: import('jsonc-parser').Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [p.children![0]!.value, evaluate(p.children![1]!)]));
    case 'array':
      return (node.children ?? []).map(evaluate);
    default:
      return node.value;
  }
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
