/** The client address (trusted proxy or socket) and its rate-limit key (IPv6 per /64). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anonymizeAddress, clientAddress, clientKey } from '../../src/policy/client-address.js';

describe('client address and key', () => {
  it('keys IPv4 by address and IPv6 by /64', () => {
    assert.equal(clientKey('192.0.2.1'), '192.0.2.1');
    assert.equal(clientKey('::ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(clientKey('2001:db8:1:2:3:4:5:6'), '2001:0db8:0001:0002::/64');
    assert.equal(clientKey('2001:db8:1:2::9'), '2001:0db8:0001:0002::/64');
    assert.equal(clientKey('2001:DB8:1:2:ffff::1'), '2001:0db8:0001:0002::/64');
    assert.notEqual(clientKey('2001:db8:1:3::1'), clientKey('2001:db8:1:2::1'));
    assert.equal(clientKey('::1'), '0000:0000:0000:0000::/64');
  });

  it('takes X-Forwarded-For only behind a trusted proxy, last hop first', () => {
    assert.equal(clientAddress('10.0.0.1', '1.2.3.4, 5.6.7.8', false), '10.0.0.1');
    assert.equal(clientAddress('10.0.0.1', '1.2.3.4, 5.6.7.8', true), '5.6.7.8');
    assert.equal(clientAddress('10.0.0.1', 'garbage', true), '10.0.0.1');
  });
});

describe('anonymized address (the request log)', () => {
  it('drops the last byte of IPv4 and keeps the /48 of IPv6', () => {
    assert.equal(anonymizeAddress('203.0.113.77'), '203.0.113.0');
    assert.equal(anonymizeAddress('::ffff:198.51.100.9'), '198.51.100.0');
    assert.equal(anonymizeAddress('2001:db8:85a3:1234:5678::1'), '2001:db8:85a3::');
    assert.equal(anonymizeAddress('2001:DB8:0:1::1'), '2001:db8:0::');
    assert.equal(anonymizeAddress('::1'), '0:0:0::');
  });

  it('never passes on something that is not an address', () => {
    for (const junk of ['unknown', '', 'ada@example.com', '1.2.3', 'fe80::1%eth0<script>'])
      assert.equal(anonymizeAddress(junk), 'unknown', junk);
  });
});
