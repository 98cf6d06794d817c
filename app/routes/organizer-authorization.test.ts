import type { AppLoadContext, LoaderFunctionArgs } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign, OrganizerRole } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { createOrganizer, createSession, grantRole } from '../models/organizers.server'
import { sessionCookie } from '../utils/organizer-auth.server'
import * as brokerGuide from './organizer.c.$slug.brokers.$key'
import * as brokerGuides from './organizer.c.$slug.brokers._index'
import * as connect from './organizer.c.$slug.connect'
import * as dashboard from './organizer.c.$slug._index'
import * as edit from './organizer.c.$slug.edit'
import * as fundVotes from './organizer.c.$slug.fund-votes'
import * as holder from './organizer.c.$slug.holders.$id'
import * as holders from './organizer.c.$slug.holders._index'
import * as holdersCsv from './organizer.c.$slug.holders[.]csv'
import * as imports from './organizer.c.$slug.imports'
import * as mail from './organizer.c.$slug.mail'
import * as preview from './organizer.c.$slug.mail.$id.preview'
import * as organizers from './organizer.c.$slug.organizers'
import * as pledges from './organizer.c.$slug.pledges'
import * as pledgesCsv from './organizer.c.$slug.pledges[.]csv'
import * as projection from './organizer.c.$slug.projection'
import * as subscribersCsv from './organizer.c.$slug.subscribers[.]csv'
import * as webhooks from './organizer.c.$slug.webhooks'

// Every campaign route of the organizer area, for every role and method: viewers read, editors
// edit content and the mail schedule, owners manage organizers; an organizer of another campaign
// gets a 404 (learns nothing), and nobody signed in gets sent to the sign-in page.

type Who = OrganizerRole | 'other-campaign' | 'anonymous'
type Handler = (args: LoaderFunctionArgs) => Promise<Response>
interface RouteCase {
  name: string
  path: (slug: string) => string
  method: 'GET' | 'POST'
  handler: Handler
  needs: OrganizerRole
  body?: Record<string, string>
  /** Which row the route's :id names (an update's by default); a broker guide's :key. */
  id?: 'holder' | 'broker'
}

