import { sql } from 'kysely'
import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { Campaign } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { setUpMailWorld } from '../../tests/helpers/mail-world'
import { testDatabaseKind } from '../../tests/helpers/test-database'
import { createPacer } from '../mail/pacer'
import { deliveryTokens } from '../mail/update-emails.server'
import { deliveryFigures } from './delivery-figures.server'
import { setCampaignMailPaused, setMailerPaused } from './mail-pauses.server'
import { mailerRound, nextMailerWorkAt } from '../mail/mailer.server'
import { createOrganizer } from './organizers.server'
import { unsubscribeByToken } from './supporters.server'
import { recordResendEvent } from './webhooks.server'

// An update's figures (sent, delivered, bounced, complained, unsubscribed through it, failed
// with the reasons) and the two pauses, against the fake Resend server.

const world = setUpMailWorld()
let organizerId: number
beforeAll(async () => {
  organizerId = (await createOrganizer(world.db, { email: 'figures@example.org', password: 'a long enough password' })).id
})
beforeEach(() => world.fake.reset())

const db = () => world.db
const round = () => mailerRound(db(), { transport: world.transport(), pacer: createPacer({ perSecond: 1000 }) })

async function subscribers(campaign: Campaign, n: number) {
  await sql`
    with s as (
      insert into supporters (email, confirmed_at)
      select 'f' || i || '-' || ${campaign.id}::int || '@example.org', now() from generate_series(1, ${n}::int) i returning id
    )
    insert into subscriptions (campaign_id, supporter_id, form_version) select ${campaign.id}::int, id, 'test' from s`.execute(db())
}

async function dueUpdate(campaign: Campaign) {
  return db()
    .insertInto('updates')
    .values({ campaign_id: campaign.id, kind: 'custom', send_at: new Date(Date.now() - 1000), subject: 'News', body: 'Body', status: 'scheduled' })
    .returning('id')
    .executeTakeFirstOrThrow()
}

const figuresOf = async (updateId: number) => (await deliveryFigures(db(), { updateIds: [updateId] })).get(updateId)!
const statusOf = async (updateId: number) => (await db().selectFrom('updates').select('status').where('id', '=', updateId).executeTakeFirstOrThrow()).status

async function sendAll(updateId: number) {
  for (let i = 0; i < 20 && (await statusOf(updateId)) !== 'sent'; i++) await round()
  expect(await statusOf(updateId)).toBe('sent')
}

describe(`an update's figures on ${testDatabaseKind}`, () => {
  test('sent, delivered, bounced, complained and unsubscribed through it, as the provider and the recipients report them', async () => {
    const campaign = await createCampaign(db())
    await subscribers(campaign, 6)
    const update = await dueUpdate(campaign)
    await sendAll(update.id)
    const rows = await db().selectFrom('deliveries').select(['id', 'provider_message_id']).where('update_id', '=', update.id).orderBy('id').execute()
    const event = async (i: number, type: string) => recordResendEvent(db(), { svixId: `evt-${update.id}-${i}-${type}`, event: { type, data: { email_id: rows[i]!.provider_message_id } } })
    for (const i of [0, 1, 2, 3]) await event(i, 'email.delivered')
    await event(3, 'email.complained')
    await event(4, 'email.bounced')

    // Two people leave through the email's own unsubscribe link; one of them twice.
    for (const i of [0, 1, 1]) expect(await unsubscribeByToken(db(), { token: deliveryTokens(rows[i]!.id).unsubscribe })).toMatchObject({ ok: true })
    expect(await figuresOf(update.id)).toEqual({
      recipients: 6,
      waiting: 0,
      sent: 6,
      delivered: 4,
      bounced: 1,
      complained: 1,
      unsubscribed: 2,
      failed: 0,
      skipped: 0,
      errors: [],
    })
  })

  test('a send the provider refuses counts as failed, with the reason, and reached nobody', async () => {
    const campaign = await createCampaign(db())
    await subscribers(campaign, 3)
    const update = await dueUpdate(campaign)
    world.fake.inject({ kind: '422', message: 'The example.org domain is not verified.' })
    await sendAll(update.id)
    const figures = await figuresOf(update.id)
    expect(figures).toMatchObject({ recipients: 3, sent: 0, failed: 3, waiting: 0 })
    expect(figures.errors).toEqual([{ message: expect.stringContaining('The example.org domain is not verified.'), count: 3 }])
  })

  test('an update whose audience is empty is sent to nobody, and its figures say so', async () => {
    const campaign = await createCampaign(db())
    const update = await dueUpdate(campaign)
    await round()
    await round()
    expect(await statusOf(update.id)).toBe('sent')
    expect(await figuresOf(update.id)).toMatchObject({ recipients: 0, sent: 0 })
  })
})

