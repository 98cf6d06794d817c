import type { IncomingMessage } from 'node:http'
import { LRUCache } from 'lru-cache'
import { LOCALES, type Locale, localizedPath } from '../i18n/locales'
import { preferredLocale } from '../i18n/negotiate.server'
import type { SharedPage } from './shared-page.server'

// Public pages (`/`, `/c/:slug`, `/c/:slug/vote`, its broker guides, the embed, the badge and the share image) are the same for every reader
// of a language, so each is rendered at most once per `ttlMs` in each language and shared. Readers never wait for a refresh: once a page is
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
// A page in a language: its plain address (the reader's language: cookie, else Accept-Language,
// else English) or the address with `?lang=` (that language, for everyone). Nothing else in a query.
const SHARED_PATH = new RegExp(`^(/(?:c/${SLUG}(?:/vote(?:/${SLUG})?)?)?)(?:\\?lang=(${LOCALES.join('|')}))?$`)
// The images and the embed (for partners' sites, English for now) are one page whatever the reader's language.
const SHARED_WITHOUT_LANGUAGE = new RegExp(`^/(?:c/${SLUG}/(?:badge\\.svg|og\\.png)|embed/c/${SLUG})$`)
// The images depend on nothing in their query (nor on the reader's language); sharing them
// whatever it says (a network's cache-buster, ?v=2) means a query cannot make every request a render.
const SHARED_IMAGE = new RegExp(`^(/c/${SLUG}/(?:badge\\.svg|og\\.png))\\?`)

/**
 * The cache key of a request for a shared page (GET or HEAD), or null: a page's address in the
 * language it is served in (`/c/x` in English, `/c/x?lang=de`), an image's address without its query.
 */
export function sharedPagePath(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null
  const url = req.url ?? ''
  if (SHARED_WITHOUT_LANGUAGE.test(url)) return url
  const page = SHARED_PATH.exec(url)
  if (page) {
    const locale = (page[2] as Locale | undefined) ?? preferredLocale({ cookie: req.headers?.cookie, acceptLanguage: req.headers?.['accept-language'] })
    return localizedPath(page[1]!, locale)
  }
  return SHARED_IMAGE.exec(url)?.[1] ?? null
}

/** Whether a shared page's language came from the reader's headers (its plain address) rather than its address (`?lang=`). */
export function languageNegotiated(req: IncomingMessage): boolean {
  return !req.url?.includes('?')
}

/** Passes a model's result through, dropping the shared pages once its change has committed. */
export function afterPublicChange<T extends { ok: boolean }>(result: T): T {
  if (result.ok) invalidatePublicPages()
  return result
}
