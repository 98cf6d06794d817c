import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { PLEDGE_FORM_VERSION } from '../schemas/pledge'
import { type AddressRules, PRODUCTION_RULES, type Resolve } from '../utils/webhook-address.server'
import { defaultTransport } from '../mail/default-transport.server'
import { mailerRound } from '../mail/mailer.server'
import { onMailWork } from '../mail/queue-signal.server'
import { createPacer } from '../mail/pacer'
import { createOrganizer } from './organizers.server'
import { changePledge, confirmSupporter, recordPledge } from './pledges.server'
import { confirmByToken, eraseSupporter, unsubscribeFromCampaign } from './supporters.server'
import { processWebhookDeliveries, type RetryPolicy, WEBHOOK_RETRY_POLICY } from './webhook-deliveries.server'
import { recordResendEvent } from './webhooks.server'
import { createWebhookEndpoint, deleteWebhookEndpoint, listRecentWebhookDeliveries, resendWebhookDelivery, rotateWebhookSecret, setWebhookEndpointEnabled } from './webhook-endpoints.server'

// Outgoing webhooks against a real receiver on 127.0.0.1: Standard Webhooks signatures checked
// by a verifier written here from the specification, retries from the ledger, giving up,
// resending, refused addresses, secret rotation, and events that commit with their change.

/** Development's rules: loopback allowed (this receiver), everything private still refused. */
const LOCAL: AddressRules = { allowLoopback: true, allowHttp: false }
const FAST: RetryPolicy = { ...WEBHOOK_RETRY_POLICY, firstDelaySeconds: 30, maxAttempts: 3 }

interface Received {
  headers: IncomingHttpHeaders
  body: string
}

