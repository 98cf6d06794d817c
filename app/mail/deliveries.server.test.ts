import { sql } from 'kysely'
import { beforeEach, describe, expect, test } from 'vitest'
import type { Campaign, UpdateAudience } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { setUpMailWorld } from '../../tests/helpers/mail-world'
import { testDatabaseKind } from '../../tests/helpers/test-database'
import { createPacer } from './pacer'
import { claimBatch, freezeAudience, sendBatch } from './deliveries.server'
import { deliveryFigures } from '../models/delivery-figures.server'
import { mailerRound } from './mailer.server'

// The campaign mailer against the fake Resend server: every recipient gets exactly one message
// per update, through failures, retries, crashes and concurrent workers.

const world = setUpMailWorld()
beforeEach(() => world.fake.reset())

const db = () => world.db
const fastPacer = () => createPacer({ perSecond: 1000 })

/** n confirmed subscribers; every third has pledged for, every fifth has voted, one is a follower only. */
async function audience(campaign: Campaign, n: number) {
  await sql`
    with s as (
      insert into supporters (email, confirmed_at)
      select 'r' || i || '-' || ${campaign.id}::int || '@example.org', now() from generate_series(1, ${n}::int) i
      returning id, email
    ), sub as (
      insert into subscriptions (campaign_id, supporter_id, form_version) select ${campaign.id}::int, id, 'test' from s returning supporter_id
    )
    insert into pledges (campaign_id, supporter_id, status, intention, confirmed_at, voted_at, form_version)
    select ${campaign.id}::int, s.id, 'confirmed', case when n % 3 = 0 then 'for' else 'undecided' end, now(),
           case when n % 5 = 0 then now() end, 'test'
    from (select id, substring(email from 'r(\\d+)-')::int as n from s) s where n > 1`.execute(db())
}

async function createUpdate(campaign: Campaign, audience: UpdateAudience = 'all') {
  return db()
    .insertInto('updates')
    .values({ campaign_id: campaign.id, kind: 'how_to_vote', send_at: new Date(Date.now() - 1000), subject: 'How to vote', body: 'Voting is **open**.', audience, status: 'scheduled' })
    .returning('id')
    .executeTakeFirstOrThrow()
}

async function runUntilDone(options: { rounds?: number } = {}) {
  for (let i = 0; i < (options.rounds ?? 200); i++) {
    const worked = await mailerRound(db(), { transport: world.transport(), pacer: fastPacer() })
    const open = await db().selectFrom('updates').select('id').where('status', 'in', ['scheduled', 'sending']).execute()
    if (worked === 0 && open.length === 0) return
    if (worked === 0) await db().updateTable('deliveries').set({ retry_at: sql`now()` }).where('status', '=', 'sending').execute()
  }
  throw new Error('the mailer did not finish')
}

function expectEachOnce(recipients: number) {
  const counts = new Map<string, number>()
  for (const email of world.fake.emails) counts.set(email.to[0]!, (counts.get(email.to[0]!) ?? 0) + 1)
  expect(counts.size).toBe(recipients)
  expect([...counts.values()].every((n) => n === 1)).toBe(true)
}

