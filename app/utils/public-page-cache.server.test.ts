import type { IncomingMessage } from 'node:http'
import { describe, expect, test } from 'vitest'
import { createPublicPageCache, invalidatePublicPages, sharedPagePath } from './public-page-cache.server'
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
})
