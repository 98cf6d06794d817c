import autocannon from 'autocannon'
import { type CpuUse, startCpuMeter } from './cpu'
import type { LoadOptions } from './load'

// Pledges POSTed through the real form action with autocannon: every request has its own email
// address and its own client address (X-Forwarded-For, trusted with TRUST_PROXY=loopback), so the sign-up
// rate limits (per IP and per email) never apply, while staying on as in production.

export interface PledgeTarget {
  baseUrl: string
  path: string
  /** Content type, and Origin and Host of the APP_URL: the CSRF guards refuse POSTs from elsewhere. */
  headers: Record<string, string>
  /** Where a successful pledge redirects to. */
  expectedLocation: string
  /** Addresses are `<prefix><n>@example.org`. */
  emailPrefix: string
}

export interface PledgeMeasurement {
  pledgesPerSecond: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** Responses by status, warm-up included. */
  statuses: Record<string, number>
  /** 302s somewhere else than `expectedLocation`, warm-up included. */
  wrongRedirects: number
  /** Connection errors and timeouts (after TIMEOUT_SECONDS), warm-up included. */
  errors: number
  /** The first response that was not the expected redirect. */
  firstFailure: string | null
  /** Average cores used during the measured part: server, load generator, database, whole machine. */
  cpu: CpuUse
  /** When the load stopped. */
  endedAt: string
}

/** A browser waits far longer than autocannon's default of 10 s for a form to be answered. */
const TIMEOUT_SECONDS = 30

/** One counter for the whole run: no two requests share an address, even across runs. */
let sent = 0

/** 10.x.y.z from a counter: 16 million distinct client addresses. */
export function clientIp(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

export function pledgeForm(email: string, shares: number): string {
  return new URLSearchParams({ email, intention: 'for', shares: String(shares), holderType: 'retail', broker: 'Fidelity', updates: 'on', website: '' }).toString()
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

/**
 * One continuous autocannon run of warm-up + duration seconds; only the last `duration` seconds
 * count: pledges answered within that window, latencies of requests sent and answered within it.
 * (Two separate runs would start the measurement with 50 fresh connections queued behind the
 * warm-up's abandoned requests and its email backlog: a transient, not the steady state.)
 */
export async function measurePledges(
  target: PledgeTarget,
  options: LoadOptions,
  cpuOf: { serverPid: number; postgresDatabase?: string },
): Promise<PledgeMeasurement> {
  const tally = { statuses: {} as Record<string, number>, wrongRedirects: 0, firstFailure: null as string | null }
  const latencies: number[] = []
  let accepted = 0
  const begin = performance.now()
  const windowStart = begin + options.warmupSeconds * 1000
  const windowEnd = windowStart + options.durationSeconds * 1000
  const request: autocannon.Request = {
    method: 'POST',
    path: target.path,
    setupRequest: (req, context) => {
      const n = ++sent
      Object.assign(context, { sentAt: performance.now() })
      return {
        ...req,
        headers: { ...target.headers, 'x-forwarded-for': clientIp(n) },
        body: pledgeForm(`${target.emailPrefix}${n}@example.org`, 100 + n),
      }
    },
    onResponse: (status, body, context, headers = {}) => {
      const now = performance.now()
      const sentAt = (context as { sentAt?: number }).sentAt ?? begin
      tally.statuses[status] = (tally.statuses[status] ?? 0) + 1
      const location = Object.entries(headers).find(([name]) => name.toLowerCase() === 'location')?.[1]
      const ok = status === 302 && location === target.expectedLocation
      if (status === 302 && !ok) tally.wrongRedirects++
      if (!ok) tally.firstFailure ??= `${status}${location ? ` → ${String(location)}` : ''}: ${body.slice(0, 500)}`
      if (ok && now >= windowStart && now <= windowEnd) accepted++
      if (sentAt >= windowStart && now <= windowEnd) latencies.push(now - sentAt)
    },
  }

  let stopCpu: (() => CpuUse) | undefined
  let cpu: CpuUse | undefined
  const startTimer = setTimeout(() => (stopCpu = startCpuMeter(cpuOf.serverPid, cpuOf.postgresDatabase)), windowStart - performance.now())
  const stopTimer = setTimeout(() => (cpu = stopCpu?.()), windowEnd - performance.now())
  const result = await autocannon({
    url: target.baseUrl,
    connections: options.connections,
    duration: options.warmupSeconds + options.durationSeconds,
    timeout: TIMEOUT_SECONDS,
    requests: [request],
  })
  const endedAt = new Date().toISOString()
  clearTimeout(startTimer)
  clearTimeout(stopTimer)
  latencies.sort((a, b) => a - b)
  return {
    pledgesPerSecond: accepted / options.durationSeconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? 0,
    statuses: tally.statuses,
    wrongRedirects: tally.wrongRedirects,
    errors: result.errors,
    firstFailure: tally.firstFailure,
    cpu: cpu ?? { process: null, self: 0, database: null, machine: null },
    endedAt,
  }
}

/** True when every response was the expected redirect and nothing failed to connect. */
export function allAccepted(m: PledgeMeasurement): boolean {
  return Object.keys(m.statuses).every((status) => status === '302') && m.wrongRedirects === 0 && m.errors === 0
}