const cases: RouteCase[] = [
  { name: 'dashboard', path: (s) => `/organizer/c/${s}`, method: 'GET', handler: dashboard.loader as Handler, needs: 'viewer' },
  { name: 'pledges table', path: (s) => `/organizer/c/${s}/pledges`, method: 'GET', handler: pledges.loader as Handler, needs: 'viewer' },
  { name: 'pledges CSV', path: (s) => `/organizer/c/${s}/pledges.csv`, method: 'GET', handler: pledgesCsv.loader as Handler, needs: 'viewer' },
  { name: 'subscribers CSV', path: (s) => `/organizer/c/${s}/subscribers.csv`, method: 'GET', handler: subscribersCsv.loader as Handler, needs: 'viewer' },
  { name: 'mail controls', path: (s) => `/organizer/c/${s}/mail`, method: 'GET', handler: mail.loader as Handler, needs: 'viewer' },
  { name: 'update preview', path: (s) => `/organizer/c/${s}/mail/1/preview`, method: 'GET', handler: preview.loader as Handler, needs: 'viewer' },
  { name: 'mail control', path: (s) => `/organizer/c/${s}/mail`, method: 'POST', handler: mail.action as Handler, needs: 'editor', body: { intent: 'propose' } },
  { name: 'send review', path: (s) => `/organizer/c/${s}/mail`, method: 'POST', handler: mail.action as Handler, needs: 'editor', body: { intent: 'review-schedule', updateId: '1' } },
  { name: 'campaign pause', path: (s) => `/organizer/c/${s}/mail`, method: 'POST', handler: mail.action as Handler, needs: 'editor', body: { intent: 'pause-campaign' } },
  { name: 'public name moderation', path: (s) => `/organizer/c/${s}/pledges`, method: 'POST', handler: pledges.action as Handler, needs: 'editor', body: { intent: 'hide-name', pledgeId: '1' } },
  { name: 'editor', path: (s) => `/organizer/c/${s}/edit`, method: 'GET', handler: edit.loader as Handler, needs: 'editor' },
  { name: 'editor save', path: (s) => `/organizer/c/${s}/edit`, method: 'POST', handler: edit.action as Handler, needs: 'editor', body: {} },
  { name: 'broker guides', path: (s) => `/organizer/c/${s}/brokers`, method: 'GET', handler: brokerGuides.loader as Handler, needs: 'editor' },
  { name: 'broker guide', path: (s) => `/organizer/c/${s}/brokers/fidelity`, method: 'GET', handler: brokerGuide.loader as Handler, needs: 'editor', id: 'broker' },
  { name: 'broker guide save', path: (s) => `/organizer/c/${s}/brokers/fidelity`, method: 'POST', handler: brokerGuide.action as Handler, needs: 'editor', id: 'broker', body: { intent: 'save' } },
  { name: 'holders board', path: (s) => `/organizer/c/${s}/holders`, method: 'GET', handler: holders.loader as Handler, needs: 'viewer' },
  { name: 'holders CSV', path: (s) => `/organizer/c/${s}/holders.csv`, method: 'GET', handler: holdersCsv.loader as Handler, needs: 'viewer' },
  { name: 'holder', path: (s) => `/organizer/c/${s}/holders/1`, method: 'GET', handler: holder.loader as Handler, needs: 'viewer', id: 'holder' },
  { name: 'holder engagement', path: (s) => `/organizer/c/${s}/holders/1`, method: 'POST', handler: holder.action as Handler, needs: 'editor', id: 'holder', body: {} },
  { name: 'fund votes', path: (s) => `/organizer/c/${s}/fund-votes`, method: 'GET', handler: fundVotes.loader as Handler, needs: 'viewer' },
  { name: 'fund vote correction', path: (s) => `/organizer/c/${s}/fund-votes`, method: 'POST', handler: fundVotes.action as Handler, needs: 'editor', body: {} },
  { name: 'projection', path: (s) => `/organizer/c/${s}/projection`, method: 'GET', handler: projection.loader as Handler, needs: 'viewer' },
  { name: 'imports page', path: (s) => `/organizer/c/${s}/imports`, method: 'GET', handler: imports.loader as Handler, needs: 'editor' },
  { name: 'import', path: (s) => `/organizer/c/${s}/imports`, method: 'POST', handler: imports.action as Handler, needs: 'editor', body: {} },
  { name: 'organizers', path: (s) => `/organizer/c/${s}/organizers`, method: 'GET', handler: organizers.loader as Handler, needs: 'owner' },
  { name: 'organizers change', path: (s) => `/organizer/c/${s}/organizers`, method: 'POST', handler: organizers.action as Handler, needs: 'owner', body: {} },
  { name: 'organizer invitation', path: (s) => `/organizer/c/${s}/organizers`, method: 'POST', handler: organizers.action as Handler, needs: 'owner', body: { intent: 'invite', email: 'invited@example.org', role: 'viewer' } },
  { name: 'invitation revoke', path: (s) => `/organizer/c/${s}/organizers`, method: 'POST', handler: organizers.action as Handler, needs: 'owner', body: { intent: 'revoke', invitationId: '1' } },
  { name: 'embed and API', path: (s) => `/organizer/c/${s}/connect`, method: 'GET', handler: connect.loader as Handler, needs: 'viewer' },
  { name: 'API token', path: (s) => `/organizer/c/${s}/connect`, method: 'POST', handler: connect.action as Handler, needs: 'owner', body: { intent: 'create' } },
  { name: 'webhooks', path: (s) => `/organizer/c/${s}/webhooks`, method: 'GET', handler: webhooks.loader as Handler, needs: 'owner' },
  { name: 'webhook endpoint', path: (s) => `/organizer/c/${s}/webhooks`, method: 'POST', handler: webhooks.action as Handler, needs: 'owner', body: { intent: 'create' } },
  { name: 'webhook resend', path: (s) => `/organizer/c/${s}/webhooks`, method: 'POST', handler: webhooks.action as Handler, needs: 'owner', body: { intent: 'resend', deliveryId: '1' } },
]