describe(`campaign mailer on ${testDatabaseKind}`, () => {
  test('the audience is frozen once, per audience, without unconfirmed, unsubscribed, suppressed or demo people', async () => {
    const campaign = await createCampaign(db())
    await audience(campaign, 30)
    await db().insertInto('supporters').values({ email: `pending-${campaign.id}@example.org` }).execute() // unconfirmed: never
    await db().updateTable('subscriptions').set({ status: 'unsubscribed' }).where('supporter_id', '=', (eb) => eb.selectFrom('supporters').select('id').where('email', '=', `r2-${campaign.id}@example.org`)).execute()
    await db().updateTable('supporters').set({ suppressed_at: new Date(), suppression_reason: 'bounce' }).where('email', '=', `r3-${campaign.id}@example.org`).execute()

    const counts: Record<string, number> = {}
    for (const audienceName of ['all', 'pledged_not_voted', 'undecided', 'pledged_for', 'followers'] as const) {
      const update = await createUpdate(campaign, audienceName)
      counts[audienceName] = await freezeAudience(db(), { updateId: update.id })
      expect(await freezeAudience(db(), { updateId: update.id })).toBe(0) // frozen: nobody twice
      await db().updateTable('updates').set({ status: 'draft' }).where('id', '=', update.id).execute()
    }
    // 30 subscribers, less r2 (unsubscribed) and r3 (bounced) = 28; r1 follows only.
    expect(counts).toEqual({ all: 28, pledged_not_voted: 21, undecided: 18, pledged_for: 9, followers: 1 })
  })

  test('a send to 250 recipients goes out in batches of 100, each recipient exactly once, with their own links', async () => {
    const campaign = await createCampaign(db())
    await audience(campaign, 250)
    const update = await createUpdate(campaign)
    await runUntilDone()
    expectEachOnce(250)
    expect(world.fake.requests.filter((r) => r.path === '/emails/batch')).toHaveLength(3)
    expect((await deliveryFigures(db(), { updateIds: [update.id] })).get(update.id)).toMatchObject({ recipients: 250, sent: 250, waiting: 0 })
    const withIds = await db().selectFrom('deliveries').select('provider_message_id').where('update_id', '=', update.id).where('provider_message_id', 'is not', null).execute()
    expect(withIds).toHaveLength(250)
    const sample = world.fake.emails[0]!
    expect(sample.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'List-Id': expect.stringContaining(campaign.slug) })
    expect(sample.html).toContain('<strong>open</strong>')
    expect(new Set(world.fake.emails.map((e) => e.headers!['List-Unsubscribe'])).size).toBe(250)
    expect((await db().selectFrom('updates').select('status').where('id', '=', update.id).executeTakeFirstOrThrow()).status).toBe('sent')
  })

  test('500s, 429s and slow answers are retried with the same key and the same bytes: still exactly once', async () => {
    const campaign = await createCampaign(db())
    await audience(campaign, 220)
    await createUpdate(campaign)
    world.fake.inject({ kind: '500' }, 2)
    world.fake.inject({ kind: '429', retryAfterSeconds: 1 })
    world.fake.inject({ kind: 'slow', delayMs: 300 })
    await runUntilDone()
    expectEachOnce(220)
    const byKey = new Map<string, number[]>()
    for (const r of world.fake.requests) byKey.set(r.idempotencyKey!, [...(byKey.get(r.idempotencyKey!) ?? []), r.status])
    expect([...byKey.values()].some((statuses) => statuses.length > 1)).toBe(true) // retried under one key
    expect(world.fake.requests.filter((r) => r.status === 409)).toEqual([]) // never a different payload under a used key
  })

  test('a worker that dies after Resend accepted a batch: the retry is deduplicated, not delivered twice', async () => {
    const campaign = await createCampaign(db())
    await audience(campaign, 150)
    const update = await createUpdate(campaign)
    await db().transaction().execute(async (trx) => {
      await trx.updateTable('updates').set({ status: 'sending' }).where('id', '=', update.id).execute()
      await freezeAudience(trx, { updateId: update.id })
    })
    // Worker A gets its batch accepted by Resend, then dies before recording it.
    const real = world.transport()
    const dying = { ...real, sendBatch: async (...args: Parameters<typeof real.sendBatch>) => { await real.sendBatch(...args); throw new Error('killed') } }
    const first = (await claimBatch(db(), { updateId: update.id }))!
    await expect(sendBatch(db(), dying, first)).rejects.toThrow('killed')
    expect(world.fake.emails).toHaveLength(100)
    // Worker B claims the next batch and dies before sending anything.
    expect(await claimBatch(db(), { updateId: update.id })).not.toBeNull()
    // Both claims go stale; the next worker retries them with their own keys and bytes.
    await db().updateTable('deliveries').set({ claimed_at: new Date(Date.now() - 10 * 60_000) }).where('update_id', '=', update.id).where('status', '=', 'sending').execute()
    await runUntilDone()
    expectEachOnce(150)
  })

  test('two workers at once share the work and send each message once', async () => {
    const campaign = await createCampaign(db())
    await audience(campaign, 400)
    await createUpdate(campaign)
    await Promise.all([runUntilDone(), runUntilDone()])
    expectEachOnce(400)
  })

  test('someone who unsubscribes after the freeze is skipped, not sent', async () => {
    const campaign = await createCampaign(db())
    await audience(campaign, 10)
    const update = await createUpdate(campaign)
    await db().transaction().execute(async (trx) => {
      await trx.updateTable('updates').set({ status: 'sending' }).where('id', '=', update.id).execute()
      await freezeAudience(trx, { updateId: update.id })
    })
    await db().updateTable('subscriptions').set({ status: 'unsubscribed' }).where('campaign_id', '=', campaign.id).where('supporter_id', '=', (eb) => eb.selectFrom('supporters').select('id').where('email', '=', `r4-${campaign.id}@example.org`)).execute()
    await runUntilDone()
    expectEachOnce(9)
    expect((await deliveryFigures(db(), { updateIds: [update.id] })).get(update.id)).toMatchObject({ sent: 9, skipped: 1 })
  })
})
