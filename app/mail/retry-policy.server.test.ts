import { sql } from 'kysely'
import { beforeEach, describe, expect, test } from 'vitest'
import { type Fault } from '../../tests/fake-resend'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { setUpMailWorld } from '../../tests/helpers/mail-world'
import { testDatabaseKind } from '../../tests/helpers/test-database'
import { recordPledge } from '../models/pledges.server'
import { PLEDGE_FORM_VERSION } from '../schemas/pledge'
import { mailerRound } from './mailer.server'
import { createPacer } from './pacer'
import { RETRY_POLICY } from './retry-policy'
import { processEmailQueue } from './sign-up-queue.server'

// One retry policy for both kinds of mail: a sign-up confirmation and a campaign update meet
// the same answers from the fake Resend server and come out the same way.

const world = setUpMailWorld()
beforeEach(() => world.fake.reset())

const db = () => world.db
// A short timeout, so that a slow answer is a timeout here.
const transport = () => world.transport({ timeoutMs: 5_000 })

type Outcome = { retry: boolean; afterSeconds: number | null; error: string | null }
let n = 0

/** One sign-up confirmation's first attempt meeting `fault`: what the queue row says next. */
async function signUpEmailMeets(fault: Fault): Promise<Outcome> {
  const campaign = await createCampaign(db())
  await recordPledge(db(), { campaign, pledge: { ...basePledge, email: `signup-${++n}@example.org` }, formVersion: PLEDGE_FORM_VERSION })
  world.fake.inject(fault)
  await processEmailQueue(db(), { transport: transport() })
  const row = await db()
    .selectFrom('email_queue')
    .select(['status', 'last_error', sql<number>`extract(epoch from next_attempt_at - now())`.as('wait')])
    .where('campaign_id', '=', campaign.id)
    .executeTakeFirstOrThrow()
  return { retry: row.status === 'queued', afterSeconds: row.status === 'queued' ? Number(row.wait) : null, error: row.last_error }
}

/** One campaign update's first batch meeting `fault`: what its delivery row says next. */
async function updateMeets(fault: Fault): Promise<Outcome> {
  const campaign = await createCampaign(db())
  await sql`
    with s as (insert into supporters (email, confirmed_at) values (${`update-${++n}@example.org`}, now()) returning id)
    insert into subscriptions (campaign_id, supporter_id, form_version) select ${campaign.id}::int, id, 'test' from s`.execute(db())
  const update = await db()
    .insertInto('updates')
    .values({ campaign_id: campaign.id, kind: 'how_to_vote', send_at: new Date(Date.now() - 1000), subject: 'How to vote', body: 'Voting is open.', audience: 'all', status: 'scheduled' })
    .returning('id')
    .executeTakeFirstOrThrow()
  world.fake.inject(fault)
  await mailerRound(db(), { transport: transport(), pacer: createPacer({ perSecond: 1000 }) })
  const row = await db()
    .selectFrom('deliveries')
    .select(['status', 'last_error', sql<number>`extract(epoch from retry_at - now())`.as('wait')])
    .where('update_id', '=', update.id)
    .executeTakeFirstOrThrow()
  return { retry: row.status === 'sending', afterSeconds: row.status === 'sending' ? Number(row.wait) : null, error: row.last_error }
}

const kinds = [
  ['a sign-up confirmation', signUpEmailMeets],
  ['a campaign update', updateMeets],
] as const

describe(`one retry policy for every email, on ${testDatabaseKind}`, () => {
  test.each(kinds)('%s: a 4xx fails at once, with the reason kept', async (_, meets) => {
    const outcome = await meets({ kind: '422', message: 'The example.org domain is not verified.' })
    expect(outcome).toEqual({ retry: false, afterSeconds: null, error: expect.stringMatching(/^422: The example.org domain is not verified/) })
  })

  test.each(kinds)('%s: a 429 waits as long as Resend asks', async (_, meets) => {
    const outcome = await meets({ kind: '429', retryAfterSeconds: 40 })
    expect(outcome.retry).toBe(true)
    expect(outcome.afterSeconds).toBeGreaterThan(38)
    expect(outcome.afterSeconds).toBeLessThanOrEqual(40)
    expect(outcome.error).toMatch(/^429/)
  })

  test.each(kinds)('%s: a 5xx is retried after the policy’s first wait', async (_, meets) => {
    const outcome = await meets({ kind: '500' })
    expect(outcome.retry).toBe(true)
    expect(outcome.afterSeconds).toBeGreaterThan(RETRY_POLICY.firstDelaySeconds - 2)
    expect(outcome.afterSeconds).toBeLessThanOrEqual(RETRY_POLICY.firstDelaySeconds)
    expect(outcome.error).toMatch(/^500/)
  })

  test.each(kinds)('%s: a timeout is retried after the policy’s first wait, as a network failure', async (_, meets) => {
    const outcome = await meets({ kind: 'slow', delayMs: 8_000 })
    expect(outcome.retry).toBe(true)
    expect(outcome.afterSeconds).toBeGreaterThan(RETRY_POLICY.firstDelaySeconds - 2)
    expect(outcome.afterSeconds).toBeLessThanOrEqual(RETRY_POLICY.firstDelaySeconds)
    expect(outcome.error).toMatch(/^network/)
  })

  test('both kinds give up at the same attempt', async () => {
    await db().updateTable('email_queue').set({ status: 'failed' }).execute()
    const campaign = await createCampaign(db())
    await recordPledge(db(), { campaign, pledge: { ...basePledge, email: `last-${++n}@example.org` }, formVersion: PLEDGE_FORM_VERSION })
    await db().updateTable('email_queue').set({ attempts: RETRY_POLICY.maxAttempts - 1 }).where('campaign_id', '=', campaign.id).execute()
    world.fake.inject({ kind: '500' })
    await processEmailQueue(db(), { transport: transport() })
    const row = await db().selectFrom('email_queue').select(['status', 'last_error']).where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'failed', last_error: expect.stringMatching(new RegExp(`^Gave up after ${RETRY_POLICY.maxAttempts} attempts`)) })
  })
})