const RANK: Record<OrganizerRole, number> = { viewer: 1, editor: 2, owner: 3 }
let handle: DatabaseHandle
let campaign: Campaign
let holderId = ''
const cookies = new Map<Who, string | null>()

beforeAll(async () => {
  handle = await createTestDatabase()
  campaign = await createCampaign(handle.db)
  const elsewhere = await createCampaign(handle.db)
  await handle.db.insertInto('updates').values({ campaign_id: campaign.id, kind: 'custom', send_at: new Date(), subject: 'Hello', body: 'Hi', status: 'draft' }).execute()
  holderId = (await handle.db.insertInto('holders').values({ campaign_id: campaign.id, kind: 'affiliated', name: 'A founder', shares: '1000', expected_vote: 'against', source: 'manual' }).returning('id').executeTakeFirstOrThrow()).id
  // The first pledge of a fresh database: id 1, which the moderation case names.
  const supporter = await handle.db.insertInto('supporters').values({ email: 'named@example.org', name: 'Named', confirmed_at: new Date() }).returning('id').executeTakeFirstOrThrow()
  await handle.db.insertInto('pledges').values({ campaign_id: campaign.id, supporter_id: supporter.id, intention: 'for', status: 'confirmed', confirmed_at: new Date(), show_name: true, form_version: 't' }).execute()
  for (const who of ['viewer', 'editor', 'owner', 'other-campaign'] as const) {
    const organizer = await createOrganizer(handle.db, { email: `${who}@example.org`, password: 'a long enough password' })
    await grantRole(handle.db, { campaignId: who === 'other-campaign' ? elsewhere.id : campaign.id, organizerId: organizer.id, role: who === 'other-campaign' ? 'owner' : who })
    cookies.set(who, (await sessionCookie.serialize(await createSession(handle.db, { organizerId: organizer.id }))).split(';')[0]!)
  }
  cookies.set('anonymous', null)
})
afterAll(async () => handle?.close())

async function call(route: RouteCase, who: Who): Promise<Response> {
  const cookie = cookies.get(who)
  const headers: Record<string, string> = cookie ? { cookie } : {}
  const init: RequestInit = { method: route.method, headers }
  if (route.method === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    init.body = new URLSearchParams(route.body ?? {})
  }
  const firstUpdate = await handle.db.selectFrom('updates').select('id').where('campaign_id', '=', campaign.id).orderBy('id').executeTakeFirstOrThrow()
  const context: AppLoadContext = { db: handle.db, cspNonce: '', clientIp: '127.0.0.1' }
  const request = new Request(`http://localhost${route.path(campaign.slug)}`, init)
  return route.handler({ request, params: { slug: campaign.slug, id: route.id === 'holder' ? holderId : String(firstUpdate.id), ...(route.id === 'broker' ? { key: 'fidelity' } : {}) }, context }).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown
    throw thrown
  })
}

function verdict(response: Response): 'allowed' | 'forbidden' | 'not found' | 'sign in' {
  if (response.status === 403) return 'forbidden'
  if (response.status === 404) return 'not found'
  if (response.status === 302 && response.headers.get('location')?.startsWith('/organizer/login')) return 'sign in'
  return 'allowed'
}

describe(`organizer authorization matrix on ${testDatabaseKind}`, () => {
  for (const route of cases) {
    test(`${route.method} ${route.name}: ${route.needs} and above`, async () => {
      const seen: Record<string, string> = {}
      const expected: Record<string, string> = {}
      for (const who of ['anonymous', 'other-campaign', 'viewer', 'editor', 'owner'] as const) {
        seen[who] = verdict(await call(route, who))
        expected[who] = who === 'anonymous' ? 'sign in' : who === 'other-campaign' ? 'not found' : RANK[who] >= RANK[route.needs] ? 'allowed' : 'forbidden'
      }
      expect(seen).toEqual(expected)
    })
  }
})
