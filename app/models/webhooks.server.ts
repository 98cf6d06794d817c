import { sql } from 'kysely'
import { z } from 'zod'
import type { Db, Trx } from '../../db/schema'
import { NUL } from '../schemas/fields'
import { normalizeEmail } from '../utils/email-address'
import { emitUnsubscribed, withWebhookEvents } from './webhook-events.server'

// What Quorum reads of a Resend event; anything else in it is kept as it came.
const ResendEventSchema = z
  .object({
    type: z.string().min(1).max(100),
    data: z
      .object({
        email_id: z.string().max(200).optional(),
        to: z.union([z.string().max(320), z.array(z.string().max(320)).max(50)]).optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough()

/** In a u-flag pattern a surrogate pair is one code point, so this matches only lone halves. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

/** Deeper than this, a payload is not an event of Resend's (PostgreSQL's jsonb would overflow its stack). */
const MAX_DEPTH = 32

/**
 * Why PostgreSQL could not store this JSON value as jsonb, or null if it can: a NUL or a lone
 * surrogate in any string or key, or nesting past MAX_DEPTH. Iterative, so depth cannot
 * overflow this stack either.
 */
export function unstorableJson(value: unknown): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }]
  while (stack.length > 0) {
    const item = stack.pop()!
    if (item.depth > MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`
    const strings = typeof item.value === 'string' ? [item.value] : item.value && typeof item.value === 'object' ? Object.keys(item.value) : []
    if (strings.some((text) => text.includes(NUL) || LONE_SURROGATE.test(text))) return 'a NUL character or a lone surrogate in a string'
    if (item.value && typeof item.value === 'object') {
      for (const child of Object.values(item.value)) stack.push({ value: child, depth: item.depth + 1 })
    }
  }
  return null
}

const STATUS_BY_EVENT: Record<string, 'delivered' | 'bounced' | 'complained'> = {
  'email.delivered': 'delivered',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
}

/**
 * Records a verified Resend event once: a replay (same svix-id) changes nothing. Delivered,
 * bounced and complained land on the delivery; a bounce (Resend reports only permanent ones
 * as email.bounced) or a complaint stops all email to that address, for every campaign.
 */
export async function recordResendEvent(db: Db, input: { svixId: string; event: unknown }): Promise<{ duplicate: boolean; ignored?: string }> {
  // An event that cannot be used is recorded (as such) and acknowledged: Resend would
  // otherwise retry it for days, and nothing it could send again would be any better.
  const unstorable = unstorableJson(input.event)
  const parsed = unstorable ? null : ResendEventSchema.safeParse(input.event)
  const ignored = unstorable ?? (parsed?.success ? undefined : 'not the shape of a Resend event')
  return withWebhookEvents(db, async (trx) => {
    const inserted = await trx
      .insertInto('webhook_events')
      .values({
        svix_id: input.svixId,
        type: parsed?.success ? parsed.data.type : 'unusable',
        payload: JSON.stringify(unstorable ? { unusable: unstorable } : input.event),
      })
      .onConflict((oc) => oc.column('svix_id').doNothing())
      .returning('svix_id')
      .executeTakeFirst()
    if (!inserted) return { duplicate: true }
    if (!parsed?.success) return { duplicate: false, ignored }
    const event = parsed.data

    const status = STATUS_BY_EVENT[event.type]
    const providerId = event.data?.email_id
    if (!status || !providerId) return { duplicate: false }
    const delivery = await trx
      .updateTable('deliveries')
      .set({ status, updated_at: sql`now()` })
      .where('provider_message_id', '=', providerId)
      // "delivered" never overwrites a bounce or complaint that arrived first.
      .where('status', 'in', status === 'delivered' ? ['sent', 'sending'] : ['sent', 'sending', 'delivered'])
      .returning('supporter_id')
      .executeTakeFirst()
    if (status !== 'delivered') {
      const to = Array.isArray(event.data?.to) ? event.data?.to[0] : event.data?.to
      const suppressed = await trx
        .updateTable('supporters')
        .set({ suppressed_at: sql`coalesce(suppressed_at, now())`, suppression_reason: status === 'bounced' ? 'bounce' : 'complaint', updated_at: sql`now()` })
        .where((eb) => eb.or([eb('id', '=', delivery?.supporter_id ?? '0'), eb('email', '=', normalizeEmail(to ?? ''))]))
        .returning('id')
        .execute()
      // A complaint is the recipient saying "stop": every subscription ends, and each campaign
      // hears it once as an unsubscribe (a bounce is not their choice: it only suppresses).
      if (status === 'complained') for (const { id } of suppressed) await unsubscribeEverywhere(trx, id)
    }
    return { duplicate: false }
  })
}

async function unsubscribeEverywhere(trx: Trx, supporterId: string) {
  const left = await trx
    .updateTable('subscriptions')
    .set({ status: 'unsubscribed', unsubscribed_at: sql`coalesce(unsubscribed_at, now())`, updated_at: sql`now()` })
    .where('supporter_id', '=', supporterId)
    .where('status', '=', 'subscribed')
    .returning('campaign_id')
    .execute()
  for (const { campaign_id } of left) await emitUnsubscribed(trx, { campaignId: campaign_id, supporterId })
}
