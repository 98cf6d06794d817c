import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'

type Db = Kysely<Database>

interface ResendEvent {
  type: string
  data?: { email_id?: string; to?: string[] | string }
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
export async function recordResendEvent(db: Db, input: { svixId: string; event: unknown }): Promise<{ duplicate: boolean }> {
  const event = input.event as ResendEvent
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('webhook_events')
      .values({ svix_id: input.svixId, type: String(event.type ?? 'unknown'), payload: JSON.stringify(event) })
      .onConflict((oc) => oc.column('svix_id').doNothing())
      .returning('svix_id')
      .executeTakeFirst()
    if (!inserted) return { duplicate: true }

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
      await trx
        .updateTable('supporters')
        .set({ suppressed_at: sql`coalesce(suppressed_at, now())`, suppression_reason: status === 'bounced' ? 'bounce' : 'complaint', updated_at: sql`now()` })
        .where((eb) => eb.or([eb('id', '=', delivery?.supporter_id ?? '0'), eb('email', '=', (to ?? '').toLowerCase())]))
        .execute()
    }
    return { duplicate: false }
  })
}
