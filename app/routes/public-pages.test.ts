import { readFileSync } from 'node:fs'
import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLOSED_SLUG, LIVE_SLUG, seedDemo } from '../../db/seed/demo'
import { createDb, type DatabaseHandle } from '../../db/client.server'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { loader as campaignLoader } from './c.$slug._index'
import { loader as calendarLoader } from './c.$slug.calendar[.]ics'
import { loader as voteLoader } from './c.$slug.vote'
import { loader as healthLoader } from './healthz'
import { loader as homeLoader } from './_index'

// Loaders called as Remix calls them: with a real Request, params and the load context.

let handle: DatabaseHandle
let context: AppLoadContext

function call<T>(loader: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<T>, path: string, params: Record<string, string> = {}) {
  return loader({ request: new Request(`http://localhost${path}`), params, context })
}

async function caught(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
  throw new Error('expected the loader to throw a Response')
}

/** Footnote definitions' URLs, in order, as the seed file writes them. */
function seedFootnoteUrls(file: string): string[] {
  const source = readFileSync(`db/seed/${file}`, 'utf8')
  const definitions = source.split('\n').filter((line) => /^\[\^\d+\]:/.test(line))
  return definitions.flatMap((line) => [...line.matchAll(/<([^>]+)>/g)].map((m) => m[1]!))
}

function footnoteLinks(html: string): string[] {
  const section = html.slice(html.indexOf('<section class="footnotes"'))
  return [...section.matchAll(/<a href="(https?:[^"]+)">([^<]*)<\/a>/g)].map((m) => {
    expect(m[2], 'a footnote link shows its URL as written').toBe(m[1])
    return m[1]!.replaceAll('&amp;', '&')
  })
}