/** A receiver that answers with the next status of `statuses` (200 once they run out). */
function startReceiver() {
  const received: Received[] = []
  const statuses: number[] = []
  let hang = false
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body })
      if (hang) return
      const status = statuses.shift() ?? 200
      response.writeHead(status, status === 302 ? { location: 'http://127.0.0.1:1/elsewhere' } : {}).end('ok')
    })
  })
  return new Promise<{ url: string; received: Received[]; statuses: number[]; hangNext: (on: boolean) => void; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}/hooks`,
        received,
        statuses,
        hangNext: (on) => (hang = on),
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}

/**
 * Standard Webhooks verification, from the specification and node:crypto alone: the key is the
 * base64 after `whsec_`; the signed content is `${id}.${timestamp}.${body}`; the header holds
 * space-separated `v1,<base64 HMAC-SHA256>` signatures, any of which may match.
 */
function verifyStandardWebhook(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const id = String(headers['webhook-id'])
  const timestamp = String(headers['webhook-timestamp'])
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64')
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest()
  return String(headers['webhook-signature'])
    .split(' ')
    .some((entry) => {
      const [version, signature] = entry.split(',')
      const given = Buffer.from(signature ?? '', 'base64')
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)
    })
}

let handle: DatabaseHandle
let ownerId: number
let receiver: Awaited<ReturnType<typeof startReceiver>>
const db = () => handle.db

beforeAll(async () => {
  handle = await createTestDatabase()
  ownerId = (await createOrganizer(db(), { email: 'owner@example.org', password: 'a long enough password' })).id
  receiver = await startReceiver()
})
afterAll(async () => {
  await receiver?.close()
  await handle?.close()
})
afterEach(async () => {
  // Each test starts with an empty queue: what an earlier test left waiting is not sent later.
  await db().updateTable('webhook_deliveries').set({ status: 'failed' }).where('status', 'in', ['queued', 'sending']).execute()
  receiver.received.length = 0
  receiver.statuses.length = 0
  receiver.hangNext(false)
})

let emailCount = 0
async function confirmedPledge(campaign: Campaign) {
  const outcome = await recordPledge(db(), { campaign, pledge: { ...basePledge, email: `pledger${++emailCount}@example.org`, name: 'Ada' }, formVersion: PLEDGE_FORM_VERSION })
  await confirmByToken(db(), { token: outcome.links.confirmToken! })
  return outcome
}

async function endpointFor(campaign: Campaign, input: { url?: string; events?: Array<'pledge.confirmed' | 'pledge.changed' | 'pledge.deleted' | 'supporter.unsubscribed' | 'update.sent'> } = {}) {
  const created = await createWebhookEndpoint(db(), {
    actorId: ownerId,
    campaignId: campaign.id,
    url: input.url ?? receiver.url,
    description: 'CRM',
    eventTypes: input.events ?? ['pledge.confirmed', 'pledge.changed', 'pledge.deleted', 'supporter.unsubscribed'],
    rules: LOCAL,
  })
  if (!created.ok) throw new Error(JSON.stringify(created))
  return created
}

const send = (options: { rules?: AddressRules; policy?: RetryPolicy; resolve?: Resolve; timeoutMs?: number } = {}) =>
  processWebhookDeliveries(db(), { rules: options.rules ?? LOCAL, timeoutMs: options.timeoutMs ?? 5000, policy: options.policy ?? FAST, resolve: options.resolve })

/** As if the wait before the next attempt had passed. */
const makeDue = () => db().updateTable('webhook_deliveries').set({ next_attempt_at: sql`now()` }).where('status', '=', 'queued').execute()

const deliveriesOf = (endpointId: number) => db().selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('id').execute()
const attemptsOf = (deliveryId: string) => db().selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('id').execute()

describe(`outgoing webhooks on ${testDatabaseKind}`, () => {
  test('an endpoint gets a whsec_ secret of 32 random bytes, shown once; the audit log never holds it', async () => {
    const campaign = await createCampaign(db())
    const { id, secret } = await endpointFor(campaign)
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32)
    const audit = await db().selectFrom('audit_log').selectAll().where('entity_type', '=', 'webhook_endpoint').where('entity_id', '=', String(id)).execute()
    expect(audit.map((a) => a.action)).toEqual(['webhook_endpoint.created'])
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6))
  })

  test('a confirmed pledge reaches the receiver signed as Standard Webhooks says, with what the pledges API shows', async () => {
    const campaign = await createCampaign(db())
    const { id, secret } = await endpointFor(campaign)
    await confirmedPledge(campaign)
    const [delivery] = await deliveriesOf(id)
    expect(delivery).toMatchObject({ status: 'queued', attempts: 0 })
    expect(await send()).toEqual({ claimed: 1, delivered: 1 })

    const [request] = receiver.received
    expect(request!.headers['webhook-id']).toBe(delivery!.message_id)
    expect(request!.headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9_-]{24}$/)
    expect(request!.headers['content-type']).toBe('application/json')
    expect(verifyStandardWebhook(secret, request!.headers, request!.body)).toBe(true)
    expect(verifyStandardWebhook(secret, request!.headers, request!.body.replace('"for"', '"against"'))).toBe(false)
    const payload = JSON.parse(request!.body)
    expect(payload).toMatchObject({ type: 'pledge.confirmed', data: { campaign: { slug: campaign.slug }, pledge: { 'quorum:intention': 'for', 'quorum:shares': '100' } } })
    expect(payload.data.pledge.person.email_addresses[0].address).toMatch(/^pledger\d+@example\.org$/)
    expect(Date.parse(payload.timestamp)).toBeGreaterThan(Date.now() - 60_000)

    const [after] = await deliveriesOf(id)
    expect(after).toMatchObject({ status: 'delivered', attempts: 1, last_error: null })
    const attempts = await attemptsOf(after!.id)
    expect(attempts).toHaveLength(1)
    expect(attempts[0]).toMatchObject({ status_code: 200, error: null })
    expect(attempts[0]!.duration_ms).toBeGreaterThanOrEqual(0)
  })

  test('a 500 is retried after a backoff with the same webhook-id and body; the ledger records each attempt', async () => {
    const campaign = await createCampaign(db())
    const { id, secret } = await endpointFor(campaign)
    await confirmedPledge(campaign)
    receiver.statuses.push(500)
    expect(await send()).toEqual({ claimed: 1, delivered: 0 })
    const [waiting] = await deliveriesOf(id)
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, last_error: 'HTTP 500' })
    const wait = (waiting!.next_attempt_at.getTime() - Date.now()) / 1000
    expect(wait).toBeGreaterThan(20)
    expect(wait).toBeLessThanOrEqual(31)
    // Not due yet: nothing is claimed.
    expect(await send()).toEqual({ claimed: 0, delivered: 0 })

    await makeDue()
    expect(await send()).toEqual({ claimed: 1, delivered: 1 })
    expect(receiver.received).toHaveLength(2)
    const [first, second] = receiver.received
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id'])
    expect(second!.body).toBe(first!.body)
    expect(verifyStandardWebhook(secret, second!.headers, second!.body)).toBe(true)
    const [done] = await deliveriesOf(id)
    expect(done).toMatchObject({ status: 'delivered', attempts: 2 })
    expect((await attemptsOf(done!.id)).map((a) => a.status_code)).toEqual([500, 200])
  })

  test('the wait doubles up to its cap; redirects are not followed; a receiver that does not answer times out', async () => {
    const { webhookRetryDelaySeconds } = await import('./webhook-deliveries.server')
    expect([1, 2, 3, 4].map((n) => webhookRetryDelaySeconds(n))).toEqual([30, 60, 120, 240])
    expect(webhookRetryDelaySeconds(30)).toBe(WEBHOOK_RETRY_POLICY.maxDelaySeconds)

    const campaign = await createCampaign(db())
    const { id } = await endpointFor(campaign)
    await confirmedPledge(campaign)
    receiver.statuses.push(302)
    await send()
    expect(receiver.received).toHaveLength(1)
    const [redirected] = await deliveriesOf(id)
    expect(redirected).toMatchObject({ status: 'queued', last_error: 'HTTP 302 (redirects are not followed)' })

    await makeDue()
    receiver.hangNext(true)
    await send({ timeoutMs: 300 })
    const [timedOut] = await deliveriesOf(id)
    expect(timedOut).toMatchObject({ status: 'queued', attempts: 2 })
    const attempts = await attemptsOf(timedOut!.id)
    expect(attempts.map((a) => a.status_code)).toEqual([302, null])
    expect(attempts[1]!.error).toMatch(/No answer within 0.3 s/)
    expect(attempts[1]!.duration_ms).toBeLessThan(2000)
  })

  test('after the last attempt a delivery is failed; "Resend" queues it again and it goes out under the same id', async () => {
    const campaign = await createCampaign(db())
    const { id } = await endpointFor(campaign)
    await confirmedPledge(campaign)
    receiver.statuses.push(500, 500, 500)
    for (let i = 0; i < FAST.maxAttempts; i++) {
      await makeDue()
      await send()
    }
    const [failed] = await deliveriesOf(id)
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 })
    expect(failed!.last_error).toBe('Gave up after 3 attempts. Last: HTTP 500')
    await makeDue()
    expect(await send()).toEqual({ claimed: 0, delivered: 0 })

    const other = await createCampaign(db())
    expect((await resendWebhookDelivery(db(), { actorId: ownerId, campaignId: other.id, deliveryId: failed!.id })).ok).toBe(false)
    expect(await resendWebhookDelivery(db(), { actorId: ownerId, campaignId: campaign.id, deliveryId: failed!.id })).toEqual({ ok: true })
    expect(await send()).toEqual({ claimed: 1, delivered: 1 })
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1)
    expect(receiver.received).toHaveLength(4)
    const [listed] = await listRecentWebhookDeliveries(db(), { campaignId: campaign.id })
    expect(listed).toMatchObject({ status: 'delivered', event_type: 'pledge.confirmed' })
    expect(listed!.attempts_log.map((a) => a.status_code)).toEqual([200, 500, 500, 500])
    const audit = await db().selectFrom('audit_log').select('action').where('entity_type', '=', 'webhook_delivery').where('entity_id', '=', failed!.id).execute()
    expect(audit.map((a) => a.action)).toEqual(['webhook_delivery.resent'])
  })

  test('an endpoint deleted while its delivery is in flight: the answer is dropped, nothing fails', async () => {
    const campaign = await createCampaign(db())
    const { id } = await endpointFor(campaign)
    await confirmedPledge(campaign)
    receiver.hangNext(true)
    const sending = send({ timeoutMs: 500 })
    while (receiver.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await deleteWebhookEndpoint(db(), { actorId: ownerId, campaignId: campaign.id, endpointId: id })).toEqual({ ok: true })
    await expect(sending).resolves.toEqual({ claimed: 1, delivered: 0 })
    expect(await deliveriesOf(id)).toEqual([])
  })

  test('a claim left by a worker that died is taken again, counted as an attempt', async () => {
    const campaign = await createCampaign(db())
    const { id } = await endpointFor(campaign)
    await confirmedPledge(campaign)
    const [row] = await deliveriesOf(id)
    await db().updateTable('webhook_deliveries').set({ status: 'sending', attempts: 1, claimed_at: sql`now() - interval '1 hour'` }).where('id', '=', row!.id).execute()
    expect(await send()).toEqual({ claimed: 1, delivered: 1 })
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'delivered', attempts: 2 })
  })

  test('in production, endpoints on loopback, private, link-local and other internal addresses are refused when saved', async () => {
    const campaign = await createCampaign(db())
    const publicResolve: Resolve = async () => [{ address: '93.184.216.34', family: 4 }]
    const internalName: Resolve = async () => [{ address: '127.0.0.1', family: 4 }]
    const refusals: Array<[string, Resolve | undefined, RegExp]> = [
      ['https://127.0.0.1/hooks', undefined, /loopback/],
      ['https://10.1.2.3/hooks', undefined, /private/],
      ['https://169.254.169.254/latest', undefined, /linkLocal/],
      ['https://[::1]/hooks', undefined, /loopback/],
      ['https://[fd00::1]/hooks', undefined, /uniqueLocal/],
      ['https://100.64.0.1/hooks', undefined, /carrierGradeNat/],
      ['https://0.0.0.0/hooks', undefined, /unspecified/],
      ['https://[::ffff:10.0.0.1]/hooks', undefined, /private/],
      ['https://localhost/hooks', undefined, /loopback/],
      ['https://hooks.internal.example/', internalName, /resolves to 127\.0\.0\.1/],
      ['http://hooks.example.org/', publicResolve, /https/],
    ]
    for (const [url, resolve, reason] of refusals) {
      const outcome = await createWebhookEndpoint(db(), { actorId: ownerId, campaignId: campaign.id, url, description: '', eventTypes: ['pledge.confirmed'], rules: PRODUCTION_RULES, resolve })
      expect(outcome.ok, url).toBe(false)
      if (!outcome.ok) expect(outcome.fieldErrors?.url?.[0], url).toMatch(reason)
    }
    const allowed = await createWebhookEndpoint(db(), { actorId: ownerId, campaignId: campaign.id, url: 'https://hooks.example.org/', description: '', eventTypes: ['pledge.confirmed'], rules: PRODUCTION_RULES, resolve: publicResolve })
    expect(allowed.ok).toBe(true)
    // Outside production loopback is allowed, but private networks still are not.
    expect((await createWebhookEndpoint(db(), { actorId: ownerId, campaignId: campaign.id, url: 'http://10.1.2.3/', description: '', eventTypes: ['pledge.confirmed'], rules: LOCAL })).ok).toBe(false)
  })

  test('at send time the address is checked again: a host that now resolves inside is refused, recorded, and not contacted', async () => {
    const campaign = await createCampaign(db())
    const publicResolve: Resolve = async () => [{ address: '93.184.216.34', family: 4 }]
    const created = await createWebhookEndpoint(db(), {
      actorId: ownerId,
      campaignId: campaign.id,
      url: `https://hooks.example.org/`,
      description: '',
      eventTypes: ['pledge.confirmed'],
      rules: PRODUCTION_RULES,
      resolve: publicResolve,
    })
    if (!created.ok) throw new Error('not saved')
    await confirmedPledge(campaign)
    // DNS rebinding: the name now points at this machine.
    const rebound: Resolve = async () => [{ address: '127.0.0.1', family: 4 }]
    expect(await send({ rules: PRODUCTION_RULES, resolve: rebound })).toEqual({ claimed: 1, delivered: 0 })
    const [delivery] = await deliveriesOf(created.id)
    expect(delivery!.status).toBe('failed')
    expect(delivery!.last_error).toMatch(/^Refused: hooks\.example\.org resolves to 127\.0\.0\.1, a loopback address/)
    const [attempt] = await attemptsOf(delivery!.id)
    expect(attempt).toMatchObject({ status_code: null })
    expect(attempt!.error).toMatch(/^Refused/)

    // A name that does not resolve now may resolve later: that attempt is retried, not failed.
    await db().updateTable('webhook_deliveries').set({ status: 'queued', next_attempt_at: sql`now()` }).where('id', '=', delivery!.id).execute()
    const unresolved: Resolve = async () => Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }))
    await send({ rules: PRODUCTION_RULES, resolve: unresolved })
    expect((await deliveriesOf(created.id))[0]).toMatchObject({ status: 'queued', last_error: 'hooks.example.org could not be resolved (ENOTFOUND).' })

    // An endpoint saved under development's rules is refused once production's apply.
    const local = await endpointFor(campaign, { events: ['pledge.confirmed'] })
    await confirmedPledge(campaign)
    await send({ rules: PRODUCTION_RULES })
    expect((await deliveriesOf(local.id))[0]!.last_error).toMatch(/127\.0\.0\.1, a loopback address/)
    expect(receiver.received).toHaveLength(0)
  })

  test('after a rotation both secrets verify until the grace period ends; then only the new one', async () => {
    const campaign = await createCampaign(db())
    const { id, secret: oldSecret } = await endpointFor(campaign)
    const rotated = await rotateWebhookSecret(db(), { actorId: ownerId, campaignId: campaign.id, endpointId: id })
    if (!rotated.ok) throw new Error('not rotated')
    expect(rotated.secret).not.toBe(oldSecret)
    await confirmedPledge(campaign)
    await send()
    const [during] = receiver.received
    expect(String(during!.headers['webhook-signature']).split(' ')).toHaveLength(2)
    expect(verifyStandardWebhook(rotated.secret, during!.headers, during!.body)).toBe(true)
    expect(verifyStandardWebhook(oldSecret, during!.headers, during!.body)).toBe(true)

    await db().updateTable('webhook_endpoints').set({ previous_secret_expires_at: sql`now() - interval '1 second'` }).where('id', '=', id).execute()
    await confirmedPledge(campaign)
    await send()
    const after = receiver.received[1]!
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1)
    expect(verifyStandardWebhook(rotated.secret, after.headers, after.body)).toBe(true)
    expect(verifyStandardWebhook(oldSecret, after.headers, after.body)).toBe(false)
  })

  test('events commit with their change: a rolled-back confirmation leaves no event and no delivery; a committed one wakes the sender after it commits', async () => {
    const campaign = await createCampaign(db())
    const endpoint = await endpointFor(campaign)
    const wakeUps: number[] = []
    const stop = onMailWork((work) => {
      if (work === 'webhooks') wakeUps.push(1)
    })
    const outcome = await recordPledge(db(), { campaign, pledge: { ...basePledge, email: 'rollback@example.org' }, formVersion: PLEDGE_FORM_VERSION })
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await confirmSupporter(trx, { supporterId: outcome.supporterId })
          expect(await trx.selectFrom('webhook_messages').select('id').where('campaign_id', '=', campaign.id).execute()).toHaveLength(1)
          throw new Error('the change fails after the event was written')
        }),
    ).rejects.toThrow('the change fails')
    expect(await db().selectFrom('webhook_messages').select('id').where('campaign_id', '=', campaign.id).execute()).toHaveLength(0)
    expect(await deliveriesOf(endpoint.id)).toEqual([])
    expect(wakeUps).toEqual([])
    // Once the change commits, the sender is woken, once.
    await confirmByToken(db(), { token: outcome.links.confirmToken! })
    expect(wakeUps).toEqual([1])
    expect(await db().selectFrom('webhook_messages').select('event_type').where('campaign_id', '=', campaign.id).execute()).toEqual([{ event_type: 'pledge.confirmed' }])
    // A confirmation no endpoint listens to wakes nothing.
    const quiet = await createCampaign(db())
    await confirmedPledge(quiet)
    expect(wakeUps).toEqual([1])
    stop()
  })

  test('a complaint reported by Resend ends every subscription, once each, as an unsubscribe; a bounce only suppresses', async () => {
    const campaign = await createCampaign(db())
    await endpointFor(campaign, { events: ['supporter.unsubscribed'] })
    const complainer = await confirmedPledge(campaign)
    const bouncer = await confirmedPledge(campaign)
    const emailOf = async (supporterId: string) => (await db().selectFrom('supporters').select('email').where('id', '=', supporterId).executeTakeFirstOrThrow()).email
    const report = (type: string, to: string) => recordResendEvent(db(), { svixId: `msg_${type}_${to}_${++emailCount}`, event: { type, created_at: new Date().toISOString(), data: { email_id: `re_${emailCount}`, to: [to] } } })

    await report('email.complained', await emailOf(complainer.supporterId))
    // The same complaint again, a bounce in between, and an unsubscribe from /me: nothing more to say.
    await report('email.bounced', await emailOf(complainer.supporterId))
    await report('email.complained', await emailOf(complainer.supporterId))
    await unsubscribeFromCampaign(db(), { supporterId: complainer.supporterId, campaignId: campaign.id })
    await report('email.bounced', await emailOf(bouncer.supporterId))
    const messages = await db().selectFrom('webhook_messages').select(['event_type', 'body']).where('campaign_id', '=', campaign.id).execute()
    expect(messages.map((m) => m.event_type)).toEqual(['supporter.unsubscribed'])
    expect(JSON.parse(messages[0]!.body).data.person.email_addresses[0]).toMatchObject({ address: await emailOf(complainer.supporterId), status: 'unsubscribed' })
    const subscriptions = await db().selectFrom('subscriptions').select(['supporter_id', 'status']).where('campaign_id', '=', campaign.id).orderBy('supporter_id').execute()
    expect(subscriptions.map((s) => s.status)).toEqual(['unsubscribed', 'subscribed'])
    const suppressed = await db().selectFrom('supporters').select(['id', 'suppression_reason']).where('id', 'in', [complainer.supporterId, bouncer.supporterId]).orderBy('id').execute()
    expect(suppressed.map((s) => s.suppression_reason)).toEqual(['complaint', 'bounce'])
  })

  test('changed, unsubscribed and deleted events; each endpoint gets the types it asked for, a disabled one nothing', async () => {
    const campaign = await createCampaign(db())
    const all = await endpointFor(campaign)
    const onlyDeleted = await endpointFor(campaign, { events: ['pledge.deleted'] })
    const disabled = await endpointFor(campaign)
    await setWebhookEndpointEnabled(db(), { actorId: ownerId, campaignId: campaign.id, endpointId: disabled.id, enabled: false })
    // A pending pledge is not the campaign's yet: no event until it is confirmed.
    const pending = await recordPledge(db(), { campaign, pledge: { ...basePledge, email: 'changes@example.org' }, formVersion: PLEDGE_FORM_VERSION })
    expect(await db().selectFrom('webhook_messages').select('id').where('campaign_id', '=', campaign.id).execute()).toHaveLength(0)
    await confirmByToken(db(), { token: pending.links.confirmToken! })
    const pledge = await db().selectFrom('pledges').select('id').where('supporter_id', '=', pending.supporterId).executeTakeFirstOrThrow()
    await changePledge(db(), { supporterId: pending.supporterId, change: { pledgeId: pledge.id, intention: 'for', shares: '250', holderType: 'retail', broker: 'Fidelity', voted: false, showName: false } })
    await unsubscribeFromCampaign(db(), { supporterId: pending.supporterId, campaignId: campaign.id })
    // Unsubscribing again changes nothing and says nothing.
    await unsubscribeFromCampaign(db(), { supporterId: pending.supporterId, campaignId: campaign.id })
    await eraseSupporter(db(), { supporterId: pending.supporterId })

    const messages = await db().selectFrom('webhook_messages').select(['id', 'event_type', 'body']).where('campaign_id', '=', campaign.id).orderBy('created_at').orderBy('id').execute()
    expect(messages.map((m) => m.event_type).sort()).toEqual(['pledge.changed', 'pledge.confirmed', 'pledge.deleted', 'supporter.unsubscribed'])
    const body = (type: string) => JSON.parse(messages.find((m) => m.event_type === type)!.body)
    expect(body('pledge.changed').data).toMatchObject({ changed: ['shares'], pledge: { 'quorum:shares': '250' } })
    expect(body('supporter.unsubscribed').data.person.email_addresses[0]).toMatchObject({ address: 'changes@example.org', status: 'unsubscribed' })
    // An erasure says which pledge went, and nothing about the person.
    expect(body('pledge.deleted').data).toEqual({ campaign: { slug: campaign.slug }, pledge: { identifiers: [`quorum:pledge-${pledge.id}`] } })
    expect(messages.find((m) => m.event_type === 'pledge.deleted')!.body).not.toContain('changes@example.org')

    expect((await deliveriesOf(all.id)).length).toBe(4)
    expect((await deliveriesOf(onlyDeleted.id)).length).toBe(1)
    expect(await deliveriesOf(disabled.id)).toEqual([])
  })

  test('an update that finishes sending is an update.sent event, written with the status change', async () => {
    const campaign = await createCampaign(db())
    const { id } = await endpointFor(campaign, { events: ['update.sent'] })
    await confirmedPledge(campaign)
    await confirmedPledge(campaign)
    const update = await db()
      .insertInto('updates')
      .values({ campaign_id: campaign.id, kind: 'custom', send_at: new Date(Date.now() - 1000), subject: 'Voting is open', body: 'Vote **now**.', status: 'scheduled' })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (let round = 0; round < 20; round++) {
      await mailerRound(db(), { transport: defaultTransport(db()), pacer: createPacer({ perSecond: 1000 }) })
      const { status } = await db().selectFrom('updates').select('status').where('id', '=', update.id).executeTakeFirstOrThrow()
      if (status === 'sent') break
    }
    const messages = await db().selectFrom('webhook_messages').select(['event_type', 'body']).where('campaign_id', '=', campaign.id).execute()
    expect(messages.map((m) => m.event_type)).toEqual(['update.sent'])
    expect(JSON.parse(messages[0]!.body).data).toMatchObject({ campaign: { slug: campaign.slug }, update: { id: update.id, subject: 'Voting is open', audience: 'all', sent: 2 } })
    expect(await send()).toEqual({ claimed: 1, delivered: 1 })
    expect((await deliveriesOf(id))[0]!.status).toBe('delivered')
  })
})
