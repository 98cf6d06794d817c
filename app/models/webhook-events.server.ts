import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Db, Trx, WebhookEventType } from '../../db/schema'
import { config } from '../config.server'
import { signalWebhookWork } from '../mail/queue-signal.server'
import { getPledgeSignature } from './api-osdi.server'

// Events for outgoing webhooks, written by the change that causes them, in its transaction: a
// change that rolls back leaves no event, and one that commits always has its deliveries. An
// event becomes one message (a stable `msg_…` id and the exact body every attempt sends) and a
// ledger row for each enabled endpoint of the campaign that asked for its type; with no such
// endpoint nothing is written. Payloads carry what the organizer API already shows (decision 018).

/** Transactions that wrote deliveries: the sender is woken once they commit. */
const queuedIn = new WeakSet<Trx>()

/**
 * A transaction that may emit webhook events: once it has committed, and only if it queued a
 * delivery, the sender is woken (a wake-up before the commit could find nothing to send).
 */
export async function withWebhookEvents<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  let used: Trx | null = null
  const result = await db.transaction().execute((trx) => {
    used = trx
    return work(trx)
  })
  if (used && queuedIn.has(used)) signalWebhookWork()
  return result
}

/** `msg_` and 144 random bits: the `webhook-id` receivers deduplicate on. */
export function newMessageId(): string {
  return `msg_${randomBytes(18).toString('base64url')}`
}

async function subscribedEndpoints(trx: Trx, input: { campaignId: number; type: WebhookEventType }) {
  const rows = await trx
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('campaign_id', '=', input.campaignId)
    .where('disabled_at', 'is', null)
    .where(sql<boolean>`${input.type} = any(event_types)`)
    .execute()
  return rows.map((r) => r.id)
}

/**
 * Records one event: `data` is built only when an endpoint wants it (it may read the database).
 * Returns the message id, or null when no endpoint listens. Call it inside the change's
 * transaction, opened with withWebhookEvents.
 */
export async function emitWebhookEvent(trx: Trx, input: { campaignId: number; type: WebhookEventType; data: () => Promise<unknown> | unknown }): Promise<string | null> {
  const endpointIds = await subscribedEndpoints(trx, input)
  if (endpointIds.length === 0) return null
  const data = await input.data()
  if (data === null) return null
  const id = newMessageId()
  // The Standard Webhooks payload: type, when it happened, and the event's data.
  const body = JSON.stringify({ type: input.type, timestamp: new Date().toISOString(), data })
  await trx.insertInto('webhook_messages').values({ id, campaign_id: input.campaignId, event_type: input.type, body }).execute()
  await trx
    .insertInto('webhook_deliveries')
    .values(endpointIds.map((endpointId) => ({ message_id: id, endpoint_id: endpointId })))
    .execute()
  // The wake-up comes from withWebhookEvents after the commit; a transaction opened otherwise
  // is found by the sender's once-a-minute sweep.
  queuedIn.add(trx)
  return id
}

async function campaignRef(db: Db, campaignId: number) {
  const campaign = await db.selectFrom('campaigns').select(['slug']).where('id', '=', campaignId).executeTakeFirstOrThrow()
  return { slug: campaign.slug, url: `${config.appUrl}/c/${campaign.slug}` }
}

/** A pledge was confirmed, or a confirmed pledge changed (`changed` names the fields). */
export async function emitPledgeEvent(trx: Trx, input: { campaignId: number; pledgeId: string; type: 'pledge.confirmed' | 'pledge.changed'; changed?: string[] }) {
  return emitWebhookEvent(trx, {
    campaignId: input.campaignId,
    type: input.type,
    data: async () => {
      const campaign = await campaignRef(trx, input.campaignId)
      const pledge = await getPledgeSignature(trx, { pledgeId: input.pledgeId, campaignUrl: campaign.url })
      if (!pledge) return null
      return { campaign: { slug: campaign.slug }, pledge, ...(input.changed ? { changed: input.changed } : {}) }
    },
  })
}

/** A confirmed pledge was deleted with its supporter's data: only its identifier goes out. */
export async function emitPledgeDeleted(trx: Trx, input: { campaignId: number; pledgeId: string }) {
  return emitWebhookEvent(trx, {
    campaignId: input.campaignId,
    type: 'pledge.deleted',
    data: async () => ({ campaign: { slug: (await campaignRef(trx, input.campaignId)).slug }, pledge: { identifiers: [`quorum:pledge-${input.pledgeId}`] } }),
  })
}

/** A confirmed supporter stopped a campaign's updates: who, so the receiver's list can follow. */
export async function emitUnsubscribed(trx: Trx, input: { campaignId: number; supporterId: string }) {
  return emitWebhookEvent(trx, {
    campaignId: input.campaignId,
    type: 'supporter.unsubscribed',
    data: async () => {
      const supporter = await trx.selectFrom('supporters').select(['email', 'confirmed_at']).where('id', '=', input.supporterId).executeTakeFirst()
      // An unconfirmed address was never shown to the campaign's tools.
      if (!supporter?.confirmed_at) return null
      return {
        campaign: { slug: (await campaignRef(trx, input.campaignId)).slug },
        person: { identifiers: [`quorum:supporter-${input.supporterId}`], email_addresses: [{ address: supporter.email, primary: true, status: 'unsubscribed' }] },
      }
    },
  })
}

/** An update finished sending. */
export async function emitUpdateSent(trx: Trx, input: { campaignId: number; updateId: number }) {
  return emitWebhookEvent(trx, {
    campaignId: input.campaignId,
    type: 'update.sent',
    data: async () => {
      const update = await trx.selectFrom('updates').select(['id', 'subject', 'audience', 'finished_at']).where('id', '=', input.updateId).executeTakeFirstOrThrow()
      const sent = await trx
        .selectFrom('deliveries')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('update_id', '=', input.updateId)
        .where('status', '=', 'sent')
        .executeTakeFirstOrThrow()
      return {
        campaign: { slug: (await campaignRef(trx, input.campaignId)).slug },
        update: { id: update.id, subject: update.subject, audience: update.audience, sent: Number(sent.count), finished_date: update.finished_at?.toISOString() ?? null },
      }
    },
  })
}
