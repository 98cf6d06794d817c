import type { AppLoadContext } from '@remix-run/node'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { CLOSED_SLUG, LIVE_SLUG, seedDemo } from '../../db/seed/demo'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { openApiDocument } from '../api/openapi'
import { createApiToken } from '../models/api-tokens.server'
import { createOrganizer, createSession, grantRole } from '../models/organizers.server'
import { sessionCookie } from '../utils/organizer-auth.server'
import { loader as pledgesLoader } from './api.v1.campaigns.$slug.pledges'
import { loader as subscribersLoader } from './api.v1.campaigns.$slug.subscribers'
import { action as updatesAction, loader as updatesLoader } from './api.v1.campaigns.$slug.updates'
import { action as connectAction, loader as connectLoader } from './organizer.c.$slug.connect'
import { action as pledgeAction, loader as pledgePageLoader } from './c.$slug.pledge'

// The token-protected API, called as Remix calls it, against the OpenAPI document; and the
// owners' page that makes and revokes tokens.

let handle: DatabaseHandle
let context: AppLoadContext
let live: { id: number }
let ownerId: number
let ownerCookie: string
let viewerCookie: string
const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats(ajv)
ajv.addSchema({ ...openApiDocument('http://localhost'), $id: 'quorum-openapi' })

function expectDocumented(path: string, method: 'get' | 'post', status: string, body: unknown) {
  const validate = ajv.getSchema(`quorum-openapi#/paths/${path.replaceAll('/', '~1')}/${method}/responses/${status}/content/application~1json/schema`)!
  expect(validate(body), JSON.stringify(validate.errors, null, 2)).toBe(true)
}