function visibleText(html: string): string {
  return html
    .replace(/<sup class="footnote-ref">.*?<\/sup>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replace(/\s+/g, ' ')
}

beforeAll(async () => {
  handle = await createTestDatabase()
  await seedDemo(handle.db, { pledges: 300 })
  context = { db: handle.db, cspNonce: 'test-nonce', clientIp: '192.0.2.1' }
})
afterAll(async () => handle?.close())

describe(`public pages on ${testDatabaseKind}`, () => {
  test('the home page lists both campaigns, the live one first, with its support', async () => {
    const response = await call(homeLoader, '/')
    const data = await response.json()
    expect(data.campaigns.map((c: { slug: string }) => c.slug)).toEqual([LIVE_SLUG, CLOSED_SLUG])
    const live = data.campaigns[0]!
    // The headline counts people pledged for, never every confirmed pledge.
    expect(live.figures.for.people).toBeGreaterThan(100)
    const confirmed = Object.values(live.figures as Record<string, { people: number }>).reduce((n, f) => n + f.people, 0)
    expect(confirmed).toBeGreaterThan(live.figures.for.people)
    expect(data.campaigns[1]).toMatchObject({ company: 'Amazon.com, Inc.', ticker: 'AMZN', status: 'closed', agmDate: 'Wednesday, May 25, 2022', result: { supportPercent: '40.30' } })
  })

  test('the 2022 page carries the seed text word for word with all fifteen footnotes linked in order', async () => {
    const data = await (await call(campaignLoader, `/c/${CLOSED_SLUG}`, { slug: CLOSED_SLUG })).json()
    const urls = footnoteLinks(data.supportingHtml)
    expect(urls).toEqual(seedFootnoteUrls('cdd-2022-supporting-statement.md'))
    expect(urls).toHaveLength(18) // 15 footnotes, three of them with more than one source
    // URLs that the PDF broke over two lines are one link each.
    expect(urls).toContain('https://www.humanrights.dk/sites/humanrights.dk/files/media/document/Phase%204_%20Impact%20prevent')
    expect(urls).toContain('https://www.ohchr.org/EN/NewsEvents/Pages/DisplayNews.aspx?NewsID=27469&LangID=E')
    expect(urls).toContain('https://www.hrw.org/report/2021/04/27/threshold-crossed/israeli-authorities-and-crimes-apartheid-and-persecution#')

    // Every marker links to its footnote and every footnote links back.
    for (let n = 1; n <= 15; n++) {
      expect(data.supportingHtml).toContain(`href="#fn-whereas-${n}" id="fnref-whereas-${n}"`)
      expect(data.supportingHtml).toContain(`<li id="fn-whereas-${n}" class="footnote-item">`)
      expect(data.supportingHtml).toContain(`href="#fnref-whereas-${n}"`)
    }
    const text = visibleText(data.supportingHtml)
    expect(text).toContain('Whereas: Amazon Web Services (AWS) is a leading cloud provider')
    expect(text).toContain('Even after police used Amazon’s Ring to surveil anti-racist protesters and a UK court found Ring infringed customer privacy,')
    expect(text).toContain('In 2021, Amazon was fined $887 million for violating the European Union General Data Protection Regulation.')
    expect(text).toContain('yet Amazon continues releasing surveillance products.')
    expect(visibleText(data.resolvedHtml).trim()).toBe(
      'Resolved: Shareholders request the Board of Directors commission an independent third-party report, at reasonable cost and omitting proprietary information, assessing Amazon’s customer due diligence process to determine whether customers’ use of its products and services with surveillance, computer vision, or cloud storage capabilities contributes to human rights violations.',
    )
    expect(data.result).toMatchObject({ supportPercent: '40.30', clearsThreshold: true, majority: false })
    expect(data.campaign.meetingPast).toBe(true)
    expect(data.threshold).toMatchObject({ timesVoted: 1, thresholdPercent: 5 })
    expect(data.related).toEqual([{ slug: LIVE_SLUG, year: expect.any(Number), status: 'live', isDemo: true }])
  })

  test('the live demo page carries the later statement with its ten footnotes, labelled as a demo', async () => {
    const data = await (await call(campaignLoader, `/c/${LIVE_SLUG}`, { slug: LIVE_SLUG })).json()
    expect(footnoteLinks(data.supportingHtml)).toEqual(seedFootnoteUrls('cdd-later-supporting-statement.md'))
    // Footnotes 5 and 6 are each cited twice: both markers link to the same note, which links back to both.
    expect(data.supportingHtml.match(/href="#fn-whereas-5"/g)).toHaveLength(2)
    expect(data.supportingHtml).toContain('href="#fnref-whereas-5-2"')
    expect(visibleText(data.supportingHtml)).toContain('The UN has clearly indicated war crimes may have been committed by Amazon\'s major customer, the Israel Defense Forces, since October 7, 2023.')
    expect(data.campaign).toMatchObject({ isDemo: true, status: 'live', votingOpen: true })
    expect(data.history).toEqual([
      { year: 2022, supportPercent: '40.30' },
      { year: 2023, supportPercent: '34.18' },
    ])
    expect(data.tally.supporters).toBeGreaterThan(200)
  })

  test('an unknown campaign is a 404 on every campaign address', async () => {
    for (const loader of [campaignLoader, voteLoader, calendarLoader] as const) {
      const response = await caught(call(loader as typeof campaignLoader, '/c/no-such-campaign', { slug: 'no-such-campaign' }))
      expect(response.status).toBe(404)
    }
  })

  test('the 2022 dates read right in Pacific time, and the .ics holds the same instants', async () => {
    const data = await (await call(campaignLoader, `/c/${CLOSED_SLUG}`, { slug: CLOSED_SLUG })).json()
    const byKey: Record<string, { daysLeft: number }> = Object.fromEntries(data.keyDates.map((d: { key: string; daysLeft: number }) => [d.key, d]))
    expect(byKey.record_date).toMatchObject({ date: 'Thursday, March 31, 2022', time: null, iso: '2022-03-31' })
    expect(byKey.vote_deadline).toMatchObject({
      date: 'Tuesday, May 24, 2022',
      time: '8:59 p.m. PDT',
      alsoAs: '11:59 p.m. EDT, Tuesday, May 24, 2022',
      iso: '2022-05-25T03:59:00.000Z',
    })
    expect(byKey.agm).toMatchObject({ date: 'Wednesday, May 25, 2022', time: '9:00 a.m. PDT', iso: '2022-05-25T16:00:00.000Z' })
    expect(byKey.agm!.daysLeft).toBeLessThan(0)

    const response = await call(calendarLoader, `/c/${CLOSED_SLUG}/calendar.ics`, { slug: CLOSED_SLUG })
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    const ics = (await response.text()).replace(/\r\n[ \t]/g, '') // unfold long lines
    expect(ics).toContain('DTSTART;VALUE=DATE:20220331')
    expect(ics).toContain('DTSTART:20220525T035900Z') // the broker deadline
    expect(ics).toContain('DTSTART:20220525T160000Z') // the meeting
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3)
    expect(ics).toMatch(/^UID:campaign-\d+-agm@[\w.:-]+\r$/m) // stable: the campaign's id, never its dates
  })

  test('the voting guide has the deadline and the meeting in the campaign time zone', async () => {
    const data = await (await call(voteLoader, `/c/${CLOSED_SLUG}/vote`, { slug: CLOSED_SLUG })).json()
    expect(data.deadline.time).toBe('8:59 p.m. PDT')
    expect(data.meeting.date).toBe('Wednesday, May 25, 2022')
    expect(data.campaign.meetingUrl).toBe('https://www.virtualshareholdermeeting.com/AMZN2022')
  })

  test('healthz answers 200 while the database answers', async () => {
    const response = await call(healthLoader, '/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' })
  })
})

describe('healthz without a database', () => {
  test('answers 503 when the database does not answer', async () => {
    // Nothing listens on port 1: the database never answers.
    const unreachable = await createDb({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:1/quorum', maxConnections: 1 })
    try {
      const response = await healthLoader({ request: new Request('http://localhost/healthz'), params: {}, context: { db: unreachable.db, cspNonce: '', clientIp: '192.0.2.1' } })
      expect(response.status).toBe(503)
      expect(await response.json()).toEqual({ status: 'unavailable', database: 'unreachable' })
    } finally {
      await unreachable.close()
    }
  })
})
