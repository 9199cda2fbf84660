import type { PiiMatch, Recognizer, RecognizerContext } from '../recognizer';

// Local part: the common unquoted atoms (RFC 5322 dot-atom without the rare symbols). Domain:
// dot-separated LDH labels ending in an alphabetic TLD, so `user@1.2.3` and `@decorator` are out.
const EMAIL = /(?<![\p{L}\p{N}._%+\-'])[A-Za-z0-9_%+\-](?:[A-Za-z0-9._%+\-']{0,62}[A-Za-z0-9_%+\-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\-]|\.[A-Za-z0-9])/gu;

/** File extensions that are not TLDs: `icon@2x.png`, `chunk@1.js` are file names. */
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'bmp', 'ico', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'json', 'css', 'scss', 'txt', 'lock', 'yaml', 'yml', 'toml', 'html', 'htm', 'xml', 'csv', 'pdf', 'zip', 'gz', 'tar', 'tgz', 'map', 'wasm']);

/** True when `start` sits inside the authority of a URL (`ftp://user:pw@host`): that is a credential, not a mailbox. */
function insideUrlAuthority(value: string, start: number): boolean {
  const from = Math.max(0, start - 256);
  const before = value.slice(from, start);
  const scheme = before.lastIndexOf('://');
  return scheme >= 0 && !/[\s/]/.test(before.slice(scheme + 3));
}

/** Email addresses. */
export const emailRecognizer: Recognizer = {
  id: 'email',
  entity: 'EMAIL',
  mayMatch: (value) => value.includes('@'),
  recognize(value: string, _ctx: RecognizerContext): PiiMatch[] {
    const matches: PiiMatch[] = [];
    for (const m of value.matchAll(EMAIL)) {
      const text = m[0];
      const start = m.index;
      if (text.includes('..')) continue;
      const tld = text.slice(text.lastIndexOf('.') + 1).toLowerCase();
      if (FILE_EXTENSIONS.has(tld)) continue;
      // `git@github.com:org/repo.git` is an SSH remote, not a person's address.
      if (/^:[\w~]/.test(value.slice(start + text.length, start + text.length + 2))) continue;
      if (insideUrlAuthority(value, start)) continue;
      matches.push({ entity: 'EMAIL', start, end: start + text.length, score: 1, recognizer: 'email' });
    }
    return matches;
  },
};
