import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { createOrganizer, createSession, grantRole } from '../models/organizers.server'
import { sessionCookie } from '../utils/organizer-auth.server'
import * as webhooks from './organizer.c.$slug.webhooks'

// The owners' webhooks page through its loader and action: bad input answers 4xx with the error
// by its field, an internal address is refused by the field, and a secret is in one answer only.

let handle: DatabaseHandle
let campaign: Campaign
let cookie: string

beforeAll(async () => {
  handle = await createTestDatabase()
  campaign = await createCampaign(handle.db)
  const owner = await createOrganizer(handle.db, { email: 'owner@example.org', password: 'a long enough password' })
  await grantRole(handle.db, { campaignId: campaign.id, organizerId: owner.id, role: 'owner' })
  cookie = (await sessionCookie.serialize(await createSession(handle.db, { organizerId: owner.id }))).split(';')[0]!
})
afterAll(async () => handle?.close())

const context = (): AppLoadContext => ({ db: handle.db, cspNonce: '', clientIp: '127.0.0.1' })
const url = () => `http://localhost/organizer/c/${campaign.slug}/webhooks`

function post(fields: Array<[string, string]>) {
  const request = new Request(url(), { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) })
  return webhooks.action({ request, params: { slug: campaign.slug }, context: context() }) as Promise<Response>
}

async function page() {
  const response = (await webhooks.loader({ request: new Request(url(), { headers: { cookie } }), params: { slug: campaign.slug }, context: context() })) as Response
  return response.json() as Promise<{ endpoints: Array<{ id: number; url: string; enabled: boolean }> }>
}

describe(`the webhooks page on ${testDatabaseKind}`, () => {
  test('an address that is not a URL, or no event, is a 400 with the error by its field', async () => {
    const response = await post([['intent', 'create'], ['url', 'not an address']])
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.result.error.url[0]).toMatch(/full address/)
    expect(body.result.error.eventTypes[0]).toMatch(/at least one event/)
  })

  test('an address on a private network is refused by the field (422), and nothing is saved', async () => {
    const response = await post([['intent', 'create'], ['url', 'http://10.0.0.8/hooks'], ['eventTypes', 'pledge.confirmed']])
    expect(response.status).toBe(422)
    expect((await response.json()).result.error.url[0]).toMatch(/10\.0\.0\.8, a private address/)
    expect((await page()).endpoints).toEqual([])
  })

  test('a new endpoint’s secret is in the answer to its form and never in the page', async () => {
    const response = await post([['intent', 'create'], ['url', 'http://127.0.0.1:9/hooks'], ['description', 'Receiver'], ['eventTypes', 'pledge.confirmed'], ['eventTypes', 'update.sent']])
    expect(response.status).toBe(200)
    const { secret } = await response.json()
    expect(secret.value).toMatch(/^whsec_/)
    const loaded = await page()
    expect(loaded.endpoints).toMatchObject([{ url: 'http://127.0.0.1:9/hooks', enabled: true }])
    expect(JSON.stringify(loaded)).not.toContain(secret.value.slice(6))

    const rotated = await post([['intent', 'rotate'], ['endpointId', String(loaded.endpoints[0]!.id)]])
    expect(rotated.status).toBe(200)
    const { secret: next } = await rotated.json()
    expect(next).toMatchObject({ url: 'http://127.0.0.1:9/hooks', rotated: true })
    expect(next.value).toMatch(/^whsec_/)
    expect(next.value).not.toBe(secret.value)
    expect(JSON.stringify(await page())).not.toContain(next.value.slice(6))

    const disabled = await post([['intent', 'disable'], ['endpointId', String(loaded.endpoints[0]!.id)]])
    expect(disabled.status).toBe(302)
    expect((await page()).endpoints[0]!.enabled).toBe(false)
    const missing = await post([['intent', 'delete'], ['endpointId', '999999']])
    expect(missing.status).toBe(422)
  })
})
