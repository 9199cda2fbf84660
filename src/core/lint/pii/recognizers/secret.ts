import { NO_MATCHES, type PiiMatch, type Recognizer, type RecognizerContext } from '../recognizer';
import { contextPattern, fieldSuggests, hasContextNear } from '../context-words';
import { MARK_AWS, MARK_COLON, MARK_EQUALS, MARK_PEM, MARK_SCHEME, valueHints, type ValueHints } from '../value-hints';

/** A credential with a recognisable shape, and how sure its shape alone makes us. */
interface SecretShape {
  name: string;
  pattern: RegExp;
  score: number;
  /** Extra test for shapes whose free-form body could also be an ordinary identifier. */
  check?: (text: string) => boolean;
}

const EDGE_BEFORE = String.raw`(?<![A-Za-z0-9_\-])`;
const EDGE_AFTER = String.raw`(?![A-Za-z0-9_\-])`;
const shape = (name: string, body: string, score: number, check?: (text: string) => boolean): SecretShape => ({
  name,
  pattern: new RegExp(`${EDGE_BEFORE}${body}${EDGE_AFTER}`, 'g'),
  score,
  check,
});
const hasDigit = (t: string): boolean => /\d/.test(t);
const mixedAlphanumeric = (t: string): boolean => /\d/.test(t) && /[a-z]/.test(t) && /[A-Z]/.test(t);

const SHAPES: readonly SecretShape[] = [
  shape('aws-access-key-id', '(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z0-9]{16}', 0.95),
  shape('github-token', 'gh[pousr]_[A-Za-z0-9]{36,251}', 0.95),
  shape('github-fine-grained-token', 'github_pat_[A-Za-z0-9_]{60,240}', 0.95),
  shape('slack-token', 'xox[baprs]-[A-Za-z0-9\\-]{10,250}', 0.95, hasDigit),
  shape('stripe-live-key', '(?:sk|rk)_live_[A-Za-z0-9]{20,247}', 0.95),
  shape('google-api-key', 'AIza[0-9A-Za-z_\\-]{35}', 0.95),
  shape('huggingface-token', 'hf_[A-Za-z0-9]{34,40}', 0.9),
  shape('npm-token', 'npm_[A-Za-z0-9]{36}', 0.9),
  shape('gitlab-token', 'glpat-[A-Za-z0-9_\\-]{20,50}', 0.9),
  // OpenAI (`sk-`, `sk-proj-`) and Anthropic (`sk-ant-api03-`) keys.
  shape('llm-api-key', 'sk-(?:ant-(?:api|admin)\\d\\d-|proj-|svcacct-|admin-)?[A-Za-z0-9_\\-]{32,200}', 0.85, mixedAlphanumeric),
];

const AWS_SHAPES = SHAPES.filter((s) => s.name === 'aws-access-key-id');

