import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CLOSED_SLUG, LIVE_SLUG, seedDemo } from '../../db/seed/demo'
import type { DatabaseHandle } from '../../db/client.server'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { getTally } from '../models/tally.server'
import { badgeSnippet, embedSnippet } from '../utils/embed-snippets'
import { formatCount, formatPercent } from '../utils/format'
import { percentOf } from '../utils/tally'
import { figuresByIntention, headlineText } from '../utils/public-figures'
import { loader as badgeLoader } from './c.$slug.badge[.]svg'
import { loader as embedLoader } from './embed.c.$slug'

// The embeddable tally and the badge, as their loaders answer.

let handle: DatabaseHandle
let context: AppLoadContext

function call(loader: typeof embedLoader, slug: string) {
  return loader({ request: new Request(`http://localhost/embed/c/${slug}`), params: { slug }, context })
}

async function liveFigures() {
  const live = await handle.db.selectFrom('campaigns').select('id').where('slug', '=', LIVE_SLUG).executeTakeFirstOrThrow()
  return figuresByIntention(await getTally(handle.db, { campaignId: live.id }))
}

beforeAll(async () => {
  handle = await createTestDatabase()
  await seedDemo(handle.db, { pledges: 200 })
  context = { db: handle.db, cspNonce: 'test-nonce', clientIp: '192.0.2.1' }
})
afterAll(async () => handle?.close())

describe(`embeds on ${testDatabaseKind}`, () => {
  test('the embed shows the public headline, a threshold bar and a pledge button that opens the campaign in a new tab, without scripts', async () => {
    const response = await call(embedLoader, LIVE_SLUG)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('cache-control')).toMatch(/^public/)
    const html = await response.text()
    const figures = await liveFigures()
    expect(html).toContain(`<span class="tally__number">${formatCount(figures.for.people)}</span> people pledged for`)
    // The demo's last result is known only as a percentage: votes cast are unknown, so the bar
    // measures against all shares outstanding, as the campaign page does.
    const percent = percentOf(figures.for.shares, '10500000000', 2)
    expect(html).toContain(`<strong>${formatPercent(percent)}</strong> of all shares are pledged for; 15% of votes cast is needed to file the proposal again`)
    expect(html).toContain(`<progress class="progress" aria-labelledby="embed-progress" value="${Number(percent)}" max="15">`)
    expect(html).toContain(`<a class="embed__button" href="/c/${LIVE_SLUG}?source=embed#pledge-panel" target="_blank" rel="noopener">Pledge your vote`)
    expect(html).toContain('This is not a solicitation of authority to vote your proxy.')
    expect(html).not.toContain('<script')
  })

  test('with the last meeting’s votes cast on record, the bar measures the shares pledged for against the votes for the threshold needs', async () => {
    await handle.db.updateTable('proposal_votes').set({ votes_for: '10000000', votes_against: '90000000' }).where('meeting_year', '=', 2023).execute()
    const figures = await liveFigures()
    const html = await (await call(embedLoader, LIVE_SLUG)).text()
    // 15% of 100,000,000 votes cast.
    expect(html).toContain(`<strong>${formatPercent(percentOf(figures.for.shares, '15000000', 1))}</strong> of the way to 15% of votes cast`)
    expect(html).toContain(`${formatCount(figures.for.shares)} shares pledged for, of 15,000,000 votes for needed if turnout is as in 2023.`)
    await handle.db.updateTable('proposal_votes').set({ votes_for: null, votes_against: null }).where('meeting_year', '=', 2023).execute()
  })

  test('after the vote the embed leads with the official result against its threshold', async () => {
    const html = await (await call(embedLoader, CLOSED_SLUG)).text()
    expect(html).toContain('The 2022 vote: <strong>40.3%</strong> for. Above the 5% needed to file it again.')
    expect(html).toContain('Read the proposal')
    expect(html).not.toContain('Pledge your vote')
  })

  test('the badge is an accessible SVG whose title says the headline in full', async () => {
    const response = await call(badgeLoader, LIVE_SLUG)
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8')
    const svg = await response.text()
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="20" viewBox="0 0 \d+ 20" role="img" aria-labelledby="badge-title"><title id="badge-title">/)
    expect(svg).toContain(`${headlineText((await liveFigures()).for)}.</title>`)
    expect(svg).toContain('<g aria-hidden="true">')
    const closed = await (await call(badgeLoader, CLOSED_SLUG)).text()
    expect(closed).toContain('40.3% for in 2022</text>')
  })

  test('unknown, malformed and draft campaigns are a 404 for both', async () => {
    await handle.db.updateTable('campaigns').set({ status: 'draft' }).where('slug', '=', CLOSED_SLUG).execute()
    for (const slug of ['no-such-campaign', 'Not A Slug', CLOSED_SLUG]) {
      expect((await call(embedLoader, slug)).status, slug).toBe(404)
      expect((await call(badgeLoader, slug)).status, slug).toBe(404)
    }
    await handle.db.updateTable('campaigns').set({ status: 'closed' }).where('slug', '=', CLOSED_SLUG).execute()
  })

  test('the snippets point at the embed and the badge, with titles escaped', () => {
    const where = { appUrl: 'https://quorum.example', slug: 'x-2030', title: 'Say "no" & <mean> it' }
    expect(embedSnippet(where)).toBe(
      '<iframe src="https://quorum.example/embed/c/x-2030" title="Say &quot;no&quot; &amp; &lt;mean> it: support so far" width="360" height="420" loading="lazy" style="border:0;max-width:100%"></iframe>',
    )
    expect(badgeSnippet(where)).toContain('<img src="https://quorum.example/c/x-2030/badge.svg" alt="Say &quot;no&quot; &amp; &lt;mean> it: support on Quorum">')
  })
})
