import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { Db, WebhookEventType } from '../../db/schema'
import { signalWebhookWork } from '../mail/queue-signal.server'
import { type Failure, fieldFailure, formFailure, type Result } from '../utils/result'
import { type AddressRules, checkWebhookHost, type Resolve } from '../utils/webhook-address.server'
import { recordAudit } from './audit.server'

// A campaign's webhook endpoints, managed by its owners: each has its own signing secret (shown
// when made and when rotated, never again), the events it wants, and can be disabled or deleted.
// Every change is audited in its own transaction; no secret ever reaches the audit log.

/** How long a rotated-out secret still signs deliveries, so receivers can switch without losing any. */
export const ROTATION_GRACE_HOURS = 24

/** `whsec_` + base64 of 32 random bytes (Standard Webhooks asks for 24 to 64). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

const NOT_FOUND = 'That endpoint is not one of this campaign’s: reload the page.'

export async function createWebhookEndpoint(
  db: Db,
  input: { actorId: number; campaignId: number; url: string; description: string; eventTypes: WebhookEventType[]; rules: AddressRules; resolve?: Resolve },
): Promise<Result<{ id: number; secret: string }>> {
  const checked = await checkWebhookHost(new URL(input.url), input.rules, input.resolve)
  if (!checked.ok) return fieldFailure('url', checked.reason)
  const secret = newWebhookSecret()
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('webhook_endpoints')
      .values({ campaign_id: input.campaignId, url: input.url, description: input.description, event_types: [...new Set(input.eventTypes)].sort(), secret, created_by: input.actorId })
      .returning(['id', 'event_types'])
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      organizerId: input.actorId,
      campaignId: input.campaignId,
      action: 'webhook_endpoint.created',
      entityType: 'webhook_endpoint',
      entityId: row.id,
      after: { url: input.url, description: input.description, events: row.event_types },
    })
    return { ok: true as const, id: row.id, secret }
  })
}

/** A new secret; the old one keeps signing (beside it) for ROTATION_GRACE_HOURS. */
export async function rotateWebhookSecret(db: Db, input: { actorId: number; campaignId: number; endpointId: number }): Promise<Result<{ secret: string }>> {
  const secret = newWebhookSecret()
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('webhook_endpoints')
      .set({
        previous_secret: sql`secret`,
        previous_secret_expires_at: sql`now() + make_interval(hours => ${ROTATION_GRACE_HOURS})`,
        secret,
        updated_at: sql`now()`,
      })
      .where('id', '=', input.endpointId)
      .where('campaign_id', '=', input.campaignId)
      .returning(['id', 'url', 'previous_secret_expires_at'])
      .executeTakeFirst()
    if (!row) return formFailure(NOT_FOUND)
    await recordAudit(trx, {
      organizerId: input.actorId,
      campaignId: input.campaignId,
      action: 'webhook_endpoint.secret_rotated',
      entityType: 'webhook_endpoint',
      entityId: row.id,
      after: { url: row.url, previousSecretValidUntil: row.previous_secret_expires_at?.toISOString() },
    })
    return { ok: true as const, secret }
  })
}

/**
 * Disables or enables an endpoint. A disabled endpoint gets no new events, and what was still
 * waiting for it fails at once (its row says why; "Resend" queues it again).
 */
export async function setWebhookEndpointEnabled(db: Db, input: { actorId: number; campaignId: number; endpointId: number; enabled: boolean }): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('webhook_endpoints')
      .set({ disabled_at: input.enabled ? null : sql`coalesce(disabled_at, now())`, updated_at: sql`now()` })
      .where('id', '=', input.endpointId)
      .where('campaign_id', '=', input.campaignId)
      .returning(['id', 'url'])
      .executeTakeFirst()
    if (!row) return formFailure(NOT_FOUND)
    if (!input.enabled) {
      await trx
        .updateTable('webhook_deliveries')
        .set({ status: 'failed', last_error: 'The endpoint was disabled.', claimed_at: null })
        .where('endpoint_id', '=', row.id)
        .where('status', '=', 'queued')
        .execute()
    }
    await recordAudit(trx, {
      organizerId: input.actorId,
      campaignId: input.campaignId,
      action: input.enabled ? 'webhook_endpoint.enabled' : 'webhook_endpoint.disabled',
      entityType: 'webhook_endpoint',
      entityId: row.id,
      after: { url: row.url },
    })
    return { ok: true as const }
  })
}

