import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

/**
 * The source range of the value at `path` in a YAML document (offsets relative to the YAML
 * text), or of its key when `key` is set. Walks up to the deepest node that exists, so a path
 * into a missing key still lands on its parent.
 */
export function yamlRange(doc: Document, path: Array<string | number>, key = false): [number, number] | undefined {
  let node: unknown = doc.contents;
  let range: [number, number] | undefined = rangeOf(node);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return range;
      if (last && key) return rangeOf(pair.key) ?? range;
      node = pair.value;
      // A key with no value (`license:`) has no value range: point at the key.
      range = rangeOf(node) ?? rangeOf(pair.key) ?? range;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return range;
      node = item;
      range = rangeOf(node) ?? range;
    } else {
      return range;
    }
  }
  return range;
}

function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}
