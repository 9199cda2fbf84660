import { test } from 'node:test';
import assert from 'node:assert/strict';
import { found, foundOf } from './pii-test-helpers';

test('email: finds addresses with dots, plus tags and sub-domains, exact offsets', () => {
  assert.deepEqual(found('Write to jane.doe+news@mail.acme.co.uk today.'), ['EMAIL:jane.doe+news@mail.acme.co.uk']);
  assert.deepEqual(foundOf('EMAIL', 'a: x_y@b-c.io, b: Z.Q@Example.ORG'), ['x_y@b-c.io', 'Z.Q@Example.ORG']);
  assert.deepEqual(foundOf('EMAIL', '<john@acme.com>'), ['john@acme.com']);
});

test('email: not decorators, scoped packages, versions, file names, SSH remotes or URL credentials', () => {
  for (const value of [
    '@property def x(self): ...',
    'npm i @types/node',
    'pin foo@1.2.3 in package.json',
    'icon@2x.png and chunk@3.js',
    'git clone git@github.com:org/repo.git',
    'a..b@acme.com',
  ]) {
    assert.deepEqual(foundOf('EMAIL', value), [], value);
  }
  // The password part of a URL's userinfo is not a mailbox.
  assert.deepEqual(foundOf('EMAIL', 'postgres://admin:pw@db.acme.io/app'), []);
});
