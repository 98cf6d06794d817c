import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { type AppWorld, seedAppWorld } from '../../tests/helpers/app-world'
import { createAppHandler } from '../../tests/helpers/remix-handler'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'

// Requests that once answered 500, sent through Remix's request handler as the server does:
// each is now a clear 4xx (JSON for clients that did not ask for HTML, a page for browsers),
// or, for a page that reads its query leniently, the page with a message; and none stores anything.

const ORIGIN = 'http://localhost:3000'
const WEBHOOK_SECRET = 'whsec_dGVzdC13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5'
const PLEDGES_ROUTE = encodeURIComponent('routes/organizer.c.$slug.pledges')
const HTML = { accept: 'text/html,application/xhtml+xml' }

let handle: DatabaseHandle
let world: AppWorld
let send: (request: Request) => Promise<Response>

beforeAll(async () => {
  handle = await createTestDatabase()
  world = await seedAppWorld(handle.db)
  send = await createAppHandler(handle.db)
})
afterAll(async () => handle?.close())

const get = (path: string, headers: Record<string, string> = {}) => send(new Request(`${ORIGIN}${path}`, { headers }))
const organizerGet = (path: string, headers: Record<string, string> = {}) => get(path, { cookie: world.cookie, ...headers })
const postForm = (path: string, body: string, headers: Record<string, string> = {}) =>
  send(new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body }))

const count = async (table: 'pledges' | 'supporters' | 'webhook_events') => Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

function signedWebhook(body: string, id: string) {
  const timestamp = new Date()
  const signature = new Webhook(WEBHOOK_SECRET).sign(id, timestamp, body)
  return new Request(`${ORIGIN}/webhooks/resend`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'svix-signature': signature },
    body,
  })
}

describe(`bad input answers 4xx, never 500, on ${testDatabaseKind}`, () => {
  test('a NUL in the pledge form’s broker or name is a 400 saying which field, and nothing is stored', async () => {
    const before = [await count('pledges'), await count('supporters')]
    for (const field of ['broker', 'name']) {
      const body = `email=nul-${field}%40example.org&intention=for&shares=10&holderType=retail&${field}=a%00b`
      const response = await postForm(`/c/${world.live.slug}/pledge`, body)
      expect(response.status, field).toBe(400)
      expect(await response.json()).toMatchObject({ error: 'invalid_characters', field, message: expect.stringContaining(`“${field}”`) })
      const page = await postForm(`/c/${world.live.slug}/pledge`, body, HTML)
      expect(page.status).toBe(400)
      expect(page.headers.get('content-type')).toContain('text/html')
      expect(await page.text()).toContain('contains a NUL character')
    }
    expect([await count('pledges'), await count('supporters')]).toEqual(before)
  })

  test('a campaign address with a NUL is a 404, as JSON or as the not-found page', async () => {
    for (const suffix of ['', '/vote', '/vote/fidelity', '/pledge', '/follow', '/calendar.ics']) {
      const response = await get(`/c/${world.live.slug}%00${suffix}`)
      expect(response.status, suffix).toBe(404)
    }
    expect((await get(`/c/${world.live.slug}/vote/fidelity%00`)).status).toBe(404)
    const json = await get(`/c/${world.live.slug}%00/vote`)
    expect(await json.json()).toEqual({ error: 'not_found', message: 'Campaign not found' })
    const page = await get(`/c/${world.live.slug}%00`, HTML)
    expect(await page.text()).toContain('We could not find that page')
    expect((await organizerGet(`/organizer/c/${world.live.slug}%00/pledges`)).status).toBe(404)
  })

  test('damaged pledge-table cursors and a NUL search show the first page with a message', async () => {
    const cases = {
      'after=0000-01-01T00:00:00Z_1': 'page',
      'after=2024-02-30T00:00:00Z_1': 'page',
      'sort=most-shares&after=9999999999999999999_1': 'page',
      'after=2024-01-01T00:00:00Z_9999999999999999999': 'page',
      'q=%00': 'q',
    }
    for (const [query, field] of Object.entries(cases)) {
      const response = await organizerGet(`/organizer/c/${world.live.slug}/pledges?${query}&_data=${PLEDGES_ROUTE}`)
      expect(response.status, query).toBe(200)
      const body = await response.json()
      expect(body.errors[field], query).toMatch(/showing/)
      expect(body.rows.length, query).toBeGreaterThan(0)
    }
    // A real date still pages.
    expect((await (await organizerGet(`/organizer/c/${world.live.slug}/pledges?after=2024-02-29T00:00:00Z_1&_data=${PLEDGES_ROUTE}`)).json()).errors).toEqual({})
  })

  test('the audit log’s campaign filter refuses what is not a campaign address with a 400', async () => {
    const response = await organizerGet('/organizer/audit?campaign=%00')
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: 'invalid_campaign' })
    expect((await organizerGet(`/organizer/audit?campaign=${world.live.slug}`)).status).toBe(200)
  })

  test('a mail preview id that is not a positive whole number of a row is a 404', async () => {
    for (const id of ['abc', '1.5', '99999999999', '1e3', '-1', '0', '%00']) {
      expect((await organizerGet(`/organizer/c/${world.live.slug}/mail/${id}/preview`)).status, id).toBe(404)
    }
    expect((await organizerGet(`/organizer/c/${world.live.slug}/mail/${world.updateIds[0]}/preview`)).status).toBe(200)
  })

  test('signed webhooks that cannot be used are recorded as such and answered 200, changing nothing else', async () => {
    const suppressed = () => handle.db.selectFrom('supporters').select('id').where('suppressed_at', 'is not', null).execute()
    const before = await suppressed()
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
    const bodies = {
      'to-object': JSON.stringify({ type: 'email.bounced', data: { email_id: 're_x', to: { address: 'confirmed@example.org' } } }),
      nul: JSON.stringify({ type: 'email.bounced', data: { email_id: 're_\u0000', to: ['confirmed@example.org\u0000'] } }),
      deep: `{"type":"email.bounced","data":${deep}}`,
      'not-an-object': '42',
    }
    for (const [name, body] of Object.entries(bodies)) {
      const response = await send(signedWebhook(body, `msg_unusable_${name}`))
      expect(response.status, name).toBe(200)
      expect(await response.json(), name).toMatchObject({ ok: true, duplicate: false, ignored: expect.any(String) })
      const row = await handle.db.selectFrom('webhook_events').select(['type', 'payload']).where('svix_id', '=', `msg_unusable_${name}`).executeTakeFirstOrThrow()
      expect(row.type, name).toBe('unusable')
      // A replay is a duplicate, as for any event.
      expect(await (await send(signedWebhook(body, `msg_unusable_${name}`))).json()).toMatchObject({ duplicate: true })
    }
    expect(await suppressed()).toEqual(before)
  })
})
