/**
 * Paces requests to the provider's rate limit: at most `perSecond` requests a second, slowed
 * further whenever an answer says so (`retry-after`, or `ratelimit-remaining: 0` with
 * `ratelimit-reset` while the limit is unknown), and adopting the limit the provider announces
 * in `ratelimit-limit`.
 */
export function createPacer(options: { perSecond: number; now?: () => number; sleep?: (ms: number) => Promise<void> }) {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  let perSecond = options.perSecond
  let nextAt = 0

  return {
    get perSecond() {
      return perSecond
    },
    /** Waits until the next request may go. */
    async wait(): Promise<void> {
      const delay = nextAt - now()
      if (delay > 0) await sleep(delay)
      nextAt = Math.max(now(), nextAt) + 1000 / perSecond
    },
    /** Learns from a response's headers. */
    learn(headers: Record<string, string>): void {
      const limit = Number(headers['ratelimit-limit'])
      const known = Number.isFinite(limit) && limit > 0
      if (known) perSecond = Math.min(limit, options.perSecond)
      const retryAfter = Number(headers['retry-after'])
      if (Number.isFinite(retryAfter) && retryAfter > 0) {
        nextAt = Math.max(nextAt, now() + retryAfter * 1000)
        return
      }
      // At the announced limit every limit-th answer says `remaining: 0`, and the spacing above
      // already keeps the next request out of the current window: waiting `ratelimit-reset`
      // (whole seconds, at least 1) there would halve the throughput. Without a known limit, wait.
      const reset = Number(headers['ratelimit-reset'])
      if (!known && headers['ratelimit-remaining'] === '0' && Number.isFinite(reset) && reset > 0) nextAt = Math.max(nextAt, now() + reset * 1000)
    },
  }
}

export type Pacer = ReturnType<typeof createPacer>