const PEM = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----(?:[\s\S]*?-----END \1-----|[A-Za-z0-9+/=\s:\-,]*)/g;
/** A JWT starting exactly at `lastIndex`: header and payload base64url, signature may be empty (`alg: none`). */
const JWT = /eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*(?![A-Za-z0-9_\-.])/y;
/** Cheap look inside one long token for any shape's prefix, case-sensitive as the prefixes are. */
const SHAPE_PREFIX = /A(?:KIA|SIA|BIA|CCA|GPA|IDA|IPA|NPA|NVA|ROA|PKA|SCA)|gh[pousr]_|github_pat_|xox[baprs]-|_live_|AIza|hf_|npm_|glpat-|sk-/;
const CONTEXT = contextPattern([
  'key', 'apikey*', 'api key', 'api token', 'api secret', 'token*', 'secret*', 'password*', 'passwd', 'pwd',
  'pass', 'auth', 'authorization', 'bearer', 'credential*', 'private key', 'access key', 'signing key',
  'client secret', 'x-api-key',
]);
/** Words that say a hex string is a digest, not a credential: `commit 1a2b…`, `sha256: …`. */
const DIGEST_BEFORE = /\b(?:commit|sha\d*|md5|hash|checksum|digest|etag|revision|rev|object|blob|tree|fingerprint|crc\d*|gpg|pgp|gnupg|public|key ?id|keyid)\b[^.!?\n]{0,16}$/i;
/** `scheme://user:password@host` in any scheme (database and broker URLs included). */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/]*:([^\s@/]+)@(?=[^\s/@])/gi;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// `password = "hunter2!"`, `"pwd": "s3cret"`: a password-like key assigned a literal.
const PASSWORD_ASSIGNMENT = /\b(?:password|passwd|pwd|passphrase|db_pass|pass)["']?\s*[:=]\s*["']?([^\s"'`,;{}()[\]<>]{6,128})/gi;
/** Random-looking strings shorter than this are not reported on entropy alone. */
const MIN_RANDOM_LENGTH = 20;

/** `/`, `+` and `-` are cut off the front of a token's body. */
function isBodyTrim(c: number): boolean {
  return c === 47 || c === 43 || c === 45;
}

function secretMatch(start: number, end: number, score: number): PiiMatch {
  return { entity: 'SECRET', start, end, score, recognizer: 'secret' };
}

/** Appends matches of the credential shapes in `text`, which starts at `offset` in the value. */
function matchShapes(text: string, offset: number, into: PiiMatch[], shapes: readonly SecretShape[] = SHAPES): void {
  for (const s of shapes) {
    for (const m of text.matchAll(s.pattern)) {
      if (s.check && !s.check(m[0])) continue;
      // AWS documents its sample keys with an EXAMPLE suffix; they are not credentials.
      into.push(secretMatch(offset + m.index, offset + m.index + m[0].length, /EXAMPLE/.test(m[0]) ? 0.2 : s.score));
    }
  }
}

/** Whitespace as `\s` of a regex without the `u` flag knows it. */
function isRegexSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** True when value[0, end) ends with `word` (lowercase ASCII letters), in either case. */
function endsWithWord(value: string, end: number, word: string): boolean {
  if (end < word.length) return false;
  for (let i = 0; i < word.length; i++) {
    if ((value.charCodeAt(end - word.length + i) | 32) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * A password assignment (PASSWORD_ASSIGNMENT) needs a password word right before a `:` or `=`,
 * past an optional quote and spaces; looking only there keeps the word search off the whole value.
 */
function mayAssignPassword(value: string, marks: number): boolean {
  if ((marks & (MARK_EQUALS | MARK_COLON)) === 0) return false;
  // mayMatch and recognize ask about the same value one after the other.
  if (value === lastAssignmentValue) return lastAssignmentAnswer;
  lastAssignmentValue = value;
  lastAssignmentAnswer = ((marks & MARK_COLON) !== 0 && findsAssignment(value, ':')) || ((marks & MARK_EQUALS) !== 0 && findsAssignment(value, '='));
  return lastAssignmentAnswer;
}

let lastAssignmentValue: string | undefined;
let lastAssignmentAnswer = false;

/** True when some `sign` (`:` or `=`) in the value follows a password word; indexOf skips prose natively. */
function findsAssignment(value: string, sign: string): boolean {
  for (let at = value.indexOf(sign); at >= 0; at = value.indexOf(sign, at + 1)) {
    let end = at;
    while (end > 0 && isRegexSpace(value.charCodeAt(end - 1))) end--;
    const quote = value.charCodeAt(end - 1);
    if (quote === 34 || quote === 39) end--;
    // password, passwd, pwd, passphrase, db_pass, pass
    if (endsWithWord(value, end, 'pass') || endsWithWord(value, end, 'pwd') || endsWithWord(value, end, 'passwd') || endsWithWord(value, end, 'password') || endsWithWord(value, end, 'passphrase')) return true;
  }
  return false;
}

/** Shannon entropy in bits per UTF-16 unit. */
export function shannonEntropy(text: string): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * True when `text` looks randomly generated: a hex run, or a base64 run with digits and both
 * cases, whose entropy is at least 80% of the most its length and alphabet allow. Identifiers
 * (`getAccessTokenFromCache`), paths and words fall short of one of these.
 */
export function looksRandom(text: string): boolean {
  const body = text.replace(/=+$/, '');
  if (body.length < 20 || UUID.test(body)) return false;
  const hex = /^[0-9a-f]+$/.test(body) || /^[0-9A-F]+$/.test(body);
  if (!hex && !(/\d/.test(body) && /[a-z]/.test(body) && /[A-Z]/.test(body))) return false;
  const alphabet = hex ? 16 : 64;
  return shannonEntropy(body) >= 0.8 * Math.log2(Math.min(body.length, alphabet));
}

/** True when the header of a JWT decodes to a JSON object with an `alg`. */
function jwtHeaderValid(token: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

/** Placeholders people write where a secret would go: `<your-key>`, `${TOKEN}`, `xxxx`, `changeme`. */
export function isPlaceholderSecret(text: string): boolean {
  return /^(?:<[^>]*>|\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|\{\{[^}]*\}\}|%[A-Z_]+%|x{4,}|\*{3,}|\.{3,}|(?:your|my|the)[_-].*|changeme|password\d*|pass|secret|example|redacted|placeholder|null|none|undefined|true|false)$/i.test(text);
}

/** Code on the right of `password =`: `os.environ`, `config.db.password`, a plain variable name. */
function isCodeReference(text: string): boolean {
  return /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(text) || /^[a-z_]+$/.test(text);
}

/**
 * Secrets: private key blocks, well-known token formats (AWS, GitHub, Slack, Stripe, Google, JWT,
 * Hugging Face, npm, GitLab, OpenAI/Anthropic), password assignments, and random-looking strings
 * next to key/token/secret/password words.
 */
export const secretRecognizer: Recognizer = {
  id: 'secret',
  entity: 'SECRET',
  mayMatch: (value, hints) => {
    const { longTokens, marks } = hints ?? valueHints(value);
    return longTokens.length > 0 || (marks & (MARK_PEM | MARK_SCHEME | MARK_AWS)) !== 0 || mayAssignPassword(value, marks);
  },
  recognize(value: string, ctx: RecognizerContext, hints?: ValueHints): PiiMatch[] {
    let matches: PiiMatch[] | undefined;
    const push = (start: number, end: number, score: number): number => (matches ??= []).push(secretMatch(start, end, score));
    const { longTokens, marks } = hints ?? valueHints(value);
    if ((marks & MARK_PEM) !== 0) {
      for (const m of value.matchAll(PEM)) {
        // `-----BEGIN PRIVATE KEY-----\n...` in docs has no key material.
        if ((m[0].slice(m[1].length + 16).match(/[A-Za-z0-9+/]/g) ?? []).length >= 40) push(m.index, m.index + m[0].trimEnd().length, 1);
      }
    }
    let field: boolean | undefined;
    // Every shape is one long run of token characters, so only those runs are examined.
    for (let i = 0; i < longTokens.length; i += 2) {
      const start = longTokens[i];
      const tokenEnd = longTokens[i + 1];
      if (value.startsWith('eyJ', start) && value.charCodeAt(tokenEnd) === 46) {
        JWT.lastIndex = start;
        const jwt = JWT.exec(value);
        if (jwt && jwtHeaderValid(jwt[0])) {
          push(start, start + jwt[0].length, 0.9);
          continue;
        }
      }
      const token = value.slice(start, tokenEnd);
      if (SHAPE_PREFIX.test(token)) matchShapes(token, start, (matches ??= []));
      // The body: the token without leading `/+-`, with up to two `=` of padding after it.
      let end = tokenEnd;
      while (end < value.length && end - tokenEnd < 2 && value.charCodeAt(end) === 61) end++;
      let bodyStart = start;
      while (bodyStart < end && isBodyTrim(value.charCodeAt(bodyStart))) bodyStart++;
      if (end - bodyStart < MIN_RANDOM_LENGTH) continue;
      const body = value.slice(bodyStart, end);
      // Most long tokens are hyphenated words and ids: the shape test is the cheapest to fail.
      if (!looksRandom(body)) continue;
      // Hex strings are digests (commits, checksums) far more often than keys: they need the
      // key word right before them and no digest word.
      const hex = /^[0-9a-fA-F]+$/.test(body);
      field ??= fieldSuggests(ctx, 'SECRET');
      if (!field && !hasContextNear(value, bodyStart, end, CONTEXT, hex ? 24 : 40, 0, true)) continue;
      if (hex && DIGEST_BEFORE.test(value.slice(Math.max(0, bodyStart - 32), bodyStart))) continue;
      push(bodyStart, end, hex ? 0.55 : 0.7);
    }
    if ((marks & MARK_SCHEME) !== 0) {
      for (const m of value.matchAll(URL_CREDENTIALS)) {
        const password = m[1];
        if (isPlaceholderSecret(password)) continue;
        const start = m.index + m[0].length - 1 - password.length;
        push(start, start + password.length, 0.9);
      }
    }
    // An AWS key id of letters only (1 in 30) has no digit to be found by; look for it directly.
    if ((marks & MARK_AWS) !== 0) matchShapes(value, 0, (matches ??= []), AWS_SHAPES);
    if (mayAssignPassword(value, marks)) {
      for (const m of value.matchAll(PASSWORD_ASSIGNMENT)) {
        const secret = m[1];
        if (isPlaceholderSecret(secret) || isCodeReference(secret)) continue;
        const start = m.index + m[0].length - secret.length;
        push(start, start + secret.length, 0.6);
      }
    }
    return matches ?? NO_MATCHES;
  },
};
