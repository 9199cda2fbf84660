import type { PiiMatch } from './recognizer';

/** A credential inside a URL is reported beside the URL, not instead of it. */
function mayNest(inner: PiiMatch, outer: PiiMatch): boolean {
  return inner.entity === 'SECRET' && outer.entity === 'URL' && inner.start >= outer.start && inner.end <= outer.end;
}

function overlap(a: PiiMatch, b: PiiMatch): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Keeps one match per stretch of text: the higher score wins, then the longer span, then the
 * earlier one. A SECRET inside a URL may stay beside it. Result sorted by start, then end.
 */
export function resolveOverlaps(matches: readonly PiiMatch[]): PiiMatch[] {
  if (matches.length <= 1) return matches.slice();
  const ranked = matches.slice().sort((a, b) => b.score - a.score || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: PiiMatch[] = [];
  for (const m of ranked) {
    if (kept.every((k) => !overlap(k, m) || mayNest(m, k) || mayNest(k, m))) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
