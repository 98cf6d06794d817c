import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { PLEDGE_FORM_VERSION } from '../schemas/pledge'
import { CampaignClosedError, changePledge, recordFollow, recordPledge } from './pledges.server'
import { consumeToken, issueToken, peekToken } from './supporter-tokens.server'
import { confirmByToken, eraseSupporter, exportSupporterData, unsubscribeByToken } from './supporters.server'
import { getTally } from './tally.server'

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => handle?.close())

const db = () => handle.db
const pledge = (campaign: Campaign, overrides: Partial<typeof basePledge> = {}) =>
  recordPledge(db(), { campaign, pledge: { ...basePledge, ...overrides }, formVersion: PLEDGE_FORM_VERSION })

async function eventsFor(campaignId: number) {
  return db().selectFrom('pledge_events').select(['kind', 'data', 'supporter_id', 'pledge_id']).where('campaign_id', '=', campaignId).orderBy('id').execute()
}

/** The tally must always equal a direct SUM over confirmed pledges. */
async function expectTallyMatchesPledges(campaignId: number) {
  const tally = await getTally(db(), { campaignId })
  const raw = await db()
    .selectFrom('pledges')
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'confirmed')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.sum<string>(eb.fn.coalesce('shares', eb.lit(0))).as('shares')])
    .executeTakeFirstOrThrow()
  expect(tally.supporters).toBe(Number(raw.n))
  expect(tally.sharesPledged).toBe(raw.shares ?? '0')
  return tally
}

