import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anonymizeValue } from '../../../src/core/anonymize/anonymize-value';
import { hashValue } from '../../../src/core/anonymize/hash';
import { mask } from '../../../src/core/anonymize/mask';
import { redact } from '../../../src/core/anonymize/redact';
import { PII_ENTITIES } from '../../../src/core/lint/finding';

const salt = 'unit-test-salt-0123456789abcdef';

describe('redact', () => {
  it('replaces any value by its entity tag', () => {
    assert.equal(redact('EMAIL', 'a@b.com'), '[EMAIL]');
    assert.equal(redact('US_SSN', '123-45-6789'), '[US_SSN]');
  });
});

describe('mask', () => {
  it('keeps the last 4 digits and every separator of numbers', () => {
    assert.equal(mask('US_SSN', '123-45-6789'), '***-**-6789');
    assert.equal(mask('CREDIT_CARD', '4242 4242 4242 4242'), '**** **** **** 4242');
    assert.equal(mask('PHONE', '+1 (415) 555-2671'), '+* (***) ***-2671');
    assert.equal(mask('IBAN', 'DE89 3704 0044 0532 0130 00'), '**** **** **** **** **30 00');
  });

  it('never shows more than half of a short number', () => {
    assert.equal(mask('PHONE', '12-34'), '**-34');
    assert.equal(mask('PHONE', '123'), '**3');
  });

  it('masks emails as first letter, fixed run, top-level domain', () => {
    assert.equal(mask('EMAIL', 'john.doe@example.com'), 'j***@e***.com');
    assert.equal(mask('EMAIL', 'x@localhost'), 'x***@l***');
  });

  it('keeps only the first character of other entities, counting code points', () => {
    assert.equal(mask('PERSON', 'Jane Doe'), 'J*******');
    assert.equal(mask('PERSON', '😀ab'), '😀**');
    assert.equal(mask('EMAIL', 'not-an-email'), 'n***********');
  });

  it('uses the configured mask character and rejects a multi-character one', () => {
    assert.equal(mask('US_SSN', '123-45-6789', { maskChar: '•' }), '•••-••-6789');
    assert.throws(() => mask('US_SSN', '123-45-6789', { maskChar: '##' }), /one character/);
  });
});

describe('hashValue', () => {
  it('writes a truncated keyed hash tagged with the entity', () => {
    const tag = hashValue('EMAIL', 'jane@example.com', { salt });
    assert.match(tag, /^<EMAIL:[0-9a-f]{8}>$/);
    assert.equal(hashValue('EMAIL', 'jane@example.com', { salt }), tag);
    assert.notEqual(hashValue('EMAIL', 'jane@example.com', { salt: salt + 'x' }), tag);
    assert.notEqual(hashValue('EMAIL', 'jane2@example.com', { salt }), tag);
    assert.match(hashValue('EMAIL', 'jane@example.com', { salt, hashLength: 16 }), /^<EMAIL:[0-9a-f]{16}>$/);
  });

  it('refuses to hash without a salt, since plain hashes of short values can be reversed', () => {
    assert.throws(() => hashValue('US_SSN', '123-45-6789'), /salt/);
    assert.throws(() => hashValue('US_SSN', '123-45-6789', { salt: '' }), /salt/);
    assert.throws(() => hashValue('US_SSN', '1', { salt, hashLength: 2 }), /hashLength/);
  });
});

describe('anonymizeValue', () => {
  it('dispatches to each operator for every entity', () => {
    for (const entity of PII_ENTITIES) {
      assert.equal(anonymizeValue(entity, 'Value 123', 'redact'), `[${entity}]`);
      assert.equal(anonymizeValue(entity, 'Value 123', 'mask'), mask(entity, 'Value 123'));
      assert.equal(anonymizeValue(entity, 'Value 123', 'hash', { salt }), hashValue(entity, 'Value 123', { salt }));
      assert.notEqual(anonymizeValue(entity, 'Value 123', 'pseudonymize', { salt }), 'Value 123');
    }
  });

  it('rejects an unknown operator', () => {
    assert.throws(() => anonymizeValue('EMAIL', 'a@b.c', 'shred' as never), /Unknown anonymization operator "shred"/);
  });
});
