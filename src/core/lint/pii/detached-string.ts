/**
 * A copy of `text` that keeps nothing else alive. A substring can hold on to the whole string it
 * was cut from (a decoded chunk of the file), so a long-lived cache keyed by substrings would keep
 * every chunk in memory; its keys go through here.
 */
export function detached(text: string): string {
  return text.split('').join('');
}
