import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { createAppHandler } from '../../tests/helpers/remix-handler'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { referralCode, shareLinks, sourceFromQuery } from '../utils/sharing.server'
import { getDashboard } from './dashboard.server'
import { confirmSupporter, recordPledge } from './pledges.server'
import { issueToken } from './supporter-tokens.server'

// Sharing after pledging: a referral code per pledge, carried by the shared link into the next
// pledge, and counted by source on the dashboard.

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => handle?.close())

const db = () => handle.db
let sequence = 0
async function confirmedPledge(campaign: Campaign, source?: string | null) {
  const outcome = await recordPledge(db(), {
    campaign,
    pledge: {
      ...basePledge,
      email: `share-${++sequence}@example.org`,
      source: source ?? undefined,
    },
    formVersion: 'test',
  })
  await db()
    .transaction()
    .execute((trx) => confirmSupporter(trx, { supporterId: outcome.supporterId }))
  const pledge = await db().selectFrom('pledges').select(['id', 'referrer_source']).where('supporter_id', '=', outcome.supporterId).executeTakeFirstOrThrow()
  return { ...pledge, supporterId: outcome.supporterId }
}

describe('referral codes and sources', () => {
  test('a code is the same for a pledge every time, different between pledges, and names nobody', () => {
    expect(referralCode('41')).toBe(referralCode('41'))
    expect(referralCode('41')).not.toBe(referralCode('42'))
    expect(referralCode('41')).toMatch(/^ref-[A-Za-z0-9_-]{12}$/)
    expect(referralCode('41')).not.toContain('41')
  })

  test('the query names the source: ?ref= first, then ?source=, then ?utm_source=; anything else is dropped', () => {
    const from = (query: string) => sourceFromQuery(new URLSearchParams(query))
    expect(from('ref=ref-abcDEF123_-x')).toBe('ref-abcDEF123_-x')
    expect(from('ref=abc')).toBe('ref-abc')
    expect(from('source=newsletter&utm_source=x')).toBe('newsletter')
    expect(from('utm_source=mastodon')).toBe('mastodon')
    expect([from('ref=<script>'), from('source=a b'), from('utm_source=' + 'x'.repeat(65)), from('')]).toEqual([null, null, null, null])
  })

  test('the share links carry the code and open each network’s own page', () => {
    const links = shareLinks({
      slug: 'amazon-cdd',
      title: 'Customer Due Diligence',
      company: 'Amazon',
      pledgeId: '7',
    })
    expect(links.url).toMatch(new RegExp(`/c/amazon-cdd\\?ref=${referralCode('7')}$`))
    for (const [network, host] of [
      ['mastodon', 'mastodonshare.com'],
      ['bluesky', 'bsky.app'],
      ['linkedin', 'www.linkedin.com'],
      ['x', 'x.com'],
      ['whatsapp', 'wa.me'],
    ] as const) {
      const url = new URL(links[network])
      expect(url.protocol).toBe('https:')
      expect(url.host).toBe(host)
      expect(decodeURIComponent(url.search)).toContain(links.url)
    }
    expect(links.email).toMatch(/^mailto:\?subject=/)
  })
})

describe(`sharing on ${testDatabaseKind}`, () => {
  test('a pledge through a pledger’s link counts as a referral; sources are counted apart; the pledger’s page offers the link', async () => {
    const campaign = await createCampaign(db())
    const sharer = await confirmedPledge(campaign)
    const link = new URL(
      shareLinks({
        slug: campaign.slug,
        title: campaign.title,
        company: campaign.company,
        pledgeId: sharer.id,
      }).url,
    )
    const referred = await confirmedPledge(campaign, sourceFromQuery(link.searchParams))
    expect(referred.referrer_source).toBe(referralCode(sharer.id))
    await confirmedPledge(campaign, sourceFromQuery(new URLSearchParams('utm_source=newsletter')))
    await confirmedPledge(campaign, sourceFromQuery(new URLSearchParams('utm_source=newsletter')))
    const unconfirmed = await recordPledge(db(), {
      campaign,
      pledge: {
        ...basePledge,
        email: `share-pending-${sequence}@example.org`,
        source: 'newsletter',
      },
      formVersion: 'test',
    })
    expect(unconfirmed.status).toBe('pending')

    const dashboard = await getDashboard(db(), { campaign, now: new Date() })
    expect(dashboard.bySource).toEqual([
      { source: 'newsletter', pledges: 2 },
      { source: 'referral', pledges: 1 },
    ])

    const app = await createAppHandler(db())
    const manage = await issueToken(db(), {
      supporterId: sharer.supporterId,
      purpose: 'manage',
    })
    const page = await (await app(new Request(`http://localhost/me/${manage}`))).text()
    expect(page).toContain('Ask other shareholders to pledge')
    expect(page).toContain(`ref=${referralCode(sharer.id)}`)
  })
})
