import type { TokenEntity } from './inference-types';
import type { TokenOffset } from './token-offsets';

/** One token's prediction with its place in the text. */
export interface TokenPrediction {
  label: string;
  score: number;
  offset: TokenOffset | undefined;
}

/** Splits a BIO/BIOES label into prefix and tag; labels without a prefix count as I-. */
function splitLabel(label: string): [prefix: 'B' | 'I' | 'E' | 'S', tag: string] {
  const p = label[0];
  if (label[1] === '-' && (p === 'B' || p === 'I' || p === 'E' || p === 'S')) return [p, label.slice(2)];
  return ['I', label];
}

interface Unit {
  label: string;
  score: number;
  start: number;
  end: number;
}

/** Words from tokens: a word takes its first token's label and score (Hugging Face's 'first'). */
function words(tokens: readonly TokenPrediction[]): Unit[] {
  const out: Unit[] = [];
  for (const t of tokens) {
    if (!t.offset) continue;
    const last = out[out.length - 1];
    if (t.offset.continuation && last) last.end = t.offset.end;
    else out.push({ label: t.label, score: t.score, start: t.offset.start, end: t.offset.end });
  }
  return out;
}

/**
 * Groups token predictions into entity spans. 'simple' groups tokens as Hugging Face's simple
 * strategy does; 'first' first joins the pieces of each word, so an entity never ends inside a
 * word. Score: the mean over the grouped units. `ignore` labels (O) close any open group.
 */
export function aggregateEntities(tokens: readonly TokenPrediction[], strategy: 'simple' | 'first' = 'first', ignore: readonly string[] = ['O']): TokenEntity[] {
  const units: Unit[] = strategy === 'first' ? words(tokens) : tokens.flatMap((t) => (t.offset ? [{ label: t.label, score: t.score, start: t.offset.start, end: t.offset.end }] : []));
  const out: TokenEntity[] = [];
  let open: { tag: string; sum: number; n: number; start: number; end: number } | undefined;
  const close = (): void => {
    if (open) out.push({ entity: open.tag, score: open.sum / open.n, start: open.start, end: open.end });
    open = undefined;
  };
  for (const u of units) {
    if (ignore.includes(u.label)) {
      close();
      continue;
    }
    const [prefix, tag] = splitLabel(u.label);
    if (open && open.tag === tag && prefix !== 'B' && prefix !== 'S') {
      open.sum += u.score;
      open.n++;
      open.end = u.end;
      if (prefix === 'E') close();
      continue;
    }
    close();
    open = { tag, sum: u.score, n: 1, start: u.start, end: u.end };
    if (prefix === 'S') close();
  }
  close();
  return out;
}