describe(`pledges on ${testDatabaseKind}`, () => {
  test('a pledge is stored at once as pending and counts only after its address is confirmed', async () => {
    const campaign = await createCampaign(db())
    const outcome = await pledge(campaign, { email: 'first@example.org', shares: '250' })
    expect(outcome.status).toBe('pending')
    expect((await getTally(db(), { campaignId: campaign.id })).supporters).toBe(0)

    const confirmed = await confirmByToken(db(), { token: outcome.links.confirmToken! })
    expect(confirmed.ok).toBe(true)
    const tally = await expectTallyMatchesPledges(campaign.id)
    expect(tally).toMatchObject({ supporters: 1, sharesByIntention: { for: '250' } })
    expect((await eventsFor(campaign.id)).map((e) => e.kind)).toEqual(['created', 'confirmed'])

    const consent = await db().selectFrom('pledges').select(['consent_at', 'form_version']).where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow()
    expect(consent.form_version).toBe(PLEDGE_FORM_VERSION)
    expect(consent.consent_at).toBeInstanceOf(Date)
  })

  test('the created event holds the pledge exactly as stored, and belongs to it', async () => {
    const campaign = await createCampaign(db())
    await pledge(campaign, { email: 'snapshot@example.org', intention: 'abstain', shares: '1234', broker: 'Vanguard', voted: true })
    const stored = await db().selectFrom('pledges').selectAll().where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow()
    const [created] = await eventsFor(campaign.id)
    expect(created).toMatchObject({ kind: 'created', pledge_id: stored.id, supporter_id: stored.supporter_id })
    expect(created!.data).toEqual({
      intention: 'abstain',
      shares: '1234',
      holder_type: stored.holder_type,
      broker: 'Vanguard',
      voted_at: stored.voted_at!.toISOString(),
      show_name: false,
    })
  })

  test('the same address again updates its pending pledge, never a second one, and records each change', async () => {
    const campaign = await createCampaign(db())
    await pledge(campaign, { email: 'again@example.org', intention: 'undecided', shares: '10' })
    await pledge(campaign, { email: 'Again@Example.org ', intention: 'for', shares: '10' })
    const rows = await db().selectFrom('pledges').selectAll().where('campaign_id', '=', campaign.id).execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.intention).toBe('for')
    const events = await eventsFor(campaign.id)
    expect(events.map((e) => [e.kind, e.data])).toEqual([
      ['created', expect.objectContaining({ intention: 'undecided', shares: '10' })],
      ['intention', { from: 'undecided', to: 'for' }],
    ])
  })

  test('a confirmed address’s pledge never changes from the open form', async () => {
    const campaign = await createCampaign(db())
    const first = await pledge(campaign, { email: 'owner@example.org', intention: 'for' })
    await confirmByToken(db(), { token: first.links.confirmToken! })
    const again = await pledge(campaign, { email: 'owner@example.org', intention: 'against', shares: '999999' })
    expect(again.status).toBe('already_confirmed')
    expect(again.links.confirmToken).toBeNull()
    const row = await db().selectFrom('pledges').selectAll().where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ intention: 'for', shares: '100', status: 'confirmed' })
  })

  test('50 concurrent submissions with one address make one supporter, one pledge and consistent events', async () => {
    const campaign = await createCampaign(db())
    const intentions = ['for', 'against', 'abstain', 'undecided'] as const
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => pledge(campaign, { email: 'racer@example.org', intention: intentions[i % 4], shares: String(i + 1) })),
    )
    expect(new Set(outcomes.map((o) => o.supporterId)).size).toBe(1)
    const rows = await db().selectFrom('pledges').selectAll().where('campaign_id', '=', campaign.id).execute()
    expect(rows).toHaveLength(1)
    expect(await db().selectFrom('supporters').select('id').where('email', '=', 'racer@example.org').execute()).toHaveLength(1)

    // Replaying the events from "created" arrives exactly at the stored pledge.
    const events = await eventsFor(campaign.id)
    expect(events.filter((e) => e.kind === 'created')).toHaveLength(1)
    const state: Record<string, unknown> = { ...(events[0]!.data as object) }
    for (const event of events.slice(1)) {
      const { from, to } = event.data as { from: unknown; to: unknown }
      expect(state[event.kind], `event ${event.kind} starts from the state before it`).toEqual(from)
      state[event.kind] = to
    }
    expect(state.intention).toBe(rows[0]!.intention)
    expect(state.shares).toBe(rows[0]!.shares)
  })

  test('concurrent confirmations keep the tally equal to the pledges', async () => {
    const campaign = await createCampaign(db())
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => pledge(campaign, { email: `many-${i}@example.org`, shares: String(1000 + i), intention: i % 3 === 0 ? 'against' : 'for' })))
    await Promise.all(outcomes.map((o) => confirmByToken(db(), { token: o.links.confirmToken! })))
    const tally = await expectTallyMatchesPledges(campaign.id)
    expect(tally.supporters).toBe(30)
    expect(tally.supportersByIntention).toMatchObject({ for: 20, against: 10 })
  })

  test('a supporter’s change moves the tally and leaves a trace; a stranger’s pledge id is refused', async () => {
    const campaign = await createCampaign(db())
    const outcome = await pledge(campaign, { email: 'changer@example.org', shares: '300' })
    await confirmByToken(db(), { token: outcome.links.confirmToken! })
    const row = await db().selectFrom('pledges').select('id').where('supporter_id', '=', outcome.supporterId).executeTakeFirstOrThrow()
    const change = { pledgeId: row.id, intention: 'against' as const, shares: '500', holderType: 'institutional' as const, broker: 'Vanguard', voted: true, showName: false }
    expect(await changePledge(db(), { supporterId: outcome.supporterId, change })).toEqual({ ok: true, changed: 5 })
    const tally = await expectTallyMatchesPledges(campaign.id)
    expect(tally).toMatchObject({ voted: 1, sharesByIntention: { for: '0', against: '500' } })
    expect((await eventsFor(campaign.id)).map((e) => e.kind)).toEqual(['created', 'confirmed', 'intention', 'shares', 'holder_type', 'broker', 'voted'])

    const stranger = await pledge(campaign, { email: 'stranger@example.org' })
    expect(await changePledge(db(), { supporterId: stranger.supporterId, change })).toEqual({ ok: false, reason: 'not_found' })
  })

  test('a closed campaign’s pledges never change: changePledge refuses, whoever calls it', async () => {
    const campaign = await createCampaign(db())
    const outcome = await pledge(campaign, { email: 'after-close@example.org', shares: '300' })
    await confirmByToken(db(), { token: outcome.links.confirmToken! })
    const row = await db().selectFrom('pledges').select('id').where('supporter_id', '=', outcome.supporterId).executeTakeFirstOrThrow()
    await db().updateTable('campaigns').set({ status: 'closed' }).where('id', '=', campaign.id).execute()
    const before = await getTally(db(), { campaignId: campaign.id })
    const change = { pledgeId: row.id, intention: 'against' as const, shares: '900', holderType: 'retail' as const, broker: '', voted: true, showName: false }
    expect(await changePledge(db(), { supporterId: outcome.supporterId, change })).toEqual({ ok: false, reason: 'closed' })
    expect(await getTally(db(), { campaignId: campaign.id })).toEqual(before)
    expect((await eventsFor(campaign.id)).map((e) => e.kind)).toEqual(['created', 'confirmed'])
  })

  test('erasure takes the pledges out of the tally, deletes the person and anonymises the history', async () => {
    const campaign = await createCampaign(db())
    const outcome = await pledge(campaign, { email: 'leaver@example.org', name: 'Lee Ver', shares: '4000' })
    await confirmByToken(db(), { token: outcome.links.confirmToken! })
    expect((await getTally(db(), { campaignId: campaign.id })).sharesPledged).toBe('4000')

    const exported = await exportSupporterData(db(), { supporterId: outcome.supporterId })
    expect(exported?.supporter.email).toBe('leaver@example.org')
    expect(exported?.pledges[0]).toMatchObject({ intention: 'for', shares: '4000', broker: 'Fidelity', consent: { form_version: PLEDGE_FORM_VERSION } })
    expect(exported?.history.map((h) => h.kind)).toEqual(['created', 'confirmed'])

    expect(await eraseSupporter(db(), { supporterId: outcome.supporterId })).toEqual({ erasedPledges: 1 })
    expect((await expectTallyMatchesPledges(campaign.id)).supporters).toBe(0)
    expect(await db().selectFrom('supporters').select('id').where('email', '=', 'leaver@example.org').execute()).toEqual([])
    const events = await eventsFor(campaign.id)
    expect(events.map((e) => e.kind)).toEqual(['created', 'confirmed', 'erased'])
    for (const event of events) expect(event).toMatchObject({ supporter_id: null, pledge_id: null, data: {} })
  })

  test('a follow is a subscription without a pledge; one-click unsubscribe ends it', async () => {
    const campaign = await createCampaign(db())
    const outcome = await recordFollow(db(), { campaign, email: 'follower@example.org', formVersion: 'follow-test' })
    await confirmByToken(db(), { token: outcome.links.confirmToken! })
    expect((await getTally(db(), { campaignId: campaign.id })).supporters).toBe(0)
    const subscription = () => db().selectFrom('subscriptions').select('status').where('supporter_id', '=', outcome.supporterId).executeTakeFirstOrThrow()
    expect((await subscription()).status).toBe('subscribed')
    expect(await unsubscribeByToken(db(), { token: outcome.links.unsubscribeToken })).toEqual({ ok: true, campaignId: campaign.id })
    expect((await subscription()).status).toBe('unsubscribed')
  })

  test('a campaign with confirmed pledges can be deleted, its stats with it', async () => {
    const campaign = await createCampaign(db())
    const outcome = await pledge(campaign, { email: 'deleted-campaign@example.org', broker: 'Vanguard' })
    await confirmByToken(db(), { token: outcome.links.confirmToken! })
    await db().deleteFrom('campaigns').where('id', '=', campaign.id).execute()
    expect(await db().selectFrom('pledge_broker_stats').select('campaign_id').where('campaign_id', '=', campaign.id).execute()).toEqual([])
    expect(await db().selectFrom('pledge_stats_daily').select('campaign_id').where('campaign_id', '=', campaign.id).execute()).toEqual([])
  })

  test('a closed campaign takes no pledge', async () => {
    const campaign = await createCampaign(db(), { status: 'closed' })
    await expect(pledge(campaign)).rejects.toThrow(/not live/)
  })

  test('the campaign is checked in the pledge’s own transaction, not from the caller’s copy', async () => {
    const campaign = await createCampaign(db())
    await db().updateTable('campaigns').set({ status: 'closed' }).where('id', '=', campaign.id).execute()
    await expect(pledge(campaign, { email: 'stale-copy@example.org' })).rejects.toBeInstanceOf(CampaignClosedError)
    expect(await db().selectFrom('supporters').select('id').where('email', '=', 'stale-copy@example.org').execute()).toEqual([])
  })
})

