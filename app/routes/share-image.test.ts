import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLOSED_SLUG, LIVE_SLUG, seedDemo } from '../../db/seed/demo'
import type { DatabaseHandle } from '../../db/client.server'
import { createAppHandler } from '../../tests/helpers/remix-handler'
import { pngSize } from '../../tests/helpers/png'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { config } from '../config.server'
import { getCampaignPage } from '../models/campaign-page.server'
import { headlineParts, headlineText } from '../utils/public-figures'
import { PUBLIC_PAGE_CACHE_CONTROL } from '../utils/seo'
import { shareImageAlt, shareImageContent } from '../utils/share-image-content'

// The share image (/c/:slug/og.png) through Remix's request handler, and the tags that point
// link previews at it.

let handle: DatabaseHandle
let app: Awaited<ReturnType<typeof createAppHandler>>

const get = (path: string) => app(new Request(`http://localhost${path}`))

function metaContent(html: string, key: string): string | undefined {
  const match = html.match(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"/>`))
  return match?.[1]?.replaceAll('&amp;', '&').replaceAll('&#x27;', "'")
}

beforeAll(async () => {
  handle = await createTestDatabase()
  await seedDemo(handle.db, { pledges: 200 })
  app = await createAppHandler(handle.db)
})
afterAll(async () => handle?.close())

describe(`the share image on ${testDatabaseKind}`, () => {
  test('GET /c/:slug/og.png answers a 1200 × 630 PNG, cached like the public pages, for a live and a closed campaign', async () => {
    for (const slug of [LIVE_SLUG, CLOSED_SLUG]) {
      const response = await get(`/c/${slug}/og.png`)
      expect(response.status, slug).toBe(200)
      expect(response.headers.get('content-type')).toBe('image/png')
      expect(response.headers.get('cache-control')).toBe(PUBLIC_PAGE_CACHE_CONTROL)
      expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 1200, height: 630 })
    }
  })

  test('the image is drawn from the campaign as it is now: a changed title changes its bytes', async () => {
    const before = Buffer.from(await (await get(`/c/${LIVE_SLUG}/og.png`)).arrayBuffer())
    await handle.db.updateTable('campaigns').set({ title: 'Customer Due Diligence & <Risk>' }).where('slug', '=', LIVE_SLUG).execute()
    const after = await get(`/c/${LIVE_SLUG}/og.png`)
    await handle.db.updateTable('campaigns').set({ title: 'Customer Due Diligence' }).where('slug', '=', LIVE_SLUG).execute()
    expect(after.status).toBe(200)
    expect(Buffer.from(await after.arrayBuffer()).equals(before)).toBe(false)
  })

  test('unknown, malformed and draft campaigns are a 404', async () => {
    await handle.db.updateTable('campaigns').set({ status: 'draft' }).where('slug', '=', CLOSED_SLUG).execute()
    try {
      for (const slug of ['no-such-campaign', 'Not%20A%20Slug', CLOSED_SLUG]) {
        const response = await get(`/c/${slug}/og.png`)
        expect(response.status, slug).toBe(404)
        expect(response.headers.get('cache-control'), slug).toBe('no-store')
      }
    } finally {
      await handle.db.updateTable('campaigns').set({ status: 'closed' }).where('slug', '=', CLOSED_SLUG).execute()
    }
  })

  test('it says what the page says: the headline figures and the broker deadline while voting is open, the result once the meeting has voted', async () => {
    const live = (await getCampaignPage(handle.db, { slug: LIVE_SLUG, now: new Date() }))!
    const content = shareImageContent(live)
    expect(content.figure).toEqual({ kind: 'pledges', ...headlineParts(live.tally.figures.for) })
    const deadline = live.keyDates.find((d) => d.key === 'vote_deadline')!
    expect(content.keyDate).toEqual({ label: 'Broker voting deadline', date: deadline.date, time: deadline.time })
    expect(content.isDemo).toBe(true)
    expect(shareImageAlt(content)).toContain(`Support so far: ${headlineText(live.tally.figures.for)}.`)

    const closed = shareImageContent((await getCampaignPage(handle.db, { slug: CLOSED_SLUG, now: new Date() }))!)
    expect(closed.figure).toEqual({ kind: 'result', percent: '40.3%', label: 'of votes cast were for the proposal' })
    expect(closed.keyDate).toEqual({ label: 'The meeting voted on', date: 'Wednesday, May 25, 2022', time: null })
    expect(closed.action).toBe('Read the proposal')

    const empty = shareImageContent({ ...live, tally: { ...live.tally, figures: { ...live.tally.figures, for: { people: 0, shares: '0' } } } })
    expect(empty.figure).toEqual({ kind: 'none', text: 'No confirmed pledges yet: yours can be the first.' })
  })

  test('the campaign page and its voting guide point link previews at the image, with its size, its text and a large card', async () => {
    for (const path of [`/c/${LIVE_SLUG}`, `/c/${LIVE_SLUG}/vote`]) {
      const html = await (await get(path)).text()
      expect(metaContent(html, 'og:image'), path).toBe(`${config.appUrl}/c/${LIVE_SLUG}/og.png`)
      expect(metaContent(html, 'og:image:width')).toBe('1200')
      expect(metaContent(html, 'og:image:height')).toBe('630')
      expect(metaContent(html, 'og:image:alt')).toMatch(/^Customer Due Diligence \(Amazon\.com, Inc\. · NASDAQ: AMZN · \d{4} annual meeting\) on Quorum\. Support so far: [\d,]+ people pledged for · [\d,]+ shares\. Broker voting deadline: /)
      expect(metaContent(html, 'twitter:image:alt')).toBe(metaContent(html, 'og:image:alt'))
      expect(metaContent(html, 'twitter:card')).toBe('summary_large_image')
    }
  })
})
