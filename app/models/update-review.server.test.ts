import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign, UpdateAudience } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { countEligible, freezeAudience } from '../mail/deliveries.server'
import { setCampaignMailPaused, setMailerPaused } from './mail-pauses.server'
import { startDueUpdates } from '../mail/mailer.server'
import { createOrganizer } from './organizers.server'
import { confirmSend, reviewSend } from './update-review.server'
import { controlUpdate, editUpdate } from './updates.server'

// Nothing goes out that an organizer did not mean to send: a review first, and "send now" for
// a send time already past.

let handle: DatabaseHandle
let organizerId: number
beforeAll(async () => {
  handle = await createTestDatabase()
  organizerId = (await createOrganizer(handle.db, { email: 'review@example.org', password: 'a long enough password' })).id
})
afterAll(async () => handle?.close())

const db = () => handle.db

/** Subscribers of every kind: pledged for, against, undecided, voted, a follower, and people who must never count. */
async function people(campaign: Campaign) {
  const add = async (email: string, options: { confirmed?: boolean; suppressed?: boolean; demo?: boolean; subscribed?: boolean; pledge?: { intention: 'for' | 'against' | 'undecided'; voted?: boolean; status?: 'confirmed' | 'pending' } }) => {
    const supporter = await db()
      .insertInto('supporters')
      .values({
        email: `${email}-${campaign.id}@example.org`,
        confirmed_at: options.confirmed === false ? null : new Date(),
        suppressed_at: options.suppressed ? new Date() : null,
        suppression_reason: options.suppressed ? 'bounce' : null,
        is_demo: options.demo ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db().insertInto('subscriptions').values({ campaign_id: campaign.id, supporter_id: supporter.id, form_version: 't', status: options.subscribed === false ? 'unsubscribed' : 'subscribed' }).execute()
    if (options.pledge) {
      const status = options.pledge.status ?? 'confirmed'
      await db()
        .insertInto('pledges')
        .values({ campaign_id: campaign.id, supporter_id: supporter.id, intention: options.pledge.intention, status, confirmed_at: status === 'confirmed' ? new Date() : null, voted_at: options.pledge.voted ? new Date() : null, form_version: 't' })
        .execute()
    }
  }
  await add('for', { pledge: { intention: 'for' } })
  await add('for-voted', { pledge: { intention: 'for', voted: true } })
  await add('against', { pledge: { intention: 'against' } })
  await add('undecided', { pledge: { intention: 'undecided' } })
  await add('pending', { pledge: { intention: 'for', status: 'pending' } })
  await add('follower', {})
  await add('unconfirmed', { confirmed: false })
  await add('bounced', { suppressed: true, pledge: { intention: 'for' } })
  await add('demo', { demo: true })
  await add('left', { subscribed: false, pledge: { intention: 'for' } })
}

async function draft(campaign: Campaign, sendAt: Date, audience: UpdateAudience = 'all') {
  return db()
    .insertInto('updates')
    .values({ campaign_id: campaign.id, kind: 'custom', send_at: sendAt, subject: 'News', body: 'Body', audience, status: 'draft' })
    .returning(['id', 'send_at'])
    .executeTakeFirstOrThrow()
}

const statusOf = async (id: number) => (await db().selectFrom('updates').select(['status', 'send_at']).where('id', '=', id).executeTakeFirstOrThrow())

describe(`the review before a send on ${testDatabaseKind}`, () => {
  test('counts, for every audience, exactly the people the freeze would take', async () => {
    const campaign = await createCampaign(db())
    await people(campaign)
    for (const audience of ['all', 'pledged_not_voted', 'undecided', 'pledged_for', 'followers'] as const) {
      const update = await draft(campaign, new Date(Date.now() + 3_600_000), audience)
      const reviewed = await reviewSend(db(), { campaignId: campaign.id, updateId: update.id, control: 'schedule', now: new Date() })
      expect(reviewed.ok).toBe(true)
      const frozen = await freezeAudience(db(), { updateId: update.id })
      expect(reviewed.ok && reviewed.review.recipients, audience).toBe(frozen)
      expect(await countEligible(db(), { campaignId: campaign.id, audience })).toBe(frozen)
    }
    // All: four confirmed pledges, a pledge still pending (its address is confirmed) and the follower; never the
    // unconfirmed, bounced, demo or unsubscribed.
    expect(await countEligible(db(), { campaignId: campaign.id, audience: 'all' })).toBe(6)
    expect(await countEligible(db(), { campaignId: campaign.id, audience: 'pledged_for' })).toBe(2)
  })

  test('a past-dated update is sent only on "send now": without it nothing changes and nothing starts', async () => {
    const campaign = await createCampaign(db())
    await people(campaign)
    const weekAgo = new Date(Date.now() - 7 * 86_400_000)
    const update = await draft(campaign, weekAgo)
    const reviewed = await reviewSend(db(), { campaignId: campaign.id, updateId: update.id, control: 'schedule', now: new Date() })
    expect(reviewed).toMatchObject({ ok: true, review: { isPast: true, recipients: 6, started: false, pausedBy: null } })

    const refused = await confirmSend(db(), { campaignId: campaign.id, updateId: update.id, organizerId, control: 'schedule', reviewedSendAt: update.send_at.toISOString(), sendNow: false })
    expect(refused).toMatchObject({ ok: false, formError: expect.stringContaining('Send now') })
    expect((await statusOf(update.id)).status).toBe('draft')
    expect(await startDueUpdates(db())).not.toContain(update.id)
    expect(await db().selectFrom('deliveries').select('id').where('update_id', '=', update.id).execute()).toEqual([])

    const sent = await confirmSend(db(), { campaignId: campaign.id, updateId: update.id, organizerId, control: 'schedule', reviewedSendAt: update.send_at.toISOString(), sendNow: true })
    expect(sent).toEqual({ ok: true, outcome: 'sending_now' })
    const after = await statusOf(update.id)
    expect(after.status).toBe('scheduled')
    expect(after.send_at.getTime()).toBeGreaterThan(weekAgo.getTime()) // it is dated when it really went
    expect(await startDueUpdates(db())).toContain(update.id)
    const audit = await db().selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', String(update.id)).where('entity_type', '=', 'update').execute()
    expect(audit).toEqual([{ action: 'update.send_now', before: { status: 'draft', sendAt: weekAgo.toISOString() }, after: { status: 'scheduled', sendAt: after.send_at.toISOString() } }])
  })

  test('a future update is scheduled for its time; a review of an older version is refused', async () => {
    const campaign = await createCampaign(db())
    const later = new Date(Date.now() + 86_400_000)
    const update = await draft(campaign, later)
    const reviewed = await reviewSend(db(), { campaignId: campaign.id, updateId: update.id, control: 'schedule', now: new Date() })
    expect(reviewed).toMatchObject({ ok: true, review: { isPast: false, recipients: 0 } })
    // Someone moves it to a week ago after the review was shown.
    await editUpdate(db(), { campaignId: campaign.id, updateId: update.id, organizerId, changes: { subject: 'News', body: 'Body', audience: 'all', sendAt: new Date(Date.now() - 7 * 86_400_000) } })
    const stale = await confirmSend(db(), { campaignId: campaign.id, updateId: update.id, organizerId, control: 'schedule', reviewedSendAt: later.toISOString(), sendNow: false })
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining('changed after you reviewed it') })
    expect((await statusOf(update.id)).status).toBe('draft')

    const fresh = await draft(campaign, later)
    expect(await confirmSend(db(), { campaignId: campaign.id, updateId: fresh.id, organizerId, control: 'schedule', reviewedSendAt: later.toISOString(), sendNow: false })).toEqual({ ok: true, outcome: 'scheduled' })
    expect(await statusOf(fresh.id)).toEqual({ status: 'scheduled', send_at: later })
  })

  test('a scheduled update cannot be moved into the past, where it would go at once', async () => {
    const campaign = await createCampaign(db())
    const later = new Date(Date.now() + 86_400_000)
    const update = await draft(campaign, later)
    await confirmSend(db(), { campaignId: campaign.id, updateId: update.id, organizerId, control: 'schedule', reviewedSendAt: later.toISOString(), sendNow: false })
    const moved = await editUpdate(db(), { campaignId: campaign.id, updateId: update.id, organizerId, changes: { subject: 'News', body: 'Body', audience: 'all', sendAt: new Date(Date.now() - 60_000) } })
    expect(moved).toMatchObject({ ok: false, fieldErrors: { sendAt: [expect.stringContaining('That time has passed')] } })
    expect(await statusOf(update.id)).toEqual({ status: 'scheduled', send_at: later })
  })

  test('resuming a paused update that never started asks again when its time has passed', async () => {
    const campaign = await createCampaign(db())
    const soon = new Date(Date.now() + 86_400_000)
    const update = await draft(campaign, soon)
    await confirmSend(db(), { campaignId: campaign.id, updateId: update.id, organizerId, control: 'schedule', reviewedSendAt: soon.toISOString(), sendNow: false })
    await controlUpdate(db(), { campaignId: campaign.id, updateId: update.id, organizerId, control: 'pause' })
    const past = new Date(Date.now() - 60_000)
    await db().updateTable('updates').set({ send_at: past }).where('id', '=', update.id).execute()
    const reviewed = await reviewSend(db(), { campaignId: campaign.id, updateId: update.id, control: 'resume', now: new Date() })
    expect(reviewed).toMatchObject({ ok: true, review: { isPast: true, control: 'resume' } })
    expect(await confirmSend(db(), { campaignId: campaign.id, updateId: update.id, organizerId, control: 'resume', reviewedSendAt: past.toISOString(), sendNow: false })).toMatchObject({ ok: false })
    expect((await statusOf(update.id)).status).toBe('paused')
  })

  test('a paused started send resumes with what is left to send, and the review says sending is paused where it is', async () => {
    const campaign = await createCampaign(db())
    await people(campaign)
    const update = await draft(campaign, new Date(Date.now() - 1000))
    await db().updateTable('updates').set({ status: 'paused', started_at: sql`now()` }).where('id', '=', update.id).execute()
    await freezeAudience(db(), { updateId: update.id })
    await db().updateTable('deliveries').set({ status: 'sent' }).where('id', 'in', db().selectFrom('deliveries').select('id').where('update_id', '=', update.id).limit(2)).execute()
    await setCampaignMailPaused(db(), { campaignId: campaign.id, organizerId, paused: true })
    const reviewed = await reviewSend(db(), { campaignId: campaign.id, updateId: update.id, control: 'resume', now: new Date() })
    expect(reviewed).toMatchObject({ ok: true, review: { started: true, recipients: 4, isPast: false, pausedBy: 'campaign' } })
    await setCampaignMailPaused(db(), { campaignId: campaign.id, organizerId, paused: false })
    await setMailerPaused(db(), { organizerId, paused: true })
    const everywhere = await reviewSend(db(), { campaignId: campaign.id, updateId: update.id, control: 'resume', now: new Date() })
    expect(everywhere).toMatchObject({ ok: true, review: { pausedBy: 'everywhere' } })
    await setMailerPaused(db(), { organizerId, paused: false })
    const resumed = await confirmSend(db(), { campaignId: campaign.id, updateId: update.id, organizerId, control: 'resume', reviewedSendAt: update.send_at.toISOString(), sendNow: false })
    expect(resumed).toEqual({ ok: true, outcome: 'resumed' })
    expect((await statusOf(update.id)).status).toBe('sending')
  })
})
