import { NO_MATCHES, type PiiMatch, type Recognizer, type RecognizerContext } from '../recognizer';
import { MARK_AT, valueHints } from '../value-hints';

// Local part: the common unquoted atoms (RFC 5322 dot-atom without the rare symbols). Domain:
// dot-separated LDH labels ending in an alphabetic TLD, so `user@1.2.3` and `@decorator` are out.
// Sticky: it is tried only where the local part before an `@` begins (see recognize).
const EMAIL = /(?<![\p{L}\p{N}._%+\-'])[A-Za-z0-9_%+\-](?:[A-Za-z0-9._%+\-']{0,62}[A-Za-z0-9_%+\-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-]|\.[A-Za-z0-9])/uy;
/** Characters of a local part; the longest one the pattern takes. */
const LOCAL_CHAR = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-'") LOCAL_CHAR[c.charCodeAt(0)] = 1;
const MAX_LOCAL = 64;

/** File extensions that are not TLDs: `icon@2x.png`, `chunk@1.js` are file names. */
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'ico', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'json', 'css', 'scss', 'txt', 'lock', 'yaml', 'yml', 'toml', 'html', 'htm', 'xml', 'csv', 'pdf', 'zip', 'gz', 'tar', 'tgz', 'map', 'wasm']);

/** True when `start` sits inside the authority of a URL (`ftp://user:pw@host`): that is a credential, not a mailbox. */
function insideUrlAuthority(value: string, start: number): boolean {
  const from = Math.max(0, start - 256);
  const before = value.slice(from, start);
  const scheme = before.lastIndexOf('://');
  return scheme >= 0 && !/[\s/]/.test(before.slice(scheme + 3));
}

/** The match at `start`, unless its text names a file, an SSH remote or a URL credential. */
function emailAt(value: string, start: number, text: string): PiiMatch | undefined {
  if (text.includes('..')) return undefined;
  const tld = text.slice(text.lastIndexOf('.') + 1).toLowerCase();
  if (FILE_EXTENSIONS.has(tld)) return undefined;
  // `git@github.com:org/repo.git` is an SSH remote, not a person's address.
  if (/^:[\w~]/.test(value.slice(start + text.length, start + text.length + 2))) return undefined;
  if (insideUrlAuthority(value, start)) return undefined;
  return { entity: 'EMAIL', start, end: start + text.length, score: 1, recognizer: 'email' };
}

/** Email addresses. */
export const emailRecognizer: Recognizer = {
  id: 'email',
  entity: 'EMAIL',
  mayMatch: (value, hints) => ((hints ?? valueHints(value)).marks & MARK_AT) !== 0,
  recognize(value: string, _ctx: RecognizerContext): PiiMatch[] {
    let matches: PiiMatch[] | undefined;
    // A match holds one `@`, and the look-behind lets it start only where the run of local-part
    // characters before that `@` starts; trying there, `@` by `@` and never inside an earlier
    // match, finds what a scan of the whole value finds.
    let scanned = 0;
    for (let at = value.indexOf('@'); at >= 0; at = value.indexOf('@', at + 1)) {
      let start = at;
      while (start > 0 && at - start <= MAX_LOCAL && LOCAL_CHAR[value.charCodeAt(start - 1)] === 1) start--;
      if (start === at || at - start > MAX_LOCAL || start < scanned) continue;
      EMAIL.lastIndex = start;
      const m = EMAIL.exec(value);
      if (m === null) continue;
      scanned = start + m[0].length;
      const found = emailAt(value, start, m[0]);
      if (found) (matches ??= []).push(found);
    }
    return matches ?? NO_MATCHES;
  },
};
