import { sql } from 'kysely'
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { Campaign } from '../../db/schema'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { setUpMailWorld } from '../../tests/helpers/mail-world'
import { pledgeAndNotify } from '../models/sign-up.server'
import { setMailerPaused } from '../models/mail-pauses.server'
import { confirmSend } from '../models/update-review.server'
import { createOrganizer } from '../models/organizers.server'
import { startMailJobs } from './jobs.server'

// The mail worker as it runs in production: pg-boss jobs on the test database (PGlite in this
// process, or PostgreSQL), sending through the fake Resend server.

const world = setUpMailWorld()
let organizerId: number
const running: Array<{ stop(): Promise<void> }> = []

beforeAll(async () => {
  organizerId = (await createOrganizer(world.db, { email: 'jobs@example.org', name: 'Jobs', password: 'a long enough password' })).id
})
beforeEach(() => world.fake.reset())
afterEach(async () => {
  await Promise.all(running.splice(0).map((jobs) => jobs.stop()))
})

async function startWorker(options: { work?: boolean } = {}) {
  const jobs = await startMailJobs(world.db, {
    work: options.work ?? true,
    transport: world.transport(),
    perSecond: 1000,
  })
  running.push(jobs)
  return jobs
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function subscribers(campaign: Campaign, n: number) {
  await sql`
    with s as (
      insert into supporters (email, confirmed_at)
      select 'job-' || i || '-' || ${campaign.id}::int || '@example.org', now() from generate_series(1, ${n}::int) i returning id
    )
    insert into subscriptions (campaign_id, supporter_id, form_version) select ${campaign.id}::int, id, 'test' from s`.execute(world.db)
}

async function draftUpdate(campaign: Campaign, sendAt: Date) {
  return world.db
    .insertInto('updates')
    .values({ campaign_id: campaign.id, kind: 'how_to_vote', send_at: sendAt, subject: 'How to vote', body: 'Voting is open.', status: 'draft' })
    .returning(['id', 'send_at'])
    .executeTakeFirstOrThrow()
}

/** Schedules a reviewed update, with "send now" when its time has passed. */
function schedule(campaign: Campaign, update: { id: number; send_at: Date }) {
  return confirmSend(world.db, { campaignId: campaign.id, updateId: update.id, organizerId, control: 'schedule', reviewedSendAt: update.send_at.toISOString(), sendNow: update.send_at <= new Date() })
}

const statusOf = async (updateId: number) => (await world.db.selectFrom('updates').select('status').where('id', '=', updateId).executeTakeFirstOrThrow()).status

function countPerRecipient() {
  const counts = new Map<string, number>()
  for (const email of world.fake.emails) counts.set(email.to[0]!, (counts.get(email.to[0]!) ?? 0) + 1)
  return counts
}

describe('mail jobs (pg-boss on the same database)', () => {
  test('a pledge’s confirmation email is sent by a job as soon as the pledge commits', async () => {
    await startWorker()
    const campaign = await createCampaign(world.db)
    await pledgeAndNotify(world.db, { campaign, pledge: { ...basePledge, email: 'job-pledger@example.org' } })
    const sent = await waitFor('the confirmation email', async () => world.fake.emails.find((e) => e.to.includes('job-pledger@example.org')))
    expect(sent.subject).toMatch(/confirm/i)
    // The row is marked sent once Resend's answer is back, just after the fake server has it.
    await waitFor('the queue row to be marked sent', async () => {
      const row = await world.db.selectFrom('email_queue').select('status').where('to_email', '=', 'job-pledger@example.org').executeTakeFirstOrThrow()
      return row.status === 'sent'
    })
    expect(world.fake.emails.filter((e) => e.to.includes('job-pledger@example.org'))).toHaveLength(1)
  })

  test('scheduling an update that is due sends it to every subscriber once, and the update ends sent', async () => {
    await startWorker()
    const campaign = await createCampaign(world.db)
    await subscribers(campaign, 250)
    const update = await draftUpdate(campaign, new Date(Date.now() - 1000))
    expect(await schedule(campaign, update)).toEqual({ ok: true, outcome: 'sending_now' })
    await waitFor('the update to be sent', async () => (await statusOf(update.id)) === 'sent')
    const counts = countPerRecipient()
    expect(counts.size).toBe(250)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
  })

  test('an update scheduled ahead is started by a delayed job at its time, not before', async () => {
    await startWorker()
    const campaign = await createCampaign(world.db)
    await subscribers(campaign, 3)
    const sendAt = new Date(Date.now() + 2500)
    const update = await draftUpdate(campaign, sendAt)
    await schedule(campaign, update)
    await waitFor('the update to be sent', async () => (await statusOf(update.id)) === 'sent')
    const started = await world.db.selectFrom('updates').select('started_at').where('id', '=', update.id).executeTakeFirstOrThrow()
    expect(started.started_at!.getTime()).toBeGreaterThanOrEqual(sendAt.getTime())
    expect(world.fake.emails).toHaveLength(3)
  })

  test('a web process that only adds jobs wakes a worker elsewhere; duplicate jobs and two workers send nothing twice', async () => {
    const producer = await startWorker({ work: false })
    await startWorker()
    await startWorker()
    const campaign = await createCampaign(world.db)
    await subscribers(campaign, 400)
    const update = await draftUpdate(campaign, new Date(Date.now() - 1000))
    await schedule(campaign, update)
    // The same work announced many times over, as duplicate jobs.
    for (let i = 0; i < 5; i++) await producer.boss.send('mailer', {}, { singletonKey: `duplicate-${i}` })
    await waitFor('the update to be sent', async () => (await statusOf(update.id)) === 'sent')
    const counts = countPerRecipient()
    expect(counts.size).toBe(400)
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([])
    expect(world.fake.requests.filter((r) => r.status === 409)).toEqual([])
  })

  test('nothing goes out while all sending is paused; resuming wakes the mailer', async () => {
    await startWorker()
    const campaign = await createCampaign(world.db)
    await subscribers(campaign, 5)
    await setMailerPaused(world.db, { organizerId, paused: true })
    const update = await draftUpdate(campaign, new Date(Date.now() - 1000))
    await schedule(campaign, update)
    await new Promise((resolve) => setTimeout(resolve, 2500)) // long enough for a job to have run
    expect(await statusOf(update.id)).toBe('scheduled')
    expect(world.fake.emails).toHaveLength(0)
    await setMailerPaused(world.db, { organizerId, paused: false })
    await waitFor('the update to be sent', async () => (await statusOf(update.id)) === 'sent')
    expect(world.fake.emails).toHaveLength(5)
  })

  test('a worker finds at start what was due while none ran, with no signal at all', async () => {
    const campaign = await createCampaign(world.db)
    await subscribers(campaign, 7)
    const update = await world.db
      .insertInto('updates')
      .values({ campaign_id: campaign.id, kind: 'how_to_vote', send_at: new Date(Date.now() - 60_000), subject: 'Missed', body: 'Sent late.', status: 'scheduled' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await startWorker()
    await waitFor('the update to be sent', async () => (await statusOf(update.id)) === 'sent')
    expect(world.fake.emails).toHaveLength(7)
  })
})
