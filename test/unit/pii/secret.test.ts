import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksRandom, shannonEntropy } from '../../../src/core/lint/pii/recognizers/secret';
import { found, foundOf } from './pii-test-helpers';

// Token-shaped test values are assembled at run time so this file holds no literal credential
// that a repository secret scanner would (rightly) complain about.
const ALNUM = 'aB3dE5fG7hJ9kL2mN4pQ6rS8tU0vW1xY';
const b64url = (s: string): string => Buffer.from(s).toString('base64url');

test('secret: entropy of simple strings worked out by hand', () => {
  assert.equal(shannonEntropy('aaaa'), 0);
  assert.equal(shannonEntropy('abab'), 1);
  assert.equal(shannonEntropy('abcd'), 2);
  assert.ok(looksRandom('Zx8kP2qL9vR4tY7wB3nM6cD1fG5hJ0sA'));
  assert.equal(looksRandom('getAccessTokenFromCache'), false);
  assert.equal(looksRandom('123e4567-e89b-12d3-a456-426614174000'), false);
});

test('secret: well-known token shapes', () => {
  const aws = ['AK', 'IA', '2OGYBAH6TLKWNQZ7'].join('');
  const github = ['gh', 'p_', ALNUM, 'Zq9K'].join('');
  const slack = ['xo', 'xb-', '1234567890-', '9876543210987-', ALNUM.slice(0, 24)].join('');
  const stripe = ['sk', '_live_', ALNUM.slice(0, 24)].join('');
  const google = ['AI', 'za', ALNUM, 'Qw3'].join('');
  const hf = ['hf', '_', 'abcdefghijKLMNOPQRSTuvwxyz0123456789'.slice(0, 34)].join('');
  for (const token of [aws, github, slack, stripe, google, hf]) {
    assert.deepEqual(found(`export TOKEN_VALUE ${token} # note`), [`SECRET:${token}`], token);
  }
  // AWS's documented sample key is not a credential.
  assert.deepEqual(foundOf('SECRET', ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('')), []);
});

test('secret: JWT whose header decodes to JSON with alg', () => {
  const jwt = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"1234567890","name":"X"}')}.${ALNUM}`;
  assert.deepEqual(found(`Authorization: Bearer ${jwt}`), [`SECRET:${jwt}`]);
  const notJwt = `${b64url('{"foo":"bar","baz":1}')}.${b64url('{"sub":"1234567890"}')}.${ALNUM}`;
  assert.deepEqual(foundOf('SECRET', `value ${notJwt}`), []);
});

test('secret: PEM private key blocks, not placeholders', () => {
  const body = `${ALNUM}${ALNUM}\n${ALNUM}${ALNUM}`;
  const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`;
  assert.deepEqual(foundOf('SECRET', `key:\n${pem}\n`), [pem]);
  assert.deepEqual(foundOf('SECRET', '-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----'), []);
});

test('secret: random-looking strings only next to key/token/password words', () => {
  const random = 'Zx8kP2qL9vR4tY7wB3nM6cD1fG5hJ0sA';
  assert.deepEqual(foundOf('SECRET', `api_key = '${random}'`), [random]);
  assert.deepEqual(foundOf('SECRET', `"client_secret": "${random}=="`), [`${random}==`]);
  assert.deepEqual(foundOf('SECRET', random, { field: 'api_key' }), [random]);
  assert.deepEqual(foundOf('SECRET', `the sample id ${random} is here`), []);
});

test('secret: password assignments, not placeholders or code', () => {
  assert.deepEqual(foundOf('SECRET', 'password = "hunter2!x"'), ['hunter2!x']);
  assert.deepEqual(foundOf('SECRET', '{"pwd": "s3cr3t-Pw"}'), ['s3cr3t-Pw']);
  for (const value of ['password = os.environ', 'password: ${DB_PASSWORD}', 'password = "<your password>"', 'password: required', 'pwd = getpass']) {
    assert.deepEqual(foundOf('SECRET', value), [], value);
  }
});

test('secret: not UUIDs, hashes, identifiers or long words', () => {
  for (const value of [
    'token 123e4567-e89b-12d3-a456-426614174000',
    'commit da39a3ee5e6b4b0d3255bfef95601890afd80709 fixed the key handling',
    'sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 of the key file',
    'md5 d41d8cd98f00b204e9800998ecf8427e',
    'Release GPG key: F3EF5F62A87FC27A22E643F714CE4FF5015AA242',
    'the key is getAccessTokenFromCache()',
    'token counts: supercalifragilisticexpialidocious',
    'the api is at /usr/local/lib/python3.11/site-packages',
  ]) {
    assert.deepEqual(foundOf('SECRET', value), [], value);
  }
});
