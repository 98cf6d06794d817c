import type { IncomingMessage } from 'node:http'
import { describe, expect, test } from 'vitest'
import { createPublicPageCache, invalidatePublicPages, languageNegotiated, sharedPagePath } from './public-page-cache.server'
import { prepareSharedPage, type SharedPage } from './shared-page.server'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const text = (page: SharedPage | undefined) => page?.variants.identity.body.toString()

/** A render whose next calls can be held until the test lets them finish. */
function controlledRender() {
  let renders = 0
  let gate: Promise<void> = Promise.resolve()
  let open = () => {}
  let latest: Promise<unknown> = Promise.resolve()
  return {
    /** Settles when the latest render has finished. */
    finished: () => latest,
    get renders() {
      return renders
    },
    hold() {
      gate = new Promise((resolve) => (open = resolve))
    },
    release: () => open(),
    render: async (path: string) => {
      const n = ++renders
      const page = gate.then(() => prepareSharedPage({ html: `${path} render ${n}`, headers: {} }))
      latest = page
      return page
    },
  }
}

describe('public page cache', () => {
  test('concurrent misses share one render, and readers share it until it is due', async () => {
    const control = controlledRender()
    const pages = createPublicPageCache({ ttlMs: 60_000, maxStaleMs: 60_000, render: control.render })
    const first = await Promise.all(Array.from({ length: 20 }, () => pages.get('/c/x')))
    expect(control.renders).toBe(1)
    expect(new Set(first).size).toBe(1)
    expect(text(await pages.get('/c/x'))).toBe('/c/x render 1')
    expect(text(pages.fresh('/c/x'))).toBe('/c/x render 1')
    expect(control.renders).toBe(1)
    pages.close()
  })

  test('a slow refresh does not delay a concurrent reader: readers get the last page while one render replaces it', async () => {
    const control = controlledRender()
    const pages = createPublicPageCache({ ttlMs: 20, maxStaleMs: 60_000, render: control.render })
    await pages.get('/c/x')
    await sleep(40) // now due for a refresh
    expect(pages.fresh('/c/x')).toBeUndefined()
    control.hold()
    // Twenty readers while the refresh is held: every one is answered, with the last page.
    const during = await Promise.all(Array.from({ length: 20 }, () => pages.get('/c/x')))
    expect(during.map(text)).toEqual(Array(20).fill('/c/x render 1'))
    expect(control.renders).toBe(2) // one refresh, not one per reader
    control.release()
    await control.finished()
    await sleep(1) // lru-cache stores it a few ticks later
    expect(text(await pages.get('/c/x'))).toBe('/c/x render 2')
    pages.close()
  })

  test('a page too far past its time is not served: its reader waits for the new one', async () => {
    const control = controlledRender()
    const pages = createPublicPageCache({ ttlMs: 10, maxStaleMs: 10, render: control.render })
    await pages.get('/')
    await sleep(40)
    expect(text(await pages.get('/'))).toBe('/ render 2')
    pages.close()
  })

  test('invalidation drops every page at once; what is not a shared page (undefined) is rendered each time', async () => {
    const control = controlledRender()
    const pages = createPublicPageCache({ ttlMs: 60_000, maxStaleMs: 60_000, render: control.render })
    await pages.get('/c/x')
    invalidatePublicPages()
    expect(text(await pages.get('/c/x'))).toBe('/c/x render 2')

    let misses = 0
    const missing = createPublicPageCache({ ttlMs: 60_000, maxStaleMs: 60_000, render: async () => void misses++ })
    expect(await missing.get('/c/nope')).toBeUndefined()
    expect(await missing.get('/c/nope')).toBeUndefined()
    expect(misses).toBe(2)
    pages.close()
    missing.close()
  })

  test('only GET and HEAD of /, /c/:slug, its vote page and broker guides, badge and share image and the embed, without a query (the images with any), are shared', () => {
    const path = (method: string, url: string) => sharedPagePath({ method, url } as IncomingMessage)
    expect(['/', '/c/amazon-cdd-2022', '/c/amazon-cdd-2022/vote'].map((url) => path('GET', url))).toEqual(['/', '/c/amazon-cdd-2022', '/c/amazon-cdd-2022/vote'])
    expect(path('HEAD', '/c/x')).toBe('/c/x')
    expect([path('GET', '/embed/c/x'), path('GET', '/c/x/badge.svg')]).toEqual(['/embed/c/x', '/c/x/badge.svg'])
    expect([path('GET', '/c/x/vote/charles-schwab'), path('GET', '/c/x/vote/Fidelity'), path('GET', '/c/x/vote/fidelity/more')]).toEqual(['/c/x/vote/charles-schwab', null, null])
    expect([path('GET', '/embed/c/x/vote'), path('GET', '/embed/x'), path('GET', '/c/x/badge.svgz')]).toEqual([null, null, null])
    expect([path('GET', '/c/x/og.png'), path('HEAD', '/c/x/og.png')]).toEqual(['/c/x/og.png', '/c/x/og.png'])
    // An image is the same whatever its query says, so a query does not make a render.
    expect([path('GET', '/c/x/og.png?v=2'), path('GET', '/c/x/badge.svg?style=flat&x')]).toEqual(['/c/x/og.png', '/c/x/badge.svg'])
    expect([path('GET', '/c/x/og.pngx'), path('GET', '/c/x/ogXpng'), path('GET', '/c/x/og.png/x?v'), path('GET', '/embed/c/x/og.png'), path('POST', '/c/x/og.png?v=2')]).toEqual([null, null, null, null, null])
    expect([path('POST', '/c/x'), path('GET', '/c/x?utm=1'), path('GET', '/c/x/pledge'), path('GET', '/c/X'), path('GET', '/organizer')]).toEqual([null, null, null, null, null])
  })

  test('a page’s key names its language: ?lang= for everyone, else the switcher’s cookie, else Accept-Language, else English; images have none', () => {
    const path = (url: string, headers: Record<string, string> = {}) => sharedPagePath({ method: 'GET', url, headers } as IncomingMessage)
    expect([path('/c/x?lang=de'), path('/c/x/vote?lang=es'), path('/?lang=de'), path('/c/x?lang=en')]).toEqual(['/c/x?lang=de', '/c/x/vote?lang=es', '/?lang=de', '/c/x'])
    expect(path('/c/x', { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' })).toBe('/c/x?lang=de')
    expect(path('/c/x', { 'accept-language': 'fr-FR, es;q=0.5' })).toBe('/c/x?lang=es')
    expect(path('/c/x', { 'accept-language': 'fr-FR' })).toBe('/c/x')
    // The switcher's choice wins over the browser's languages; the address wins over both.
    expect(path('/c/x', { cookie: 'a=b; quorum_lang=es', 'accept-language': 'de' })).toBe('/c/x?lang=es')
    expect(path('/c/x?lang=de', { cookie: 'quorum_lang=es' })).toBe('/c/x?lang=de')
    expect(path('/c/x', { cookie: 'quorum_lang=fr' })).toBe('/c/x')
    expect(path('/c/x/og.png', { 'accept-language': 'de' })).toBe('/c/x/og.png')
    expect(path('/embed/c/x', { 'accept-language': 'de' })).toBe('/embed/c/x')
    // Any other query, or a language Quorum does not have, is not a shared page.
    expect([path('/c/x?lang=fr'), path('/c/x?lang=de&ref=1'), path('/c/x?ref=1&lang=de'), path('/c/x?lang=')]).toEqual([null, null, null, null])
    const negotiated = (url: string) => languageNegotiated({ url } as IncomingMessage)
    expect([negotiated('/c/x'), negotiated('/c/x?lang=de')]).toEqual([true, false])
  })

  test('each language is its own page, and an edit replaces them all at once', async () => {
    const control = controlledRender()
    const pages = createPublicPageCache({ ttlMs: 60_000, maxStaleMs: 60_000, render: control.render })
    expect([text(await pages.get('/c/x')), text(await pages.get('/c/x?lang=de')), text(await pages.get('/c/x?lang=es'))]).toEqual(['/c/x render 1', '/c/x?lang=de render 2', '/c/x?lang=es render 3'])
    expect(text(await pages.get('/c/x?lang=de'))).toBe('/c/x?lang=de render 2')
    invalidatePublicPages()
    expect(text(await pages.get('/c/x?lang=de'))).toBe('/c/x?lang=de render 4')
    expect(pages.fresh('/c/x?lang=es')).toBeUndefined()
    pages.close()
  })
})
