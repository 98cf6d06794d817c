import { lookup } from 'node:dns/promises'
import ipaddr from 'ipaddr.js'

// Where a webhook may go. An endpoint's host must resolve only to public unicast addresses:
// anything ipaddr.js names otherwise (loopback, private, linkLocal, uniqueLocal,
// carrierGradeNat, multicast, unspecified, broadcast, reserved, 6to4 and friends) is refused,
// so an organizer cannot aim Quorum at its own machine or network. The check runs when an
// endpoint is saved and again before every attempt, and the request then connects to the very
// address that was checked, so a DNS answer that changes in between cannot slip past it.

export interface AddressRules {
  /** Allow 127.0.0.0/8 and ::1 (a receiver on this machine: development, tests). */
  allowLoopback: boolean
  /** Allow plain http to any host (outside production). Loopback may use http when allowed. */
  allowHttp: boolean
}

/** The rules of production: public https endpoints only. */
export const PRODUCTION_RULES: AddressRules = { allowLoopback: false, allowHttp: false }

export type Resolve = (host: string) => Promise<Array<{ address: string; family: number }>>

const systemResolve: Resolve = (host) => lookup(host, { all: true, verbatim: true })

/** `unresolved`: DNS gave no answer (may pass); `refused`: the address is not allowed. */
export type CheckedAddress = { ok: true; address: string; family: 4 | 6 } | { ok: false; kind: 'unresolved' | 'refused'; reason: string }

/** The name of the range an address is refused for, or null when it may be reached. */
export function refusedRange(address: string, rules: AddressRules): string | null {
  if (!ipaddr.isValid(address)) return 'invalid'
  // process() turns an IPv4-mapped IPv6 address (::ffff:10.0.0.1) into the IPv4 it stands for.
  const range = ipaddr.process(address).range()
  if (range === 'unicast') return null
  if (range === 'loopback' && rules.allowLoopback) return null
  return range
}

/**
 * Resolves an endpoint's host and checks every address it resolves to; any refused address
 * refuses the host. Returns the address to connect to.
 */
export async function checkWebhookHost(url: URL, rules: AddressRules, resolve: Resolve = systemResolve): Promise<CheckedAddress> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
  let addresses: Array<{ address: string; family: number }>
  try {
    addresses = ipaddr.isValid(host) ? [{ address: host, family: host.includes(':') ? 6 : 4 }] : await resolve(host)
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'error'
    return { ok: false, kind: 'unresolved', reason: `${host} could not be resolved (${code}).` }
  }
  if (addresses.length === 0) return { ok: false, kind: 'unresolved', reason: `${host} could not be resolved.` }
  for (const { address } of addresses) {
    const range = refusedRange(address, rules)
    if (range) return { ok: false, kind: 'refused', reason: `${host} resolves to ${address}, a ${range} address: webhooks go to public addresses only.` }
  }
  const first = addresses[0]!
  const loopback = addresses.every(({ address }) => ipaddr.process(address).range() === 'loopback')
  if (url.protocol === 'http:' && !rules.allowHttp && !loopback) return { ok: false, kind: 'refused', reason: 'Use an https:// address: plain http is allowed only outside production.' }
  return { ok: true, address: first.address, family: first.family === 6 ? 6 : 4 }
}
