import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { createOrganizer, createSession, grantRole } from '../models/organizers.server'
import { sessionCookie } from '../utils/organizer-auth.server'
import { action as mailAction } from './organizer.c.$slug.mail'
import { action, loader } from './organizer.c.$slug.mail_.new'

// Writing a one-off update to a segment on the email page's compose form.

let handle: DatabaseHandle
let cookie: string
let organizerId: number
beforeAll(async () => {
  handle = await createTestDatabase()
  organizerId = (await createOrganizer(handle.db, { email: 'composer@example.org', password: 'a long enough password' })).id
  cookie = (await sessionCookie.serialize(await createSession(handle.db, { organizerId }))).split(';')[0]!
})
afterAll(async () => handle?.close())

const context = (): AppLoadContext => ({ db: handle.db, cspNonce: '', clientIp: '127.0.0.1' })
const request = (slug: string, fields?: Record<string, string>) =>
  new Request(`http://localhost/organizer/c/${slug}/mail/new`, fields ? { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) } : { headers: { cookie } })
const compose = (slug: string, fields: Record<string, string>) => action({ request: request(slug, fields), params: { slug }, context: context() })

describe(`composing an update on ${testDatabaseKind}`, () => {
  test('a draft with its segment, the date read in the campaign’s time zone; the review shows the segment', async () => {
    const campaign = await createCampaign(handle.db)
    await grantRole(handle.db, { campaignId: campaign.id, organizerId, role: 'editor' })
    const page = await (await loader({ request: request(campaign.slug), params: { slug: campaign.slug }, context: context() })).json()
    expect(page.defaultSendAt).toMatch(/^\d{4}-\d{2}-\d{2}T10:00$/)

    const response = await compose(campaign.slug, {
      subject: 'Schwab holders: the deadline is near',
      body: 'Log in, open **Proxy voting**.',
      sendAt: '2030-04-20T09:30',
      audience: 'all',
      intention: 'for',
      voted: 'no',
      broker: 'Charles Schwab',
      holderType: '',
      source: '',
      confirmedSince: '2030-03-01',
    })
    expect(response.status).toBe(303)
    const row = await handle.db.selectFrom('updates').selectAll().where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow()
    expect(response.headers.get('location')).toBe(`/organizer/c/${campaign.slug}/mail#update-${row.id}`)
    expect(row).toMatchObject({ kind: 'custom', status: 'draft', audience: 'all', subject: 'Schwab holders: the deadline is near' })
    expect(row.send_at.toISOString()).toBe('2030-04-20T13:30:00.000Z') // 9:30 a.m. EDT
    expect(row.segment).toEqual({ intention: 'for', voted: 'no', broker: 'Charles Schwab', confirmedSince: '2030-03-01T05:00:00.000Z' })

    const reviewed = await mailAction({
      request: new Request(`http://localhost/organizer/c/${campaign.slug}/mail`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ intent: 'review-schedule', updateId: String(row.id) }) }),
      params: { slug: campaign.slug },
      context: context(),
    })
    const { review } = await reviewed.json()
    expect(review!.recipients).toBe(0)
    expect(review!.segmentText).toBe('Only confirmed pledgers who pledged for, have not voted yet, hold through Charles Schwab, confirmed since Friday, March 1, 2030')
  })

  test('each wrong field is named, nothing is stored; a viewer may not compose', async () => {
    const campaign = await createCampaign(handle.db)
    await grantRole(handle.db, { campaignId: campaign.id, organizerId, role: 'editor' })
    const response = await compose(campaign.slug, { subject: 'Bad\u0007bell', body: '', sendAt: '2030-02-30T10:00', audience: 'everyone', intention: 'maybe', voted: 'perhaps', source: 'no spaces please', confirmedSince: '2030-13-01' })
    expect(response.status).toBe(400)
    const { result } = (await response.json()) as { result: { error: Record<string, string[]> } }
    expect(Object.keys(result.error).sort()).toEqual(['audience', 'body', 'confirmedSince', 'intention', 'sendAt', 'source', 'subject', 'voted'])
    expect(await handle.db.selectFrom('updates').select('id').where('campaign_id', '=', campaign.id).execute()).toEqual([])

    const viewerCampaign = await createCampaign(handle.db)
    await grantRole(handle.db, { campaignId: viewerCampaign.id, organizerId, role: 'viewer' })
    const refused = await compose(viewerCampaign.slug, { subject: 'x', body: 'y', sendAt: '2030-04-20T09:30', audience: 'all' }).catch((error: unknown) => error as Response)
    expect(refused.status).toBe(403)
  })
})
