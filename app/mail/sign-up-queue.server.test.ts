import { beforeEach, describe, expect, test } from 'vitest'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { setUpMailWorld } from '../../tests/helpers/mail-world'
import { testDatabaseKind } from '../../tests/helpers/test-database'
import { composeSignUpEmail, type SignUpEmailPayload } from './sign-up-emails.server'
import { PLEDGE_FORM_VERSION } from '../schemas/pledge'
import { processEmailQueue } from './sign-up-queue.server'
import { recordPledge } from '../models/pledges.server'
import { eraseSupporter } from '../models/supporters.server'

// The email queue, sending through the real Resend SDK to the fake Resend server.

const world = setUpMailWorld()
beforeEach(async () => {
  world.fake.reset()
  await world.db.deleteFrom('email_queue').execute()
})

const queue = () => world.db.selectFrom('email_queue').selectAll().orderBy('id').execute()

async function pledgeFrom(email: string) {
  const campaign = await createCampaign(world.db)
  return recordPledge(world.db, { campaign, pledge: { ...basePledge, email }, formVersion: PLEDGE_FORM_VERSION })
}

describe(`email queue on ${testDatabaseKind}`, () => {
  test('a pledge queues its confirmation in the same transaction; the sender delivers it once and forgets the tokens', async () => {
    const outcome = await pledgeFrom('queued@example.org')
    expect((await queue()).map((r) => r.status)).toEqual(['queued'])

    expect(await processEmailQueue(world.db, { transport: world.transport() })).toEqual({ claimed: 1, sent: 1 })
    expect(world.fake.emails).toHaveLength(1)
    expect(world.fake.emails[0]!.text).toContain(`/confirm/${outcome.links.confirmToken}`)
    expect(world.fake.emails[0]!.subject).toBe('Confirm your pledge: A Test Proposal')
    const [row] = await queue()
    expect(row).toMatchObject({ status: 'sent', payload: {}, provider_message_id: world.fake.emails[0]!.id })

    expect(await processEmailQueue(world.db, { transport: world.transport() })).toEqual({ claimed: 0, sent: 0 })
    expect(world.fake.emails).toHaveLength(1)
  })

  test('a 500 is retried later with the same idempotency key; a 429 waits as long as Resend asks', async () => {
    await pledgeFrom('retry@example.org')
    world.fake.inject({ kind: '500' })
    expect(await processEmailQueue(world.db, { transport: world.transport() })).toEqual({ claimed: 1, sent: 0 })
    let [row] = await queue()
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: expect.stringMatching(/^500/) })
    expect(row!.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 10_000)

    await world.db.updateTable('email_queue').set({ next_attempt_at: new Date() }).execute()
    world.fake.inject({ kind: '429', retryAfterSeconds: 120 })
    await processEmailQueue(world.db, { transport: world.transport() })
    ;[row] = await queue()
    expect(row!.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 100_000)

    await world.db.updateTable('email_queue').set({ next_attempt_at: new Date() }).execute()
    expect(await processEmailQueue(world.db, { transport: world.transport() })).toEqual({ claimed: 1, sent: 1 })
    const keys = world.fake.requests.map((r) => r.idempotencyKey)
    expect(new Set(keys).size).toBe(1)
    expect(world.fake.emails).toHaveLength(1)
  })

  test('a message claimed by a process that died is sent again with the same key and the same bytes, and arrives once', async () => {
    await pledgeFrom('crash@example.org')
    // A first sender got the message to Resend, then died before it could record that.
    const [queued] = await queue()
    const campaign = await world.db.selectFrom('campaigns').selectAll().where('id', '=', queued!.campaign_id!).executeTakeFirstOrThrow()
    const email = await composeSignUpEmail(campaign, queued!.to_email, queued!.payload as SignUpEmailPayload)
    expect(await world.transport().send({ ...email, idempotencyKey: `quorum-email-${queued!.id}` })).toMatchObject({ ok: true })
    await world.db.updateTable('email_queue').set({ status: 'sending', claimed_at: new Date(Date.now() - 10 * 60_000), attempts: 1 }).execute()

    expect(await processEmailQueue(world.db, { transport: world.transport() })).toEqual({ claimed: 1, sent: 1 })
    expect(world.fake.emails).toHaveLength(1) // Resend deduplicated the byte-identical retry
    expect((await queue())[0]).toMatchObject({ status: 'sent', attempts: 2, provider_message_id: world.fake.emails[0]!.id })
  })

  test('erasing a supporter drops the emails still waiting for them', async () => {
    const outcome = await pledgeFrom('gone@example.org')
    await eraseSupporter(world.db, { supporterId: outcome.supporterId })
    expect(await queue()).toEqual([])
  })
})