type Handler = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<Response> | Response
async function call(handler: Handler, url: string, init: RequestInit & { token?: string } = {}, slug = LIVE_SLUG): Promise<Response> {
  const headers = new Headers(init.headers)
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`)
  try {
    return await handler({ request: new Request(`http://localhost${url}`, { ...init, headers }), params: { slug }, context })
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

async function token(scopes: Array<'pledges:read' | 'subscribers:read' | 'updates:write'>, campaignId = live.id) {
  return (await createApiToken(handle.db, { actorId: ownerId, campaignId, name: scopes.join(' '), scopes, expiresInDays: 7 })).token
}

async function cookieFor(email: string, role: 'owner' | 'viewer') {
  const organizer = await createOrganizer(handle.db, { email, password: 'a long enough password' })
  await grantRole(handle.db, { campaignId: live.id, organizerId: organizer.id, role })
  return { id: organizer.id, cookie: (await sessionCookie.serialize(await createSession(handle.db, { organizerId: organizer.id }))).split(';')[0]! }
}

beforeAll(async () => {
  handle = await createTestDatabase()
  await seedDemo(handle.db, { pledges: 120 })
  context = { db: handle.db, cspNonce: 'test-nonce', clientIp: '192.0.2.10' }
  live = await handle.db.selectFrom('campaigns').select('id').where('slug', '=', LIVE_SLUG).executeTakeFirstOrThrow()
  const owner = await cookieFor('owner@example.org', 'owner')
  ownerId = owner.id
  ownerCookie = owner.cookie
  viewerCookie = (await cookieFor('viewer@example.org', 'viewer')).cookie
})
afterAll(async () => handle?.close())

describe(`the token API on ${testDatabaseKind}`, () => {
  test('pledges page by keyset as OSDI signatures, as documented: every confirmed pledge once, in order', async () => {
    const reader = await token(['pledges:read'])
    // A pledge that is confirmed, with a source, to see referrer_data carry it.
    await handle.db.updateTable('pledges').set({ referrer_source: 'embed' }).where('campaign_id', '=', live.id).where('status', '=', 'confirmed').where('id', '=', (eb) => eb.selectFrom('pledges').select(eb.fn.min('id').as('m')).where('campaign_id', '=', live.id).where('status', '=', 'confirmed')).execute()
    const expected = await handle.db
      .selectFrom('pledges')
      .innerJoin('supporters', 'supporters.id', 'pledges.supporter_id')
      .select('pledges.id')
      .where('pledges.campaign_id', '=', live.id)
      .where('pledges.status', '=', 'confirmed')
      .where('supporters.suppressed_at', 'is', null)
      .orderBy('pledges.id')
      .execute()
    expect(expected.length).toBeGreaterThan(40)

    const seen: string[] = []
    let next: string | undefined = `/api/v1/campaigns/${LIVE_SLUG}/pledges?limit=40`
    while (next) {
      const response = await call(pledgesLoader, next, { token: reader })
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('private, no-store')
      const body = await response.json()
      expectDocumented('/campaigns/{slug}/pledges', 'get', '200', body)
      seen.push(...body._embedded['osdi:signatures'].map((s: { identifiers: string[] }) => s.identifiers[0]!.replace('quorum:pledge-', '')))
      next = body._links.next?.href.replace('http://localhost', '')
    }
    expect(seen).toEqual(expected.map((r) => r.id))

    const first = (await (await call(pledgesLoader, `/api/v1/campaigns/${LIVE_SLUG}/pledges?limit=1`, { token: reader })).json())._embedded['osdi:signatures'][0]
    expect(first.referrer_data).toEqual({ source: 'embed', url: expect.stringMatching(new RegExp(`/c/${LIVE_SLUG}$`)) })
    expect(first.person.email_addresses[0]).toMatchObject({ primary: true })
  })

  test('a link’s ?source= goes with the pledge into referrer_data; anything else is dropped, never refused', async () => {
    const page = await (await call(pledgePageLoader as Handler, `/c/${LIVE_SLUG}/pledge?source=newsletter-june`)).json()
    expect(page.source).toBe('newsletter-june')
    expect((await (await call(pledgePageLoader as Handler, `/c/${LIVE_SLUG}/pledge?source=%3Cscript%3E`)).json()).source).toBeNull()

    const submit = (email: string, source: string) =>
      call(pledgeAction as Handler, `/c/${LIVE_SLUG}/pledge`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email, intention: 'for', shares: '10', holderType: 'retail', updates: 'on', website: '', source }),
      })
    expect((await submit('sourced@example.org', 'newsletter-june')).status).toBe(302)
    expect((await submit('odd-source@example.org', '<script>alert(1)</script>')).status).toBe(302)
    const rows = await handle.db
      .selectFrom('pledges')
      .innerJoin('supporters', 'supporters.id', 'pledges.supporter_id')
      .select(['supporters.email', 'pledges.referrer_source', 'pledges.id'])
      .where('supporters.email', 'in', ['sourced@example.org', 'odd-source@example.org'])
      .orderBy('supporters.email')
      .execute()
    expect(rows.map((r) => [r.email, r.referrer_source])).toEqual([
      ['odd-source@example.org', null],
      ['sourced@example.org', 'newsletter-june'],
    ])

    // Once confirmed, the API says where it came from.
    await handle.db.updateTable('supporters').set({ confirmed_at: new Date() }).where('email', '=', 'sourced@example.org').execute()
    await handle.db.updateTable('pledges').set({ status: 'confirmed', confirmed_at: new Date() }).where('id', '=', rows[1]!.id).execute()
    const reader = await token(['pledges:read'])
    const cursor = Buffer.from(`id:${BigInt(rows[1]!.id) - 1n}`).toString('base64url')
    const body = await (await call(pledgesLoader, `/api/v1/campaigns/${LIVE_SLUG}/pledges?limit=1&after=${cursor}`, { token: reader })).json()
    expect(body._embedded['osdi:signatures'][0]).toMatchObject({ identifiers: [`quorum:pledge-${rows[1]!.id}`], referrer_data: { source: 'newsletter-june' } })
  })

  test('subscribers page as OSDI people, as documented', async () => {
    const reader = await token(['subscribers:read'])
    const supporters = await handle.db.selectFrom('supporters').select(['id', 'email']).where('confirmed_at', 'is not', null).orderBy('id').limit(4).execute()
    await handle.db
      .insertInto('subscriptions')
      .values(supporters.map((s, i) => ({ campaign_id: live.id, supporter_id: s.id, form_version: 'test', status: i === 1 ? ('unsubscribed' as const) : ('subscribed' as const) })))
      .onConflict((oc) => oc.columns(['campaign_id', 'supporter_id']).doNothing())
      .execute()
    await handle.db.updateTable('supporters').set({ suppressed_at: new Date(), suppression_reason: 'bounce' }).where('id', '=', supporters[2]!.id).execute()
    const response = await call(subscribersLoader, `/api/v1/campaigns/${LIVE_SLUG}/subscribers?limit=100`, { token: reader })
    const body = await response.json()
    expectDocumented('/campaigns/{slug}/subscribers', 'get', '200', body)
    const addresses = body._embedded['osdi:people'].map((p: { email_addresses: Array<{ address: string }> }) => p.email_addresses[0]!.address)
    // Neither the unsubscribed one nor the bounced one is handed out.
    expect(addresses).toEqual(expect.arrayContaining([supporters[0]!.email, supporters[3]!.email]))
    expect(addresses).not.toContain(supporters[1]!.email)
    expect(addresses).not.toContain(supporters[2]!.email)
  })

  test('scopes are enforced: 401 without a token, 403 without the scope or for another campaign, as documented JSON', async () => {
    const reader = await token(['pledges:read'])
    const none = await call(pledgesLoader, `/api/v1/campaigns/${LIVE_SLUG}/pledges`)
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toContain('Bearer')
    expectDocumented('/campaigns/{slug}/pledges', 'get', '401', await none.json())

    const wrongScope = await call(subscribersLoader, `/api/v1/campaigns/${LIVE_SLUG}/subscribers`, { token: reader })
    expect(wrongScope.status).toBe(403)
    expectDocumented('/campaigns/{slug}/subscribers', 'get', '403', await wrongScope.json())

    const otherCampaign = await call(pledgesLoader, `/api/v1/campaigns/${CLOSED_SLUG}/pledges`, { token: reader }, CLOSED_SLUG)
    expect(otherCampaign.status).toBe(403)
    expect((await otherCampaign.json()).error.message).toContain(LIVE_SLUG)

    const write = await call(updatesAction, `/api/v1/campaigns/${LIVE_SLUG}/updates`, { method: 'POST', token: reader, body: '{}' })
    expect(write.status).toBe(403)
  })

  test('bad paging input is a 400 that says what to fix', async () => {
    const reader = await token(['pledges:read'])
    for (const query of ['limit=0', 'limit=101', 'limit=ten', 'after=%24%24', `after=${Buffer.from('id:abc').toString('base64url')}`]) {
      const response = await call(pledgesLoader, `/api/v1/campaigns/${LIVE_SLUG}/pledges?${query}`, { token: reader })
      expect(response.status, query).toBe(400)
      const body = await response.json()
      expectDocumented('/campaigns/{slug}/pledges', 'get', '400', body)
      expect(body.error.message, query).toMatch(/limit|after/)
    }
  })

  test('updates:write drafts an update for an organizer to review, audited as the token’s creator; bad bodies are 4xx JSON', async () => {
    const writer = await token(['updates:write'])
    const post = (body: string) => call(updatesAction, `/api/v1/campaigns/${LIVE_SLUG}/updates`, { method: 'POST', token: writer, body, headers: { 'Content-Type': 'application/json' } })
    const created = await post(JSON.stringify({ subject: 'Partner news', body: 'Hello **all**', send_at: '2030-01-02T10:00:00+01:00', audience: 'pledged_for' }))
    expect(created.status).toBe(201)
    const body = await created.json()
    expectDocumented('/campaigns/{slug}/updates', 'post', '201', body)
    expect(body.data).toMatchObject({ status: 'draft', send_at: '2030-01-02T09:00:00.000Z', audience: 'pledged_for' })
    const row = await handle.db.selectFrom('updates').selectAll().where('id', '=', body.data.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'draft', kind: 'custom', subject: 'Partner news', campaign_id: live.id })
    const audit = await handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'update.drafted').where('entity_id', '=', String(row.id)).executeTakeFirstOrThrow()
    expect(audit.organizer_id).toBe(ownerId)

    const notJson = await post('subject=x')
    expect(notJson.status).toBe(400)
    expectDocumented('/campaigns/{slug}/updates', 'post', '400', await notJson.json())
    const invalid = await post(JSON.stringify({ subject: '', send_at: 'tomorrow', extra: 1 }))
    expect(invalid.status).toBe(422)
    const error = await invalid.json()
    expectDocumented('/campaigns/{slug}/updates', 'post', '422', error)
    expect(Object.keys(error.error.fields)).toEqual(expect.arrayContaining(['subject', 'body', 'send_at']))
    expect((await call(updatesLoader, `/api/v1/campaigns/${LIVE_SLUG}/updates`, { token: writer })).status).toBe(405)
  })
})

