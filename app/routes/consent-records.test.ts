import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { createAppHandler } from '../../tests/helpers/remix-handler'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { recordConsents } from '../models/consents.server'
import { recordFollow, recordPledge } from '../models/pledges.server'
import { eraseSupporter } from '../models/supporters.server'
import { FOLLOW_FORM_VERSION, ME_RESUBSCRIBE_VERSION, PLEDGE_FORM_VERSION } from '../schemas/pledge'
import { consentWording } from '../utils/consent-wording'

// Consent on record: the confirmation writes what was agreed to, in the words the form showed,
// with the confirming client's network; the supporter's export carries it.

let handle: DatabaseHandle
let app: Awaited<ReturnType<typeof createAppHandler>>
let campaign: Campaign

beforeAll(async () => {
  handle = await createTestDatabase()
  app = await createAppHandler(handle.db)
  campaign = await createCampaign(handle.db)
})
afterAll(async () => handle?.close())

/** What a reader sees of a page: its text without tags, entities decoded, spaces collapsed. */
async function pageText(path: string): Promise<string> {
  const response = await app(new Request(`http://localhost${path}`))
  expect(response.status).toBe(200)
  return (await response.text())
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
}

function confirm(token: string, clientIp: string) {
  return app(new Request(`http://localhost/confirm/${token}`, { method: 'POST', body: new URLSearchParams() }), { clientIp })
}

const recordsOf = (supporterId: string) => handle.db.selectFrom('consent_records').selectAll().where('supporter_id', '=', supporterId).orderBy('id').execute()

