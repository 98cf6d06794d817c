import { sql } from 'kysely'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { action } from './webhooks.resend'

const SECRET = 'whsec_dGVzdC13ZWJob29rLXNlY3JldC0wMTIzNDU2Nzg5'
let handle: DatabaseHandle
let counter = 0

beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => handle?.close())

/** Signs an event exactly as Svix does for Resend. */
function signed(event: unknown, options: { id?: string; secret?: string; body?: string } = {}) {
  const id = options.id ?? `msg_${++counter}`
  const timestamp = new Date()
  const body = options.body ?? JSON.stringify(event)
  const signature = new Webhook(options.secret ?? SECRET).sign(id, timestamp, body)
  return new Request('http://localhost/webhooks/resend', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'svix-signature': signature },
    body,
  })
}

const post = (request: Request) => action({ request, params: {}, context: { db: handle.db, cspNonce: '', clientIp: '127.0.0.1' } })

async function deliveryTo(email: string) {
  const campaign = await createCampaign(handle.db)
  const supporter = await handle.db.insertInto('supporters').values({ email, confirmed_at: new Date() }).returning('id').executeTakeFirstOrThrow()
  const update = await handle.db.insertInto('updates').values({ campaign_id: campaign.id, kind: 'custom', send_at: new Date(), subject: 's', body: 'b', status: 'sending' }).returning('id').executeTakeFirstOrThrow()
  const providerId = `re_${email}`
  await handle.db.insertInto('deliveries').values({ update_id: update.id, supporter_id: supporter.id, status: 'sent', provider_message_id: providerId }).execute()
  return { supporterId: supporter.id, providerId }
}

const status = async (providerId: string) => (await handle.db.selectFrom('deliveries').select('status').where('provider_message_id', '=', providerId).executeTakeFirstOrThrow()).status

describe(`Resend webhook on ${testDatabaseKind}`, () => {
  test('a signed "delivered" event is recorded on its delivery', async () => {
    const { providerId } = await deliveryTo('ok@example.org')
    const response = await post(signed({ type: 'email.delivered', data: { email_id: providerId, to: ['ok@example.org'] } }))
    expect(await response.json()).toEqual({ ok: true, duplicate: false })
    expect(await status(providerId)).toBe('delivered')
  })

  test('a bad signature, another secret or a tampered body is refused and changes nothing', async () => {
    const { providerId } = await deliveryTo('tamper@example.org')
    const event = { type: 'email.bounced', data: { email_id: providerId, to: ['tamper@example.org'] } }
    const otherSecret = signed(event, { secret: 'whsec_b3RoZXItc2VjcmV0LTAxMjM0NTY3ODkwMTIzNDU=' })
    expect(otherSecret.headers.get('svix-signature')).toBeTruthy()
    expect((await post(otherSecret)).status).toBe(400)
    const good = signed(event)
    const tampered = new Request(good.url, { method: 'POST', headers: good.headers, body: JSON.stringify({ ...event, type: 'email.complained' }) })
    expect((await post(tampered)).status).toBe(400)
    expect(await status(providerId)).toBe('sent')
  })

  test('a replay with the same svix-id is acknowledged and ignored', async () => {
    const { providerId } = await deliveryTo('replay@example.org')
    const event = { type: 'email.delivered', data: { email_id: providerId } }
    expect(await (await post(signed(event, { id: 'msg_replayed' }))).json()).toEqual({ ok: true, duplicate: false })
    await handle.db.updateTable('deliveries').set({ status: 'sent' }).where('provider_message_id', '=', providerId).execute()
    expect(await (await post(signed(event, { id: 'msg_replayed' }))).json()).toEqual({ ok: true, duplicate: true })
    expect(await status(providerId)).toBe('sent')
  })

  test('a bounce or a complaint stops all email to the address, for every campaign', async () => {
    for (const [type, reason] of [['email.bounced', 'bounce'], ['email.complained', 'complaint']] as const) {
      const email = `${reason}@example.org`
      const { providerId, supporterId } = await deliveryTo(email)
      await post(signed({ type, data: { email_id: providerId, to: [email] } }))
      expect(await status(providerId)).toBe(type === 'email.bounced' ? 'bounced' : 'complained')
      const supporter = await handle.db.selectFrom('supporters').select(['suppressed_at', 'suppression_reason']).where('id', '=', supporterId).executeTakeFirstOrThrow()
      expect(supporter.suppression_reason).toBe(reason)
      expect(supporter.suppressed_at).toBeInstanceOf(Date)
    }
    const { n } = await handle.db.selectFrom('webhook_events').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
    expect(n).toBeGreaterThan(0)
  })
})
