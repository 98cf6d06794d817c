import { sql } from 'kysely'
import type { Db } from '../../db/schema'

// What happened to an update's emails, for the organizer: counted from its delivery rows, which
// the mailer and the provider's webhooks keep current, so the figures are live while it sends
// and stay after.

export interface DeliveryFigures {
  /** The audience frozen when sending started. */
  recipients: number
  /** Still to send, or in flight. */
  waiting: number
  /** Accepted by the provider (whatever happened next). */
  sent: number
  /** Reported delivered (a complaint implies delivery). */
  delivered: number
  bounced: number
  complained: number
  /** Left the campaign through this email's unsubscribe link or header. */
  unsubscribed: number
  failed: number
  /** Left the audience (unsubscribed, suppressed, changed their pledge) before their turn. */
  skipped: number
  /** Why sends failed, most frequent first. */
  errors: Array<{ message: string; count: number }>
}

export function emptyFigures(): DeliveryFigures {
  return { recipients: 0, waiting: 0, sent: 0, delivered: 0, bounced: 0, complained: 0, unsubscribed: 0, failed: 0, skipped: 0, errors: [] }
}

/** The figures of each update's send, from its delivery rows (two grouped reads for all of them). */
export async function deliveryFigures(db: Db, input: { updateIds: number[] }): Promise<Map<number, DeliveryFigures>> {
  const figures = new Map(input.updateIds.map((id) => [id, emptyFigures()]))
  if (input.updateIds.length === 0) return figures
  const [counts, errors] = await Promise.all([
    db
      .selectFrom('deliveries')
      .select(['update_id', 'status', (eb) => eb.fn.countAll<string>().as('n'), sql<string>`count(unsubscribed_at)`.as('unsubscribed')])
      .where('update_id', 'in', input.updateIds)
      .groupBy(['update_id', 'status'])
      .execute(),
    db
      .selectFrom('deliveries')
      .select(['update_id', 'last_error', (eb) => eb.fn.countAll<string>().as('n')])
      .where('update_id', 'in', input.updateIds)
      .where('status', '=', 'failed')
      .groupBy(['update_id', 'last_error'])
      .orderBy('n', 'desc')
      .execute(),
  ])
  for (const row of counts) {
    const f = figures.get(row.update_id)!
    const n = Number(row.n)
    f.recipients += n
    f.unsubscribed += Number(row.unsubscribed)
    if (row.status === 'queued' || row.status === 'sending') f.waiting += n
    if (['sent', 'delivered', 'bounced', 'complained'].includes(row.status)) f.sent += n
    if (row.status === 'delivered' || row.status === 'complained') f.delivered += n
    if (row.status === 'bounced') f.bounced += n
    if (row.status === 'complained') f.complained += n
    if (row.status === 'failed') f.failed += n
    if (row.status === 'skipped') f.skipped += n
  }
  for (const row of errors) figures.get(row.update_id)!.errors.push({ message: row.last_error ?? 'No reason was recorded.', count: Number(row.n) })
  return figures
}