describe(`consent records on ${testDatabaseKind}`, () => {
  test('confirming a pledge records what was agreed to, in the words the form showed, from the IPv4 /24', async () => {
    const pledge = { ...basePledge, email: 'v4@example.org', name: 'Ada Lovelace', showName: true, updates: true }
    const outcome = await recordPledge(handle.db, { campaign, pledge, formVersion: PLEDGE_FORM_VERSION })
    const confirmed = await confirm(outcome.links.confirmToken!, '203.0.113.77')
    expect(confirmed.status).toBe(302)

    const [record, ...others] = await recordsOf(outcome.supporterId)
    expect(others).toEqual([])
    const stored = await handle.db.selectFrom('pledges').select('consent_at').where('supporter_id', '=', outcome.supporterId).executeTakeFirstOrThrow()
    expect(record).toMatchObject({
      campaign_id: campaign.id,
      agreed_to: ['pledge', 'public_name', 'updates'],
      form_version: PLEDGE_FORM_VERSION,
      network_prefix: '203.0.113.0/24',
      given_at: stored.consent_at,
    })
    expect(record!.confirmed_at.getTime()).toBeGreaterThanOrEqual(record!.given_at.getTime())
    // Every line of the recorded wording is on the pledge form, on both pages that show it.
    const lines = record!.wording.split('\n')
    expect(lines).toHaveLength(7)
    expect(lines).toContain('Show my name publicly as a supporter')
    for (const path of [`/c/${campaign.slug}`, `/c/${campaign.slug}/pledge`]) {
      const text = await pageText(path)
      for (const line of lines) expect(text, `${path} shows “${line}”`).toContain(line)
    }

    // The link again: used, nothing more written.
    expect((await confirm(outcome.links.confirmToken!, '203.0.113.77')).status).toBe(410)
    expect(await recordsOf(outcome.supporterId)).toEqual([record])
  })

  test('a follow confirmed from IPv6 keeps the /48, and the follow form’s words', async () => {
    const outcome = await recordFollow(handle.db, { campaign, email: 'v6@example.org', formVersion: FOLLOW_FORM_VERSION })
    expect((await confirm(outcome.links.confirmToken!, '2001:db8:abcd:12:ff::7')).status).toBe(302)
    const records = await recordsOf(outcome.supporterId)
    expect(records).toMatchObject([{ agreed_to: ['updates'], form_version: FOLLOW_FORM_VERSION, network_prefix: '2001:db8:abcd::/48' }])
    const text = await pageText(`/c/${campaign.slug}/follow`)
    for (const line of records[0]!.wording.split('\n')) expect(text).toContain(line)
  })

  test('a form read in German or Spanish is recorded in the words of that translation, every line of them on the page it was read on', async () => {
    for (const locale of ['de', 'es'] as const) {
      const pledge = { ...basePledge, email: `${locale}@example.org`, showName: true, updates: true }
      const outcome = await recordPledge(handle.db, { campaign, pledge, formVersion: PLEDGE_FORM_VERSION, locale })
      expect((await confirm(outcome.links.confirmToken!, '203.0.113.9')).status).toBe(302)
      const [record] = await recordsOf(outcome.supporterId)
      expect(record).toMatchObject({ locale, agreed_to: ['pledge', 'public_name', 'updates'] })
      const lines = record!.wording.split('\n')
      expect(lines).toHaveLength(7)
      expect(lines).not.toContain('Show my name publicly as a supporter')
      const text = await pageText(`/c/${campaign.slug}/pledge?lang=${locale}`)
      for (const line of lines) expect(text, `the ${locale} form shows “${line}”`).toContain(line)

      const follow = await recordFollow(handle.db, { campaign, email: `${locale}-follow@example.org`, formVersion: FOLLOW_FORM_VERSION, locale })
      expect((await confirm(follow.links.confirmToken!, '203.0.113.9')).status).toBe(302)
      const [followRecord] = await recordsOf(follow.supporterId)
      expect(followRecord!.locale).toBe(locale)
      const followText = await pageText(`/c/${campaign.slug}/follow?lang=${locale}`)
      for (const line of followRecord!.wording.split('\n')) expect(followText).toContain(line)
    }
  })

  test('each form keeps the language it was read in: a German pledge, then an English follow before confirming, are recorded apart', async () => {
    const other = await createCampaign(handle.db)
    const email = 'mixed@example.org'
    const pledged = await recordPledge(handle.db, { campaign, pledge: { ...basePledge, email, updates: false }, formVersion: PLEDGE_FORM_VERSION, locale: 'de' })
    const followed = await recordFollow(handle.db, { campaign: other, email, formVersion: FOLLOW_FORM_VERSION, locale: 'en' })
    expect((await confirm(followed.links.confirmToken!, '203.0.113.30')).status).toBe(302)
    const records = await recordsOf(pledged.supporterId)
    const byCampaign = (id: number) => records.find((r) => r.campaign_id === id)!
    expect(byCampaign(campaign.id)).toMatchObject({ form_version: PLEDGE_FORM_VERSION, locale: 'de' })
    expect(byCampaign(campaign.id).wording).toContain('Stimme zusagen')
    expect(byCampaign(other.id)).toMatchObject({ form_version: FOLLOW_FORM_VERSION, locale: 'en', wording: 'Email address for updates\nFollow updates' })
  })

  test('a form version whose translation is not kept is recorded in its English words, and says so', () => {
    expect(consentWording('pledge-2020', ['pledge'], 'de')).toEqual({
      locale: 'en',
      wording: '(The words of form pledge-2020 for “pledge” are not kept by this version of Quorum.)',
    })
    expect(consentWording(PLEDGE_FORM_VERSION, ['updates'], 'es').locale).toBe('es')
  })

  test('subscribing again from /me records that consent at once, in the words of the button, from the client’s network', async () => {
    const outcome = await recordFollow(handle.db, { campaign, email: 'again@example.org', formVersion: FOLLOW_FORM_VERSION })
    expect((await confirm(outcome.links.confirmToken!, '198.51.100.20')).status).toBe(302)
    const manage = outcome.links.manageToken
    const me = (intent: string) =>
      app(new Request(`http://localhost/me/${manage}`, { method: 'POST', body: new URLSearchParams({ intent, campaignId: String(campaign.id) }) }), { clientIp: '2001:db8:77:1::5' })
    expect((await me('unsubscribe')).status).toBe(200)
    const page = await pageText(`/me/${manage}`)
    expect((await me('resubscribe')).status).toBe(200)

    const records = await recordsOf(outcome.supporterId)
    expect(records).toHaveLength(2)
    const subscription = await handle.db.selectFrom('subscriptions').select(['status', 'consent_at']).where('supporter_id', '=', outcome.supporterId).executeTakeFirstOrThrow()
    expect(subscription.status).toBe('subscribed')
    expect(records[1]).toMatchObject({
      agreed_to: ['updates'],
      form_version: ME_RESUBSCRIBE_VERSION,
      wording: 'Subscribe again',
      locale: 'en',
      given_at: subscription.consent_at,
      network_prefix: '2001:db8:77::/48',
    })
    expect(page).toContain(records[1]!.wording)

    // Read in German (the page's address says so), recorded in German.
    expect((await me('unsubscribe')).status).toBe(200)
    const germanPage = await pageText(`/me/${manage}?lang=de`)
    const inGerman = await app(new Request(`http://localhost/me/${manage}?lang=de`, { method: 'POST', body: new URLSearchParams({ intent: 'resubscribe', campaignId: String(campaign.id) }) }), {
      clientIp: '2001:db8:77:1::5',
    })
    expect(inGerman.status).toBe(200)
    const german = (await recordsOf(outcome.supporterId))[2]!
    expect(german).toMatchObject({ form_version: ME_RESUBSCRIBE_VERSION, locale: 'de' })
    expect(german.wording).not.toBe('Subscribe again')
    expect(germanPage).toContain(german.wording)
  })

  test('a second link from the same sign-up, or the same confirmation recorded twice, adds no record', async () => {
    const pledge = { ...basePledge, email: 'twice@example.org', updates: false }
    const first = await recordPledge(handle.db, { campaign, pledge, formVersion: PLEDGE_FORM_VERSION })
    const second = await recordPledge(handle.db, { campaign, pledge, formVersion: PLEDGE_FORM_VERSION })
    expect((await confirm(second.links.confirmToken!, '198.51.100.4')).status).toBe(302)
    expect((await confirm(first.links.confirmToken!, '198.51.100.4')).status).toBe(302) // a valid, unused link: nothing left to confirm
    const records = await recordsOf(first.supporterId)
    expect(records).toMatchObject([{ agreed_to: ['pledge'], network_prefix: '198.51.100.0/24' }])

    const stored = await handle.db.selectFrom('pledges').select(['campaign_id', 'show_name', 'form_version', 'consent_at', 'locale']).where('supporter_id', '=', first.supporterId).execute()
    await handle.db.transaction().execute((trx) => recordConsents(trx, { supporterId: first.supporterId, pledges: stored, addressConfirmedNow: true, clientIp: '198.51.100.4' }))
    expect(await recordsOf(first.supporterId)).toEqual(records)
  })

  test('the supporter’s export carries the record, a pledge change keeps it, and erasure removes it', async () => {
    const outcome = await recordPledge(handle.db, { campaign, pledge: { ...basePledge, email: 'export@example.org' }, formVersion: PLEDGE_FORM_VERSION })
    expect((await confirm(outcome.links.confirmToken!, '192.0.2.200')).status).toBe(302)
    const manage = outcome.links.manageToken
    const exported = async () => (await (await app(new Request(`http://localhost/me/${manage}/export.json`))).json()).consentRecords
    const [record] = await recordsOf(outcome.supporterId)
    expect(await exported()).toEqual([
      {
        campaignSlug: campaign.slug,
        agreedTo: ['pledge', 'updates'],
        formVersion: PLEDGE_FORM_VERSION,
        wording: record!.wording,
        language: 'en',
        sentAt: record!.given_at.toISOString(),
        confirmedAt: record!.confirmed_at.toISOString(),
        fromNetwork: '192.0.2.0/24',
      },
    ])

    // A confirmed pledger's page offers the campaign's calendar feed.
    const me = await app(new Request(`http://localhost/me/${manage}`))
    expect(await me.text()).toContain(`href="webcal://`)

    const pledge = await handle.db.selectFrom('pledges').select('id').where('supporter_id', '=', outcome.supporterId).executeTakeFirstOrThrow()
    const change = new URLSearchParams({ intent: 'change-pledge', pledgeId: pledge.id, intention: 'against', shares: '5', holderType: 'retail', broker: '' })
    const changed = await app(new Request(`http://localhost/me/${manage}?_data=routes%2Fme.%24token._index`, { method: 'POST', body: change }))
    expect(await changed.json()).toMatchObject({ saved: 3 })
    expect(await recordsOf(outcome.supporterId)).toEqual([record])

    await eraseSupporter(handle.db, { supporterId: outcome.supporterId })
    expect(await recordsOf(outcome.supporterId)).toEqual([])
  })
})
