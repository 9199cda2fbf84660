import { test } from 'node:test';
import assert from 'node:assert/strict';
import { found, foundOf } from './pii-test-helpers';

test('url: http, https, ftp and www. URLs, trailing punctuation trimmed', () => {
  assert.deepEqual(found('My website is https://www.ArtistMovie.se/'), ['URL:https://www.ArtistMovie.se/']);
  assert.deepEqual(foundOf('URL', '(see https://acme.io/docs/a_(b)).'), ['https://acme.io/docs/a_(b)']);
  assert.deepEqual(foundOf('URL', 'Files: ftp://files.acme.net/pub/x.csv, and www.shop.co.uk/cart?id=7!'), ['ftp://files.acme.net/pub/x.csv', 'www.shop.co.uk/cart?id=7']);
  assert.deepEqual(foundOf('URL', '"http://203.0.114.7/admin"'), ['http://203.0.114.7/admin']);
});

test('url: credentials in the userinfo are a SECRET beside the URL', () => {
  // Other schemes are no web address, but their credentials still are secrets.
  assert.deepEqual(found('connect to postgres://admin:Sup3rS3cret@db.acme.io:5432/app now'), ['SECRET:Sup3rS3cret']);
  const https = 'https://alice:hunter2x@git.acme.io/repo.git';
  assert.deepEqual(found(https), [`URL:${https}`, 'SECRET:hunter2x']);
  // Placeholders are not credentials.
  assert.deepEqual(found('https://user:xxxx@git.acme.io/x'), ['URL:https://user:xxxx@git.acme.io/x']);
  assert.deepEqual(found('mongodb://app:${MONGO_PASSWORD}@db.acme.io/x'), []);
});

test('url: not bare schemes, hosts without a dot, local hosts or example domains', () => {
  for (const value of ['the http:// prefix', 'http://intranet/x', 'http://localhost:3000/x', 'https://example.com/a', 'https://api.example.org/v1', 'see acme.com for details']) {
    assert.deepEqual(foundOf('URL', value), [], value);
  }
});
