import type { ValidateFunction } from 'ajv';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** A JSON file that cannot be used, with the place of the first problem. */
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

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function evaluate(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => [p.children![0]!.value, evaluate(p.children![1]!)]));
    case 'array':
      return (node.children ?? []).map(evaluate);
    default:
      return node.value;
  }
}

/**
 * Parses JSON with comments and validates it against a compiled schema; throws ConfigError naming
 * file, line and column of the first syntax or schema problem.
 */
export function parseJsonWithSchema<T>(text: string, file: string, validate: ValidateFunction<T>): T {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !tree) {
    const e = errors[0];
    const { line, column } = positionOf(text, e?.offset ?? 0);
    throw new ConfigError(file, line, column, `invalid JSON (${e ? printParseErrorCode(e.error) : 'empty file'})`);
  }
  const value = JSON.parse(JSON.stringify(evaluate(tree)));
  if (!validate(value)) {
    const err = validate.errors![0]!;
    const path = err.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const node = findNodeAtLocation(tree, path) ?? tree;
    const { line, column } = positionOf(text, node.offset);
    const where = err.instancePath || '(root)';
    const extra = err.params && 'additionalProperty' in err.params ? ` '${err.params.additionalProperty}'` : '';
    const allowed = err.params && 'allowedValues' in err.params ? ` (${(err.params.allowedValues as unknown[]).join(', ')})` : '';
    throw new ConfigError(file, line, column, `${where} ${err.message}${extra}${allowed}`);
  }
  return value;
}
