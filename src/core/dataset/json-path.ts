/**
 * Field paths for JSON values, chosen to read like JavaScript property access:
 * `messages[2].content`, `meta.user.email`, `tags[0]`. A key that is not an identifier
 * (`[A-Za-z_$][A-Za-z0-9_$]*`) is written as a bracketed JSON string: `meta["first name"]`,
 * `["weird key"]` at the top. The root value itself (a line that is just a string) has path ''.
 */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Path of member `key` of the object at `prefix`. */
export function memberPath(prefix: string, key: string): string {
  if (IDENTIFIER.test(key)) return prefix === '' ? key : prefix + '.' + key;
  return prefix + '[' + JSON.stringify(key) + ']';
}

/** Path of element `index` of the array at `prefix`. */
export function elementPath(prefix: string, index: number): string {
  return prefix + '[' + index + ']';
}

/**
 * One path in a tree of the paths met so far. Records of a dataset repeat the same paths, so
 * handing out the same string object each time saves building (and collecting) several strings
 * per field; it also makes grouping by path cheap for the rules downstream.
 */
export class PathNode {
  private members: Map<string, PathNode> | undefined;
  private elements: PathNode[] | undefined;

  constructor(
    readonly path: string,
    private readonly budget: { nodes: number },
  ) {}

  /** The tree's root (path ''); it stops growing after `maxNodes` paths so odd data cannot bloat it. */
  static root(maxNodes = 20000): PathNode {
    return new PathNode('', { nodes: maxNodes });
  }

  /** Node of member `key`. */
  member(key: string): PathNode {
    let child = this.members?.get(key);
    if (child === undefined) {
      child = new PathNode(memberPath(this.path, key), this.budget);
      if (this.budget.nodes > 0) {
        this.budget.nodes--;
        (this.members ??= new Map()).set(key, child);
      }
    }
    return child;
  }

  /** Node of element `index`. */
  element(index: number): PathNode {
    let child = this.elements?.[index];
    if (child === undefined) {
      child = new PathNode(elementPath(this.path, index), this.budget);
      if (this.budget.nodes > 0) {
        this.budget.nodes--;
        (this.elements ??= [])[index] = child;
      }
    }
    return child;
  }
}