describe(`email-link tokens on ${testDatabaseKind}`, () => {
  test('tampered, reused, expired and other-purpose tokens are refused and change nothing', async () => {
    const campaign = await createCampaign(db())
    const outcome = await pledge(campaign, { email: 'tokens@example.org' })
    const token = outcome.links.confirmToken!
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')

    expect(await confirmByToken(db(), { token: tampered })).toEqual({ ok: false, reason: 'invalid' })
    expect(await confirmByToken(db(), { token: 'short' })).toEqual({ ok: false, reason: 'invalid' })
    expect(await confirmByToken(db(), { token: outcome.links.manageToken })).toEqual({ ok: false, reason: 'invalid' })
    expect(await confirmByToken(db(), { token: outcome.links.unsubscribeToken })).toEqual({ ok: false, reason: 'invalid' })
    expect((await db().selectFrom('supporters').select('confirmed_at').where('id', '=', outcome.supporterId).executeTakeFirstOrThrow()).confirmed_at).toBeNull()

    expect((await confirmByToken(db(), { token })).ok).toBe(true)
    expect(await confirmByToken(db(), { token })).toEqual({ ok: false, reason: 'used' })

    const expiring = await issueToken(db(), { supporterId: outcome.supporterId, purpose: 'confirm' })
    await db().updateTable('supporter_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('supporter_id', '=', outcome.supporterId).where('used_at', 'is', null).where('purpose', '=', 'confirm').execute()
    expect(await confirmByToken(db(), { token: expiring })).toEqual({ ok: false, reason: 'expired' })
    expect(await peekToken(db(), { token: expiring, purpose: 'confirm' })).toEqual({ ok: false, reason: 'expired' })
  })

  test('of two simultaneous uses of one confirmation link, exactly one succeeds', async () => {
    const campaign = await createCampaign(db())
    const outcome = await pledge(campaign, { email: 'twice@example.org' })
    const results = await Promise.all([1, 2, 3].map(() => consumeToken(db(), { token: outcome.links.confirmToken!, purpose: 'confirm' })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
  })

  test('only a hash of each token is stored, and tokens carry 256 random bits', async () => {
    const campaign = await createCampaign(db())
    const outcome = await pledge(campaign, { email: 'hashed@example.org' })
    const rows = await db().selectFrom('supporter_tokens').select('token_hash').where('supporter_id', '=', outcome.supporterId).execute()
    const stored = rows.map((r) => Buffer.from(r.token_hash).toString('base64url'))
    expect(stored).not.toContain(outcome.links.confirmToken)
    expect(Buffer.from(outcome.links.confirmToken!, 'base64url')).toHaveLength(32)
  })
})