/** Deletes an endpoint with its ledger and attempts. */
export async function deleteWebhookEndpoint(db: Db, input: { actorId: number; campaignId: number; endpointId: number }): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('webhook_endpoints')
      .where('id', '=', input.endpointId)
      .where('campaign_id', '=', input.campaignId)
      .returning(['id', 'url', 'event_types'])
      .executeTakeFirst()
    if (!row) return formFailure(NOT_FOUND)
    await recordAudit(trx, {
      organizerId: input.actorId,
      campaignId: input.campaignId,
      action: 'webhook_endpoint.deleted',
      entityType: 'webhook_endpoint',
      entityId: row.id,
      before: { url: row.url, events: row.event_types },
    })
    return { ok: true as const }
  })
}

/** Queues a delivery again, now, with a fresh count of attempts (same webhook-id, same body). */
export async function resendWebhookDelivery(db: Db, input: { actorId: number; campaignId: number; deliveryId: string }): Promise<Result> {
  const outcome = await db.transaction().execute(async (trx): Promise<Result | Failure> => {
    const row = await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'queued', attempts: 0, next_attempt_at: sql`now()`, claimed_at: null })
      .where('id', '=', input.deliveryId)
      .where('status', '!=', 'sending')
      .where('endpoint_id', 'in', (eb) => eb.selectFrom('webhook_endpoints').select('webhook_endpoints.id').where('webhook_endpoints.campaign_id', '=', input.campaignId).where('webhook_endpoints.disabled_at', 'is', null))
      .returning(['id', 'message_id', 'endpoint_id'])
      .executeTakeFirst()
    if (!row) return formFailure('That delivery cannot be sent again now: it is being sent, its endpoint is disabled, or it is not this campaign’s.')
    await recordAudit(trx, {
      organizerId: input.actorId,
      campaignId: input.campaignId,
      action: 'webhook_delivery.resent',
      entityType: 'webhook_delivery',
      entityId: row.id,
      after: { message: row.message_id, endpoint: row.endpoint_id },
    })
    return { ok: true as const }
  })
  if (outcome.ok) signalWebhookWork()
  return outcome
}

/** The campaign's endpoints, without their secrets. */
export async function listWebhookEndpoints(db: Db, input: { campaignId: number }) {
  return db
    .selectFrom('webhook_endpoints')
    .select(['id', 'url', 'description', 'event_types', 'disabled_at', 'created_at', 'previous_secret_expires_at'])
    .select(sql<boolean>`previous_secret is not null and previous_secret_expires_at > now()`.as('rotating'))
    .where('campaign_id', '=', input.campaignId)
    .orderBy('id')
    .execute()
}

/** The latest deliveries to the campaign's endpoints, each with its attempts (newest first). */
export async function listRecentWebhookDeliveries(db: Db, input: { campaignId: number; limit?: number }) {
  const deliveries = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .innerJoin('webhook_messages as m', 'm.id', 'd.message_id')
    .select(['d.id', 'd.status', 'd.attempts', 'd.next_attempt_at', 'd.delivered_at', 'd.last_error', 'd.created_at', 'd.endpoint_id', 'e.url', 'm.id as message_id', 'm.event_type'])
    .where('e.campaign_id', '=', input.campaignId)
    .orderBy('d.id', 'desc')
    .limit(input.limit ?? 50)
    .execute()
  const attempts =
    deliveries.length === 0
      ? []
      : await db
          .selectFrom('webhook_attempts')
          .select(['id', 'delivery_id', 'attempted_at', 'duration_ms', 'status_code', 'error'])
          .where(
            'delivery_id',
            'in',
            deliveries.map((d) => d.id),
          )
          .orderBy('id', 'desc')
          .execute()
  return deliveries.map((d) => ({ ...d, attempts_log: attempts.filter((a) => a.delivery_id === d.id) }))
}
