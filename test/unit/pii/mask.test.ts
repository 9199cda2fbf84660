import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskValue } from '../../../src/core/lint/pii/mask';

test('mask: emails keep the first letters and the TLD', () => {
  assert.equal(maskValue('EMAIL', 'john.doe@example.com'), 'j***@e***.com');
  assert.equal(maskValue('EMAIL', 'jane@mail.acme.co.uk'), 'j***@m***.uk');
});

test('mask: numbers keep their last 4 digits and their separators', () => {
  assert.equal(maskValue('US_SSN', '536-22-1234'), '***-**-1234');
  assert.equal(maskValue('CREDIT_CARD', '4111 1111 1111 1234'), '**** **** **** 1234');
  assert.equal(maskValue('PHONE', '+44 20 7946 0958'), '+** ** **** 0958');
  assert.equal(maskValue('IBAN', 'GB82 WEST 1234 5698 7654 32'), '**** **** **** **** **54 32');
  // Never more than half: a 7-digit number shows 3.
  assert.equal(maskValue('PHONE', '555-0100'), '***-*100');
});

test('mask: IPs, secrets, URLs, dates and names', () => {
  assert.equal(maskValue('IP_ADDRESS', '192.168.1.20'), '192.***.***.***');
  assert.equal(maskValue('IP_ADDRESS', '2001:db8::1'), '2001:***::***');
  assert.equal(maskValue('SECRET', ['AKIA', '2OGYBAH6TLKWNQZ7'].join('')), 'AKIA************');
  assert.equal(maskValue('SECRET', 'hunter2!x'), 'hu*******');
  assert.equal(maskValue('URL', 'https://bob:pw@www.acme.io/users/42?x=1'), 'https://w***.io/***');
  assert.equal(maskValue('URL', 'www.acme.io'), 'w***.io');
  assert.equal(maskValue('DATE_OF_BIRTH', '1985-03-12'), '****-**-**');
  assert.equal(maskValue('PERSON', 'John Doe'), 'J*** D***');
  assert.equal(maskValue('LOCATION', 'Zürich Straße 5'), 'Z*** S*** 5***');
  // An address over several lines is masked on one line (messages and text output are one line per finding).
  assert.equal(maskValue('LOCATION', '12 Main St\nApt 4,\r\n Springfield'), '1*** M*** S*** A*** 4*** S***');
});

test('mask: never the whole value; 4 characters or fewer are all stars', () => {
  assert.equal(maskValue('PERSON', 'Al'), '**');
  assert.equal(maskValue('SECRET', 'abcd'), '****');
  assert.equal(maskValue('PHONE', '12345'), '***45');
  for (const [entity, value] of [['EMAIL', 'a@b.co'], ['SECRET', 'abcdefgh'], ['PERSON', 'Bob'], ['URL', 'http://a.io']] as const) {
    assert.notEqual(maskValue(entity, value), value);
  }
});
