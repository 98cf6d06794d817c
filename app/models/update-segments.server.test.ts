import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { type FakeResend, startFakeResend } from '../../tests/fake-resend'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { countEligible } from '../mail/index.server'
import { mailerRound } from '../mail/mailer.server'
import { createPacer } from '../mail/pacer'
import { createResendTransport } from '../mail/resend.server'
import type { PledgeSubmission } from '../schemas/pledge'
import { confirmSupporter, recordPledge, recordFollow } from './pledges.server'
import { createOrganizer } from './organizers.server'
import { confirmSend, reviewSend } from './update-review.server'
import { draftUpdate } from './updates.server'

// One-off updates to a segment of the pledgers: the review counts the segment, sending freezes
// it, and only its members receive the email.

let handle: DatabaseHandle
let fake: FakeResend
let organizerId: number
beforeAll(async () => {
  handle = await createTestDatabase()
  fake = await startFakeResend()
  organizerId = (await createOrganizer(handle.db, { email: 'segments@example.org', password: 'a long enough password' })).id
})
afterAll(async () => {
  await handle?.close()
  await fake?.close()
})

const db = () => handle.db
let sequence = 0

async function pledger(campaign: Campaign, pledge: Partial<PledgeSubmission>, options: { source?: string } = {}) {
  const email = `segment-${++sequence}@example.org`
  const outcome = await recordPledge(db(), { campaign, pledge: { ...basePledge, email, ...pledge, source: options.source }, formVersion: 'test' })
  await db().transaction().execute((trx) => confirmSupporter(trx, { supporterId: outcome.supporterId }))
  return email
}

const transport = () => createResendTransport({ apiKey: 're_test_key', baseUrl: fake.url })
const recipientsOf = (subject: string) => fake.emails.filter((e) => e.subject === subject).map((e) => e.to[0]).sort()

describe(`update segments on ${testDatabaseKind}`, () => {
  test('the review counts the segment; sending freezes it: a pledger who joins it later does not get the email', async () => {
    const campaign = await createCampaign(db())
    const forFidelity = await pledger(campaign, { intention: 'for', broker: 'Fidelity' })
    const forFidelityVoted = await pledger(campaign, { intention: 'for', broker: 'fidelity', voted: true })
    const forSchwab = await pledger(campaign, { intention: 'for', broker: 'Charles Schwab' })
    const againstFidelity = await pledger(campaign, { intention: 'against', broker: 'Fidelity' })
    const follower = `segment-follower-${++sequence}@example.org`
    const followed = await recordFollow(db(), { campaign, email: follower, formVersion: 'test' })
    await db().transaction().execute((trx) => confirmSupporter(trx, { supporterId: followed.supporterId }))

    const segment = { intention: 'for' as const, voted: 'no' as const, broker: 'FIDELITY' }
    expect(await countEligible(db(), { campaignId: campaign.id, audience: 'all' })).toBe(5)
    expect(await countEligible(db(), { campaignId: campaign.id, audience: 'all', segment })).toBe(1)
    expect(await countEligible(db(), { campaignId: campaign.id, audience: 'all', segment: { broker: 'fidelity' } })).toBe(3)

    const subject = `Fidelity holders, please vote ${sequence}`
    const { id: updateId } = await draftUpdate(db(), { campaignId: campaign.id, organizerId, subject, body: 'Here is how, at Fidelity.', sendAt: new Date(Date.now() - 60_000), audience: 'all', segment, via: 'test' })
    const now = new Date()
    const review = await reviewSend(db(), { campaignId: campaign.id, updateId, control: 'schedule', now })
    expect(review.ok && review.review.recipients).toBe(1)
    expect(review.ok && review.review.segment).toEqual(segment)
    const confirmed = await confirmSend(db(), { campaignId: campaign.id, updateId, organizerId, control: 'schedule', reviewedSendAt: review.ok ? review.review.sendAt.toISOString() : '', sendNow: true })
    expect(confirmed.ok).toBe(true)

    // The first round starts it: its audience is frozen into deliveries.
    await mailerRound(db(), { transport: transport(), pacer: createPacer({ perSecond: 1000 }) })
    const joinedLater = await pledger(campaign, { intention: 'for', broker: 'Fidelity' })
    for (let i = 0; i < 5; i++) await mailerRound(db(), { transport: transport(), pacer: createPacer({ perSecond: 1000 }) })

    expect(recipientsOf(subject)).toEqual([forFidelity])
    for (const other of [forFidelityVoted, forSchwab, againstFidelity, follower, joinedLater]) expect(recipientsOf(subject)).not.toContain(other)
    const deliveries = await db().selectFrom('deliveries').select('status').where('update_id', '=', updateId).execute()
    expect(deliveries.map((d) => d.status)).toEqual(['sent'])
  })

  test('holder type, source and confirmed-since narrow it; an update without a segment reaches the whole audience', async () => {
    const campaign = await createCampaign(db())
    await pledger(campaign, { holderType: 'employee' }, { source: 'union-newsletter' })
    await pledger(campaign, { holderType: 'retail' }, { source: 'union-newsletter' })
    await pledger(campaign, { holderType: 'employee' })
    const count = (segment: Parameters<typeof countEligible>[1]['segment']) => countEligible(db(), { campaignId: campaign.id, audience: 'all', segment })
    expect(await count({ holderType: 'employee' })).toBe(2)
    expect(await count({ source: 'union-newsletter' })).toBe(2)
    expect(await count({ holderType: 'employee', source: 'union-newsletter' })).toBe(1)
    expect(await count({ confirmedSince: new Date(Date.now() - 3_600_000).toISOString() })).toBe(3)
    expect(await count({ confirmedSince: new Date(Date.now() + 3_600_000).toISOString() })).toBe(0)
    expect(await count(null)).toBe(3)
    expect(await count({})).toBe(3)

    const { id } = await draftUpdate(db(), { campaignId: campaign.id, organizerId, subject: 'To all', body: 'Body', sendAt: new Date(), audience: 'all', segment: {}, via: 'test' })
    const stored = await db().selectFrom('updates').select('segment').where('id', '=', id).executeTakeFirstOrThrow()
    expect(stored.segment).toBeNull()
  })
})
