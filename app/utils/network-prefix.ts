import ipaddr from 'ipaddr.js'

/**
 * The network a client address belongs to, as kept in consent records: the IPv4 /24 or IPv6 /48
 * prefix (e.g. "203.0.113.0/24", "2001:db8:abcd::/48"), enough to tell where a confirmation came
 * from without keeping the address of one device. An IPv4 address written as IPv6
 * ("::ffff:203.0.113.7") is IPv4. Anything that is not an address gives null.
 */
export function networkPrefix(clientIp: string | undefined): string | null {
  if (!clientIp || !ipaddr.isValid(clientIp)) return null
  const address = ipaddr.process(clientIp)
  if (address.kind() === 'ipv4') return `${ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/24`).toString()}/24`
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/48`).toString()}/48`
}
