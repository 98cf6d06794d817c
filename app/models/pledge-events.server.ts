import type { Database, Pledge, Trx } from '../../db/schema'

export type PledgeFields = Pick<Pledge, 'intention' | 'shares' | 'holder_type' | 'broker' | 'voted_at' | 'show_name'>
type EventKind = 'intention' | 'shares' | 'holder_type' | 'broker' | 'voted' | 'show_name'

const FIELDS: Array<[keyof PledgeFields, EventKind]> = [
  ['intention', 'intention'],
  ['shares', 'shares'],
  ['holder_type', 'holder_type'],
  ['broker', 'broker'],
  ['voted_at', 'voted'],
  ['show_name', 'show_name'],
]

/** One event per changed field, with its value before and after. */
export function pledgeChanges(before: PledgeFields, after: PledgeFields) {
  const changes: Array<{ kind: EventKind; data: { from: unknown; to: unknown } }> = []
  for (const [field, kind] of FIELDS) {
    const from = before[field] instanceof Date ? (before[field] as Date).toISOString() : before[field]
    const to = after[field] instanceof Date ? (after[field] as Date).toISOString() : after[field]
    if ((from ?? null) !== (to ?? null)) changes.push({ kind, data: { from: from ?? null, to: to ?? null } })
  }
  return changes
}

export async function appendPledgeEvents(
  trx: Trx,
  pledge: { id: string; campaign_id: number; supporter_id: string },
  events: Array<{ kind: Database['pledge_events']['kind']; data: unknown }>,
  actor: 'supporter' | 'organizer' | 'system' = 'supporter',
) {
  if (events.length === 0) return
  await trx
    .insertInto('pledge_events')
    .values(
      events.map((event) => ({
        campaign_id: pledge.campaign_id,
        pledge_id: pledge.id,
        supporter_id: pledge.supporter_id,
        kind: event.kind,
        actor,
        data: JSON.stringify(event.data),
      })),
    )
    .execute()
}
