import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { createOrganizer, createSession, grantRole } from '../models/organizers.server'
import { sessionCookie } from '../utils/organizer-auth.server'
import { action, loader } from './organizer.c.$slug.mail'

let handle: DatabaseHandle
let cookie: string
let organizerId: number
beforeAll(async () => {
  handle = await createTestDatabase()
  const organizer = await createOrganizer(handle.db, { email: 'mailer@example.org', password: 'a long enough password' })
  organizerId = organizer.id
  cookie = (await sessionCookie.serialize(await createSession(handle.db, { organizerId }))).split(';')[0]!
})
afterAll(async () => handle?.close())

const context = (): AppLoadContext => ({ db: handle.db, cspNonce: '', clientIp: '127.0.0.1' })
const post = (slug: string, fields: Record<string, string>) =>
  action({ request: new Request(`http://localhost/organizer/c/${slug}/mail`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) }), params: { slug }, context: context() })
const load = async (slug: string) => (await loader({ request: new Request(`http://localhost/organizer/c/${slug}/mail`, { headers: { cookie } }), params: { slug }, context: context() })).json()

describe(`email updates page on ${testDatabaseKind}`, () => {
  test('when the deadline moves, the updates that follow from it are offered the new time, and moved on request', async () => {
    const campaign = await createCampaign(handle.db)
    await grantRole(handle.db, { campaignId: campaign.id, organizerId, role: 'editor' })
    expect((await (await post(campaign.slug, { intent: 'propose' })).json()).message).toBe('5 update(s) proposed from the calendar, as drafts: nothing is scheduled yet.')
    expect((await load(campaign.slug)).updates.every((u: { movedTo: string | null }) => u.movedTo === null)).toBe(true)

    // The broker deadline moves two days later (and the meeting with it).
    await handle.db.updateTable('campaigns').set({ vote_deadline: new Date('2030-05-03T03:59:00Z'), agm_at: new Date('2030-05-03T16:00:00Z') }).where('id', '=', campaign.id).execute()
    const page = await load(campaign.slug)
    const offered = page.updates.filter((u: { movedTo: string | null }) => u.movedTo !== null).map((u: { kind: string }) => u.kind)
    expect(offered).toEqual(['deadline_week', 'deadline_tomorrow', 'results'])

    const tomorrow = page.updates.find((u: { kind: string }) => u.kind === 'deadline_tomorrow')!
    expect((await (await post(campaign.slug, { intent: 'realign', updateId: String(tomorrow.id) })).json()).message).toBe('Update moved to follow the campaign’s new date.')
    const row = await handle.db.selectFrom('updates').select('send_at').where('id', '=', tomorrow.id).executeTakeFirstOrThrow()
    expect(row.send_at.toISOString()).toBe('2030-05-01T13:00:00.000Z') // 9:00 a.m. EDT the day before the new deadline day (May 2)
    const audit = await handle.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(tomorrow.id)).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(audit.action).toBe('update.edited')
  })

  test('Schedule shows a review first; a past-dated update goes only on "send now", and the confirmation must match what was reviewed', async () => {
    const campaign = await createCampaign(handle.db)
    await grantRole(handle.db, { campaignId: campaign.id, organizerId, role: 'editor' })
    const weekAgo = new Date(Date.now() - 7 * 86_400_000)
    const update = await handle.db
      .insertInto('updates')
      .values({ campaign_id: campaign.id, kind: 'custom', send_at: weekAgo, subject: 'Old news', body: 'Body', status: 'draft' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const id = String(update.id)

    const reviewed = await (await post(campaign.slug, { intent: 'review-schedule', updateId: id })).json()
    expect(reviewed.review).toMatchObject({ updateId: update.id, recipients: 0, recipientsText: '0 people', isPast: true, relative: '7 days ago', reviewedSendAt: weekAgo.toISOString() })
    expect(reviewed.review?.sendAtText).toMatch(/ E[SD]T$/) // the campaign's zone
    expect(reviewed.message).toContain('nothing has been sent')

    const withoutChoice = await post(campaign.slug, { intent: 'confirm-schedule', updateId: id, reviewedSendAt: weekAgo.toISOString() })
    expect(withoutChoice.status).toBe(409)
    expect((await withoutChoice.json()).review).toMatchObject({ isPast: true }) // shown again
    const stale = await post(campaign.slug, { intent: 'confirm-schedule', updateId: id, reviewedSendAt: new Date().toISOString(), sendNow: 'yes' })
    expect(stale.status).toBe(409)
    const noReview = await post(campaign.slug, { intent: 'confirm-schedule', updateId: id, sendNow: 'yes' })
    expect(noReview.status).toBe(400)
    expect((await handle.db.selectFrom('updates').select('status').where('id', '=', update.id).executeTakeFirstOrThrow()).status).toBe('draft')

    const sent = await post(campaign.slug, { intent: 'confirm-schedule', updateId: id, reviewedSendAt: weekAgo.toISOString(), sendNow: 'yes' })
    expect(await sent.json()).toMatchObject({ ok: true, message: 'Update sending now: its figures appear below as it goes.' })
    expect((await handle.db.selectFrom('updates').select('status').where('id', '=', update.id).executeTakeFirstOrThrow()).status).toBe('scheduled')
  })

  test('this campaign’s pause is here; the global one is not', async () => {
    const campaign = await createCampaign(handle.db)
    await grantRole(handle.db, { campaignId: campaign.id, organizerId, role: 'editor' })
    expect((await post(campaign.slug, { intent: 'pause-campaign' })).status).toBe(200)
    expect((await load(campaign.slug)).campaignPause).toMatchObject({ by: 'mailer@example.org' })
    expect((await post(campaign.slug, { intent: 'pause-all' })).status).toBe(400)
    expect((await post(campaign.slug, { intent: 'resume-campaign' })).status).toBe(200)
    expect((await load(campaign.slug)).campaignPause).toBeNull()
  })
})
