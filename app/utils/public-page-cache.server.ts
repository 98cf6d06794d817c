import type { IncomingMessage } from 'node:http'
import { LRUCache } from 'lru-cache'
import type { SharedPage } from './shared-page.server'

// Public pages (`/`, `/c/:slug`, `/c/:slug/vote`, its broker guides, the embed, the badge and the share image) are the same for every reader, so each is
// rendered at most once per `ttlMs` and shared. Readers never wait for a refresh: once a page is
// older than `ttlMs`, the next reader gets it as it is while one render replaces it in the
// background (lru-cache's fetch: stale-while-revalidate, one render per page at a time). A page
// more than `maxStaleMs` past its time is never served; its reader waits for the new render.
// An organizer's change empties every cache of this process at once (invalidatePublicPages).

const caches = new Set<LRUCache<string, SharedPage>>()

export function createPublicPageCache(options: {
  ttlMs: number
  maxStaleMs: number
  /** Renders a page for every reader; undefined when it is not one (a 404, an error page). */
  render: (path: string) => Promise<SharedPage | undefined>
  maxEntries?: number
}) {
  const cache = new LRUCache<string, SharedPage>({
    max: options.maxEntries ?? 500,
    ttl: options.ttlMs,
    allowStale: true,
    noDeleteOnStaleGet: true,
    allowStaleOnFetchRejection: true,
    fetchMethod: (path) => options.render(path),
  })
  caches.add(cache)

  return {
    /** The page if it is within its time: a synchronous answer for most readers. */
    fresh: (path: string): SharedPage | undefined => cache.get(path, { allowStale: false }),
    /** The page to serve now; undefined when the path is not a shared page. */
    async get(path: string): Promise<SharedPage | undefined> {
      const page = await cache.fetch(path)
      if (page && Date.now() - page.renderedAt > options.ttlMs + options.maxStaleMs) {
        return cache.fetch(path, { forceRefresh: true, allowStale: false })
      }
      return page
    },
    close: () => {
      cache.clear()
      caches.delete(cache)
    },
  }
}

/** Drops every shared page, so the next reader of each sees the change just committed. */
export function invalidatePublicPages(): void {
  for (const cache of caches) cache.clear()
}

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*'
const SHARED_PATH = new RegExp(`^/(?:c/${SLUG}(?:/vote(?:/${SLUG})?|/badge\\.svg|/og\\.png)?|embed/c/${SLUG})?$`)
// The images depend on nothing in their query; sharing them whatever it says (a network's
// cache-buster, ?v=2) means a query cannot make every request a render.
const SHARED_IMAGE = new RegExp(`^(/c/${SLUG}/(?:badge\\.svg|og\\.png))\\?`)

/** The cache key of a request for a shared page (GET or HEAD, no query but on an image), or null. */
export function sharedPagePath(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null
  const url = req.url ?? ''
  return SHARED_PATH.test(url) ? url : (SHARED_IMAGE.exec(url)?.[1] ?? null)
}

/** Passes a model's result through, dropping the shared pages once its change has committed. */
export function afterPublicChange<T extends { ok: boolean }>(result: T): T {
  if (result.ok) invalidatePublicPages()
  return result
}
