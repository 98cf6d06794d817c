import { sql } from 'kysely'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Campaign } from '../../db/schema'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { setUpMailWorld } from '../../tests/helpers/mail-world'
import { createAppHandler } from '../../tests/helpers/remix-handler'
import { testDatabaseKind } from '../../tests/helpers/test-database'
import { countEligible } from '../mail/index.server'
import { mailerRound } from '../mail/mailer.server'
import { createPacer } from '../mail/pacer'
import { changePledge, confirmSupporter, recordPledge } from '../models/pledges.server'
import { issueToken } from '../models/supporter-tokens.server'
import { getTallies } from '../models/tally.server'
import { maskLinkTokens } from '../utils/mask-link-tokens'

// The "I voted" link of a reminder email, from the email as sent through Resend's API to the
// page and its button, on each database.

const world = setUpMailWorld()
let app: Awaited<ReturnType<typeof createAppHandler>>
beforeAll(async () => {
  app = await createAppHandler(world.db)
})

const db = () => world.db
const BASE = 'http://localhost'
const get = (path: string) => app(new Request(`${BASE}${path}`))
const post = (path: string) => app(new Request(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' }))

let sequence = 0
/** A confirmed pledger (or follower) of the campaign, subscribed to its updates. */
async function supporter(campaign: Campaign, options: { pledge: boolean }) {
  const email = `voter-${++sequence}-${campaign.id}@example.org`
  const outcome = await recordPledge(db(), { campaign, pledge: { ...basePledge, email }, formVersion: 'test' })
  if (!options.pledge) await db().deleteFrom('pledges').where('supporter_id', '=', outcome.supporterId).execute()
  await db().transaction().execute((trx) => confirmSupporter(trx, { supporterId: outcome.supporterId }))
  return { email, supporterId: outcome.supporterId }
}

/** Sends a reminder of `kind` now and returns each recipient's "I voted" path from the email's text. */
async function sendReminder(campaign: Campaign, kind: 'how_to_vote' | 'materials_out') {
  const transport = world.transport()
  await db()
    .insertInto('updates')
    .values({ campaign_id: campaign.id, kind, send_at: new Date(Date.now() - 1000), subject: `Reminder ${kind}`, body: 'Vote.', status: 'scheduled' })
    .execute()
  for (let i = 0; i < 10; i++) await mailerRound(db(), { transport, pacer: createPacer({ perSecond: 1000 }) })
  const links = new Map<string, string | null>()
  for (const email of world.fake.emails.filter((e) => e.subject === `Reminder ${kind}`)) {
    links.set(email.to[0]!, email.text?.match(/\/v\/[\w-]+/)?.[0] ?? null)
  }
  return links
}

const pledgeOf = (supporterId: string, campaignId: number) =>
  db().selectFrom('pledges').selectAll().where('supporter_id', '=', supporterId).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow()
const votedEvents = async (supporterId: string) =>
  Number((await sql<{ n: string }>`select count(*) as n from pledge_events where supporter_id = ${supporterId} and kind = 'voted'`.execute(db())).rows[0]!.n)

describe(`"I voted" links on ${testDatabaseKind}`, () => {
  test('a reminder carries the link; GET only shows the button, POST records the vote once, pressing again changes nothing', async () => {
    const campaign = await createCampaign(db())
    const pledger = await supporter(campaign, { pledge: true })
    const link = (await sendReminder(campaign, 'how_to_vote')).get(pledger.email)
    expect(link).toMatch(/^\/v\/[\w-]{20,}$/)

    const page = await get(link!)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Have you voted?')
    expect(html).toContain('Yes, I have voted')
    expect((await pledgeOf(pledger.supporterId, campaign.id)).voted_at).toBeNull()

    const pressed = await post(link!)
    expect(pressed.status).toBe(303)
    expect(pressed.headers.get('location')).toBe(link)
    const voted = (await pledgeOf(pledger.supporterId, campaign.id)).voted_at
    expect(voted).toBeInstanceOf(Date)
    expect(await votedEvents(pledger.supporterId)).toBe(1)
    expect(await (await get(link!)).text()).toContain('Your vote is recorded')

    // A replay (a second click, a scanner that posts) keeps the first time and adds no event.
    expect((await post(link!)).status).toBe(303)
    expect((await pledgeOf(pledger.supporterId, campaign.id)).voted_at).toEqual(voted)
    expect(await votedEvents(pledger.supporterId)).toBe(1)
  })

  test('the recorded vote moves the "pledged, not voted" audience and the tally at once, and /me can undo it', async () => {
    const campaign = await createCampaign(db())
    const pledger = await supporter(campaign, { pledge: true })
    const tallyVoted = async () => (await getTallies(db(), { campaignIds: [campaign.id] })).get(campaign.id)!.voted
    expect(await tallyVoted()).toBe(0)
    const link = (await sendReminder(campaign, 'how_to_vote')).get(pledger.email)!
    await post(link)
    expect(await tallyVoted()).toBe(1)
    expect(await countEligible(db(), { campaignId: campaign.id, audience: 'pledged_not_voted' })).toBe(0)

    const pledge = await pledgeOf(pledger.supporterId, campaign.id)
    const undo = await changePledge(db(), {
      supporterId: pledger.supporterId,
      change: { pledgeId: pledge.id, intention: pledge.intention, shares: pledge.shares ?? undefined, holderType: pledge.holder_type, broker: pledge.broker ?? '', showName: pledge.show_name, voted: false },
    })
    expect(undo).toEqual({ ok: true, changed: 1 })
    expect((await pledgeOf(pledger.supporterId, campaign.id)).voted_at).toBeNull()
    expect(await tallyVoted()).toBe(0)
    expect(await countEligible(db(), { campaignId: campaign.id, audience: 'pledged_not_voted' })).toBe(1)
  })

  test('the link does one thing: another purpose’s token is refused here, and this token works nowhere else', async () => {
    const campaign = await createCampaign(db())
    const pledger = await supporter(campaign, { pledge: true })
    const manage = await issueToken(db(), { supporterId: pledger.supporterId, purpose: 'manage' })
    const unsubscribe = await issueToken(db(), { supporterId: pledger.supporterId, purpose: 'unsubscribe', campaignId: campaign.id })
    for (const token of [manage, unsubscribe, 'not-a-token', 'x'.repeat(300)]) {
      expect((await get(`/v/${token}`)).status).toBe(404)
      expect((await post(`/v/${token}`)).status).toBe(404)
    }
    expect((await pledgeOf(pledger.supporterId, campaign.id)).voted_at).toBeNull()

    const link = (await sendReminder(campaign, 'how_to_vote')).get(pledger.email)!
    const token = link.slice('/v/'.length)
    expect([404, 410]).toContain((await get(`/me/${token}`)).status)
    expect((await get(`/u/${token}`)).status).toBe(404)
    // The outbox hides it like every other link token.
    expect(maskLinkTokens(`${BASE}${link}`)).toBe(`${BASE}/v/[hidden]`)
  })

  test('only reminders ask; a follower without a pledge is thanked and nothing is stored; a closed campaign changes nothing', async () => {
    const campaign = await createCampaign(db())
    const follower = await supporter(campaign, { pledge: false })
    const pledger = await supporter(campaign, { pledge: true })
    expect([...(await sendReminder(campaign, 'materials_out')).values()]).toEqual([null, null])

    const links = await sendReminder(campaign, 'how_to_vote')
    const followerLink = links.get(follower.email)!
    expect(await (await get(followerLink)).text()).toContain('without a pledge')
    expect((await post(followerLink)).status).toBe(303)
    expect(await db().selectFrom('pledges').select('id').where('supporter_id', '=', follower.supporterId).execute()).toEqual([])

    await db().updateTable('campaigns').set({ status: 'closed' }).where('id', '=', campaign.id).execute()
    expect(await (await get(links.get(pledger.email)!)).text()).toContain('This campaign has closed')
    expect((await post(links.get(pledger.email)!)).status).toBe(409)
    expect((await pledgeOf(pledger.supporterId, campaign.id)).voted_at).toBeNull()
  })
})