describe(`the figures an update quotes on ${testDatabaseKind}`, () => {
  test('every copy quotes the people and shares pledged for as they stood when it started, even if pledges come in meanwhile', async () => {
    const campaign = await createCampaign(db())
    await subscribers(campaign, 150) // two batches
    const pledge = async (email: string, shares: string) => {
      const s = await db().insertInto('supporters').values({ email, confirmed_at: new Date() }).returning('id').executeTakeFirstOrThrow()
      await db().insertInto('pledges').values({ campaign_id: campaign.id, supporter_id: s.id, intention: 'for', shares, status: 'confirmed', confirmed_at: new Date(), form_version: 't' }).execute()
    }
    await pledge(`early-${campaign.id}@example.org`, '1200')
    const update = await dueUpdate(campaign)
    await round() // starts it and sends the first batch
    await pledge(`late-${campaign.id}@example.org`, '800')
    await sendAll(update.id)
    const bodies = world.fake.emails.filter((e) => e.to[0]!.endsWith(`-${campaign.id}@example.org`)).map((e) => e.text!)
    expect(bodies).toHaveLength(150)
    for (const text of bodies) expect(text).toContain('So far on Quorum: 1 person pledged for · 1,200 shares.')
    expect((await db().selectFrom('updates').select('public_figures').where('id', '=', update.id).executeTakeFirstOrThrow()).public_figures).toEqual({ people: 1, shares: '1200' })
  })
})

describe(`pausing on ${testDatabaseKind}`, () => {
  test('one campaign’s pause holds its updates only; the global one holds all; both are audited', async () => {
    const paused = await createCampaign(db())
    const running = await createCampaign(db())
    await subscribers(paused, 2)
    await subscribers(running, 2)
    const held = await dueUpdate(paused)
    const going = await dueUpdate(running)
    await setCampaignMailPaused(db(), { campaignId: paused.id, organizerId, paused: true })
    await sendAll(going.id)
    expect(await statusOf(held.id)).toBe('scheduled')
    expect(world.fake.emails.map((e) => e.to[0])).toEqual(expect.arrayContaining([expect.stringContaining(`-${running.id}@`)]))
    expect(world.fake.emails.some((e) => e.to[0]!.includes(`-${paused.id}@`))).toBe(false)
    // A paused campaign's due update is no reason to wake the mailer.
    const next = await nextMailerWorkAt(db())
    expect(next === null || next.getTime() > Date.now()).toBe(true)

    await setCampaignMailPaused(db(), { campaignId: paused.id, organizerId, paused: false })
    await setMailerPaused(db(), { organizerId, paused: true })
    expect(await round()).toBe(0)
    expect(await statusOf(held.id)).toBe('scheduled')
    await setMailerPaused(db(), { organizerId, paused: false })
    await sendAll(held.id)

    const audit = await db().selectFrom('audit_log').select(['action', 'campaign_id']).where('action', 'like', 'mail%').orderBy('id').execute()
    expect(audit).toEqual([
      { action: 'mail.campaign_paused', campaign_id: paused.id },
      { action: 'mail.campaign_resumed', campaign_id: paused.id },
      { action: 'mailer.paused', campaign_id: null },
      { action: 'mailer.resumed', campaign_id: null },
    ])
  })
})
