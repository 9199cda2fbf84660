import type { PiiMatch, Recognizer, RecognizerContext } from '../recognizer';
import { isPlaceholderSecret } from './secret';
import { MARK_SCHEME, MARK_WWW, valueHints } from '../value-hints';

// A scheme URL or a `www.` host, up to whitespace, quotes or angle brackets. Trailing sentence
// punctuation is trimmed afterwards.
const URL_PATTERN = /(?<![\p{L}\p{N}_.\-])(?:(?:https?|ftps?|sftp):\/\/[^\s<>"'`{}|\\^]+|www\.[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+[^\s<>"'`{}|\\^]*)/giu;
const TRAILING = /[.,;:!?'"*_~]+$/;
/** `scheme://user:password@` — the password part is a credential in clear. */
const USERINFO = /^[a-z]+:\/\/([^\s:@/]*):([^\s@/]+)@/i;
/** Hosts that identify no one: local machines and the RFC 2606 example domains. */
const NEUTRAL_HOST = /^(?:localhost|127(?:\.\d+){3}|0\.0\.0\.0|\[::1\]|(?:[\w-]+\.)*example\.(?:com|org|net)|(?:[\w-]+\.)*(?:test|example|invalid|localhost))(?::\d+)?$/i;

/** Cuts trailing punctuation and an unbalanced closing bracket off a URL match. */
function trimUrl(text: string): string {
  let t = text.replace(TRAILING, '');
  for (;;) {
    const last = t[t.length - 1];
    const open = last === ')' ? '(' : last === ']' ? '[' : undefined;
    if (open === undefined) return t;
    if (t.split(open).length >= t.split(last).length) return t;
    t = t.slice(0, -1).replace(TRAILING, '');
  }
}

/** The host of a URL (with port), without scheme and credentials. */
function hostOf(url: string): string {
  const rest = url.replace(/^[a-z]+:\/\//i, '');
  const authority = rest.split(/[/?#]/, 1)[0];
  return authority.slice(authority.lastIndexOf('@') + 1);
}

/** URLs (http, https, ftp and `www.` hosts); credentials inside them are also reported as SECRET. */
export const urlRecognizer: Recognizer = {
  id: 'url',
  entity: ['URL', 'SECRET'],
  mayMatch: (value, hints) => ((hints ?? valueHints(value)).marks & (MARK_SCHEME | MARK_WWW)) !== 0,
  recognize(value: string, _ctx: RecognizerContext): PiiMatch[] {
    const matches: PiiMatch[] = [];
    for (const m of value.matchAll(URL_PATTERN)) {
      const text = trimUrl(m[0]);
      const start = m.index;
      const host = hostOf(text);
      // A scheme with no host (`http://`) or a host without a dot (`http://foo`) is no address.
      if (!/[A-Za-z0-9]\.[A-Za-z]|^localhost|^\[/i.test(host) && !/^\d+(?:\.\d+){3}/.test(host)) continue;
      const score = NEUTRAL_HOST.test(host) ? 0.3 : 0.6;
      matches.push({ entity: 'URL', start, end: start + text.length, score, recognizer: 'url' });
      const credentials = USERINFO.exec(text);
      if (credentials && !isPlaceholderSecret(credentials[2])) {
        const secretStart = start + text.indexOf(':', text.indexOf('://') + 3) + 1;
        matches.push({ entity: 'SECRET', start: secretStart, end: secretStart + credentials[2].length, score: 0.9, recognizer: 'url' });
      }
    }
    return matches;
  },
};
