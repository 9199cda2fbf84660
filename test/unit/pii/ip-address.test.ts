import { test } from 'node:test';
import assert from 'node:assert/strict';
import { found, foundOf } from './pii-test-helpers';

test('ip: IPv4 with valid octets, with ports and in punctuation', () => {
  assert.deepEqual(found('blocked 81.2.69.160 again'), ['IP_ADDRESS:81.2.69.160']);
  assert.deepEqual(foundOf('IP_ADDRESS', 'client_ip = ?|106.31.73.20|'), ['106.31.73.20']);
  assert.deepEqual(foundOf('IP_ADDRESS', 'http://10.1.2.3:8080/x and 192.168.0.17.'), ['10.1.2.3', '192.168.0.17']);
  // Four small numbers need IP context.
  assert.deepEqual(foundOf('IP_ADDRESS', 'server ip 1.2.3.4'), ['1.2.3.4']);
});

test('ip: IPv6 full, compressed and embedded', () => {
  assert.deepEqual(foundOf('IP_ADDRESS', 'from 2001:4860:4860::8888 today'), ['2001:4860:4860::8888']);
  assert.deepEqual(foundOf('IP_ADDRESS', 'addr 6e40:4041:c617:e898:c11:40d2:c669:2eb4.'), ['6e40:4041:c617:e898:c11:40d2:c669:2eb4']);
  assert.deepEqual(foundOf('IP_ADDRESS', 'link fe80::1ff:fe23:4567:890a'), ['fe80::1ff:fe23:4567:890a']);
});

test('ip: not versions, dotted runs, bad octets, times, MACs, C++ scopes or reserved addresses', () => {
  for (const value of [
    'release 1.2.3.4.5',
    'upgrade to v1.2.3.4',
    'Version=4.0.0.0',
    '256.1.1.1',
    '1.2.3',
    '10.0.0',
    '01.02.03.04',
    'meet at 12:30:45',
    'mac 00:1A:2B:3C:4D:5E',
    'std::vector<int> v;',
    'localhost is 127.0.0.1',
    'netmask 255.255.255.0',
    'listen on 0.0.0.0',
    'ip ::1',
    'pi is 3.14159',
    'see section 11.6.2.2',
    'metadata at 169.254.169.254',
    'e.g. 1.2.3.4 or 7.6.1.1',
  ]) {
    assert.deepEqual(foundOf('IP_ADDRESS', value), [], value);
  }
});
