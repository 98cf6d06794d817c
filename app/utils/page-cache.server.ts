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

interface Entry {
  page: CachedPage
  expiresAt: number
}

export function createPageCache(options: { ttlMs: number; maxEntries?: number }) {
  const entries = new Map<string, Entry>()
  const inFlight = new Map<string, Promise<CachedPage>>()
  const maxEntries = options.maxEntries ?? 500

  async function get(key: string, render: () => Promise<CachedPage>): Promise<CachedPage> {
    const entry = entries.get(key)
    if (entry && entry.expiresAt > Date.now()) return entry.page
    const pending = inFlight.get(key)
    if (pending) return pending

    const rendering = render()
      .then((page) => {
        // Only successful pages are kept; errors and 404s are rendered each time.
        if (page.status === 200 && options.ttlMs > 0) {
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string)
          entries.set(key, { page, expiresAt: Date.now() + options.ttlMs })
        }
        return page
      })
      .finally(() => inFlight.delete(key))
    inFlight.set(key, rendering)
    return rendering
  }

  return { get, clear: () => entries.clear() }
}

/** The cached body with its render-time nonce replaced by this response's nonce. */
export function bodyWithNonce(page: CachedPage, nonce: string): string {
  return page.nonce ? page.body.split(page.nonce).join(nonce) : page.body
}
