import { describe, expect, test } from 'vitest'
import { networkPrefix } from './network-prefix'

describe('networkPrefix', () => {
  test('keeps an IPv4 address’s /24 and an IPv6 address’s /48, never the address', () => {
    expect(networkPrefix('203.0.113.77')).toBe('203.0.113.0/24')
    expect(networkPrefix('2001:db8:abcd:12:1::5')).toBe('2001:db8:abcd::/48')
    expect(networkPrefix('2001:0DB8:00AB:FFFF:0000:0000:0000:0001')).toBe('2001:db8:ab::/48')
  })

  test('an IPv4 address written as IPv6 is IPv4', () => {
    expect(networkPrefix('::ffff:198.51.100.9')).toBe('198.51.100.0/24')
  })

  test('no address, or not an address, gives null', () => {
    for (const value of [undefined, '', 'unknown', '300.1.1.1', '203.0.113.7/24', 'fe80::1%eth0x y']) expect(networkPrefix(value)).toBeNull()
  })
})
