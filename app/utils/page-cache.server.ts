import { createTtlCache } from './ttl-cache'

/**
 * A tiny in-process cache of whole public pages. A campaign page is the same for every reader,
 * so rendering it once every few seconds instead of once per request keeps it fast under a
 * spike; the tally it shows is at most `ttlMs` old. Concurrent misses share one render.
 *
 * Each cached body carries the nonce it was rendered with; every response gets a fresh nonce
 * swapped in, so the Content-Security-Policy nonce is never reused across responses.
 */
export interface CachedPage {
  status: number
  headers: Array<[string, string]>
  body: string
  nonce: string
}

export function createPageCache(options: { ttlMs: number; maxEntries?: number }) {
  // Only successful pages are kept; errors and 404s are rendered each time.
  return createTtlCache<CachedPage>({ ...options, keep: (page) => page.status === 200 })
}

/** The cached body with its render-time nonce replaced by this response's nonce. */
export function bodyWithNonce(page: CachedPage, nonce: string): string {
  return page.nonce ? page.body.split(page.nonce).join(nonce) : page.body
}
