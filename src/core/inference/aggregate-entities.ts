import type { TokenEntity } from './inference-types';
import type { TokenOffset, TokenSpans } from './token-offsets';

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

const splitCache = new WeakMap<readonly string[], Array<[prefix: 'B' | 'I' | 'E' | 'S', tag: string]>>();

/** splitLabel of every label, once per label list (the engine passes one list per batch). */
function splitLabels(labels: readonly string[]): Array<[prefix: 'B' | 'I' | 'E' | 'S', tag: string]> {
  let tags = splitCache.get(labels);
  if (!tags) splitCache.set(labels, (tags = labels.map((l) => splitLabel(l))));
  return tags;
}

/** Token labels and scores of one sequence as flat arrays, with the tokens' places. */
export interface LabelledSpans {
  /** Per token: index into `labels`. */
  label: Int32Array;
  /** Per token: the label's probability. */
  score: Float64Array;
  spans: TokenSpans;
}

/**
 * `aggregateEntities` over flat arrays (the engine's path: no object per token). Gives the same
 * entities as `aggregateEntities` on the equivalent TokenPrediction list.
 */
export function aggregateLabelled(tokens: LabelledSpans, labels: readonly string[], strategy: 'simple' | 'first' = 'first', ignore: readonly string[] = ['O']): TokenEntity[] {
  const tags = splitLabels(labels);
  const ignored = labels.map((l) => ignore.includes(l));
  const { label, score, spans } = tokens;
  const out: TokenEntity[] = [];
  let open: { tag: string; sum: number; n: number; start: number; end: number } | undefined;
  const close = (): void => {
    if (open) out.push({ entity: open.tag, score: open.sum / open.n, start: open.start, end: open.end });
    open = undefined;
  };
  const n = label.length;
  for (let t = 0; t < n; ) {
    if (spans.start[t]! < 0) {
      t++;
      continue;
    }
    // One unit: a token, or with 'first' a word (its first token's label and score, its last token's end).
    const l = label[t]!;
    const s = score[t]!;
    const start = spans.start[t]!;
    let end = spans.end[t]!;
    t++;
    if (strategy === 'first') {
      // Tokens without a place are skipped without ending the word, as in `words`.
      while (t < n && (spans.start[t]! < 0 || spans.continuation[t] === 1)) {
        if (spans.start[t]! >= 0) end = spans.end[t]!;
        t++;
      }
    }
    if (ignored[l]) {
      close();
      continue;
    }
    const [prefix, tag] = tags[l]!;
    if (open && open.tag === tag && prefix !== 'B' && prefix !== 'S') {
      open.sum += s;
      open.n++;
      open.end = end;
      if (prefix === 'E') close();
      continue;
    }
    close();
    open = { tag, sum: s, n: 1, start, end };
    if (prefix === 'S') close();
  }
  close();
  return out;
}