describe(`the owners' token page on ${testDatabaseKind}`, () => {
  const form = (cookie: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams()
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v)
    return call(connectAction as Handler, `/organizer/c/${LIVE_SLUG}/connect`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body })
  }

  test('an owner creates a token, sees it once, and revokes it; it stops working', async () => {
    const created = await form(ownerCookie, { intent: 'create', name: 'Partner CRM', scopes: ['pledges:read', 'subscribers:read'], expiresInDays: '30' })
    expect(created.status).toBe(200)
    const { created: shown } = await created.json()
    expect(shown.token).toMatch(/^qrm_/)
    expect((await call(pledgesLoader, `/api/v1/campaigns/${LIVE_SLUG}/pledges?limit=1`, { token: shown.token })).status).toBe(200)

    const page = await (await call(connectLoader as Handler, `/organizer/c/${LIVE_SLUG}/connect`, { headers: { cookie: ownerCookie } })).json()
    expect(JSON.stringify(page)).not.toContain(shown.token)
    const listed = page.tokens.find((t: { name: string }) => t.name === 'Partner CRM')
    expect(listed).toMatchObject({ scopes: ['pledges:read', 'subscribers:read'], state: 'active', prefix: shown.token.slice(0, 10) })

    const revoked = await form(ownerCookie, { intent: 'revoke', tokenId: String(listed.id) })
    expect(revoked.status).toBe(302)
    expect((await call(pledgesLoader, `/api/v1/campaigns/${LIVE_SLUG}/pledges`, { token: shown.token })).status).toBe(401)
  })

  test('the form refuses a token without a name or a scope, next to the fields', async () => {
    const response = await form(ownerCookie, { intent: 'create', name: ' ', expiresInDays: '3' })
    expect(response.status).toBe(400)
    const { result } = await response.json()
    expect(Object.keys(result.error)).toEqual(expect.arrayContaining(['name', 'scopes', 'expiresInDays']))
  })

  test('a viewer sees the snippets but no tokens, and cannot create one', async () => {
    const page = await (await call(connectLoader as Handler, `/organizer/c/${LIVE_SLUG}/connect`, { headers: { cookie: viewerCookie } })).json()
    expect(page.embed.snippet).toContain(`/embed/c/${LIVE_SLUG}`)
    expect(page.tokens).toEqual([])
    const refused = await form(viewerCookie, { intent: 'create', name: 'Sneaky', scopes: 'pledges:read', expiresInDays: '7' })
    expect(refused.status).toBe(403)
  })
})
