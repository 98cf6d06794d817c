import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { parseCalendar } from '../../tests/helpers/ical'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { config } from '../config.server'
import { campaignFormValues, updateCampaign } from '../models/campaign-editor.server'
import { createOrganizer, grantRole } from '../models/organizers.server'
import { CampaignSchema } from '../schemas/campaign'
import { parseWithZod } from '@conform-to/zod'
import { loader as campaignLoader } from './c.$slug._index'
import { CALENDAR_CACHE_CONTROL } from '../utils/calendar.server'
import { loader as calendarLoader } from './c.$slug.calendar[.]ics'

// The campaign's calendar feed as a calendar app sees it: read back by a real iCalendar parser.

let handle: DatabaseHandle
let context: AppLoadContext
let organizerId: number
const host = new URL(config.appUrl).host

beforeAll(async () => {
  handle = await createTestDatabase()
  context = { db: handle.db, cspNonce: 'n', clientIp: '192.0.2.1' }
  organizerId = (await createOrganizer(handle.db, { email: 'dates@example.org', password: 'correct horse battery' })).id
})
afterAll(async () => handle?.close())

async function fetchFeed(campaign: Campaign, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost/c/${campaign.slug}/calendar.ics`, { headers })
  return calendarLoader({ request, params: { slug: campaign.slug }, context })
}

async function feed(campaign: Campaign) {
  const response = await fetchFeed(campaign)
  const text = await response.text()
  return { response, text, calendar: parseCalendar(text) }
}

/** Saves the campaign's editor form with `fields` changed, as the editor route does. */
async function edit(campaign: Campaign, fields: Record<string, string>) {
  const current = await handle.db.selectFrom('campaigns').selectAll().where('id', '=', campaign.id).executeTakeFirstOrThrow()
  const form = new FormData()
  for (const [name, value] of Object.entries({ ...campaignFormValues(current), ...fields })) form.append(name, value)
  const submission = parseWithZod(form, { schema: CampaignSchema })
  if (submission.status !== 'success') throw new Error(`invalid: ${JSON.stringify(submission.error)}`)
  const saved = await updateCampaign(handle.db, { organizerId, campaignId: campaign.id, values: submission.value })
  if (!saved.ok) throw new Error(`not saved: ${JSON.stringify(saved)}`)
  return saved.changed
}

const sequences = (events: { uid: string; sequence: number }[]) => Object.fromEntries(events.map((e) => [e.uid.replace(/^campaign-\d+-|@.*$/g, ''), e.sequence]))

describe(`the calendar feed on ${testDatabaseKind}`, () => {
  test('is a published calendar with refresh hints, three events with stable UIDs, and two reminders before the broker deadline', async () => {
    const campaign = await createCampaign(handle.db, { time_zone: 'America/New_York' })
    const { response, text, calendar } = await feed(campaign)
    expect(response.status).toBe(200)
    expect(text.match(/^(REFRESH-INTERVAL|X-PUBLISHED-TTL)\b/gm)).toHaveLength(2) // each hint once
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('Cache-Control')).toBe(CALENDAR_CACHE_CONTROL)
    expect(calendar).toMatchObject({ method: 'PUBLISH', name: 'Example Corp (EXM): A Test Proposal', refreshInterval: 'PT1H', publishedTtl: 'PT1H' })
    expect(calendar.events.map(({ uid, sequence, start, alarms }) => ({ uid, sequence, start, alarms }))).toEqual([
      { uid: `campaign-${campaign.id}-record-date@${host}`, sequence: 0, start: '2030-03-01', alarms: [] },
      { uid: `campaign-${campaign.id}-vote-deadline@${host}`, sequence: 0, start: '2030-05-01T03:59:00.000Z', alarms: [-86_400, -7_200] },
      { uid: `campaign-${campaign.id}-agm@${host}`, sequence: 0, start: '2030-05-01T16:00:00.000Z', alarms: [] },
    ])
  })

  test('a moved date keeps its event’s UID and raises only that event’s SEQUENCE, once per move', async () => {
    const campaign = await createCampaign(handle.db, { time_zone: 'America/New_York' })
    await grantRole(handle.db, { campaignId: campaign.id, organizerId, role: 'editor' })
    const before = (await feed(campaign)).calendar

    expect(await edit(campaign, { voteDeadline: '2030-04-28T23:59' })).toEqual(['vote_deadline'])
    const moved = (await feed(campaign)).calendar
    expect(moved.events.map((e) => e.uid)).toEqual(before.events.map((e) => e.uid))
    expect(sequences(moved.events)).toEqual({ 'record-date': 0, 'vote-deadline': 1, agm: 0 })
    expect(moved.events[1]!.start).toBe('2030-04-29T03:59:00.000Z')

    // Another field, or the same form saved again, moves no date.
    expect(await edit(campaign, { title: 'A Retitled Proposal' })).toEqual(['title'])
    expect(await edit(campaign, {})).toEqual([])
    expect(sequences((await feed(campaign)).calendar.events)).toEqual({ 'record-date': 0, 'vote-deadline': 1, agm: 0 })

    await edit(campaign, { voteDeadline: '2030-05-05T23:59', agmAt: '2030-05-06T10:00', recordDate: '2030-03-02' })
    const twice = (await feed(campaign)).calendar
    expect(sequences(twice.events)).toEqual({ 'record-date': 1, 'vote-deadline': 2, agm: 1 })
    expect(twice.events.map((e) => e.uid)).toEqual(before.events.map((e) => e.uid))
    expect(twice.events.map((e) => e.start)).toEqual(['2030-03-02', '2030-05-06T03:59:00.000Z', '2030-05-06T14:00:00.000Z'])
  })

  test('a poll with the feed’s ETag gets a 304 until something in it changes', async () => {
    const campaign = await createCampaign(handle.db)
    await grantRole(handle.db, { campaignId: campaign.id, organizerId, role: 'editor' })
    const first = await fetchFeed(campaign)
    const etag = first.headers.get('ETag')
    expect(etag).toMatch(/^"[\w-]{32}"$/)
    expect((await fetchFeed(campaign)).headers.get('ETag')).toBe(etag) // the same bytes on every read

    const unchanged = await fetchFeed(campaign, { 'If-None-Match': etag! })
    expect(unchanged.status).toBe(304)
    expect(await unchanged.text()).toBe('')
    expect(unchanged.headers.get('Cache-Control')).toBe(CALENDAR_CACHE_CONTROL)

    await edit(campaign, { agmAt: '2030-05-02T12:00' })
    const changed = await fetchFeed(campaign, { 'If-None-Match': etag! })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('ETag')).not.toBe(etag)
  })

  test('the campaign page links the feed as webcal: and https', async () => {
    const campaign = await createCampaign(handle.db)
    const response = await campaignLoader({ request: new Request(`http://localhost/c/${campaign.slug}`), params: { slug: campaign.slug }, context })
    const data = await response.json()
    expect(data.calendar).toEqual({
      path: `/c/${campaign.slug}/calendar.ics`,
      https: `${config.appUrl}/c/${campaign.slug}/calendar.ics`,
      webcal: `webcal://${host}/c/${campaign.slug}/calendar.ics`,
    })
  })
})
