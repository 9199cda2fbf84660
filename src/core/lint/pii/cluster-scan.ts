/**
 * Runs a sticky `pattern` that starts with a digit, and never right after one, inside the digit clusters listed by
 * `valueHints` (`[start, end, digits, dots]` quadruples) that `wanted` accepts, calling `visit`
 * for each match from left to right. For a pattern whose every match lies inside one cluster this
 * finds exactly the matches a global scan of the whole value would, at a fraction of the cost:
 * prose between the clusters is never looked at.
 */
export function forEachClusterMatch(
  value: string,
  clusters: readonly number[],
  pattern: RegExp,
  wanted: (digits: number, dots: number) => boolean,
  visit: (match: RegExpExecArray, start: number) => void,
): void {
  for (let i = 0; i < clusters.length; i += 4) {
    if (!wanted(clusters[i + 2], clusters[i + 3])) continue;
    const end = clusters[i + 1];
    let at = clusters[i];
    while (at < end) {
      // Every such pattern refuses to start right after a digit (its look-behind says so).
      if (!isDigit(value.charCodeAt(at)) || (at > 0 && isDigit(value.charCodeAt(at - 1)))) {
        at++;
        continue;
      }
      pattern.lastIndex = at;
      const m = pattern.exec(value);
      if (m === null) {
        at++;
        continue;
      }
      visit(m, at);
      at += Math.max(1, m[0].length);
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
