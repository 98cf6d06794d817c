import type { Db } from '../../db/schema'

// A campaign's pledges and subscribers for its organizers' tools, in the shape of the Open
// Supporter Data Interface (OSDI): pledges as `osdi:signatures` (each with its `person` and
// `referrer_data`), subscribers as `osdi:people`. Quorum's own fields carry a `quorum:` prefix,
// as OSDI asks of extensions. Pages are keyed on the row id (keyset paging): a page never
// repeats or skips a row, however many are added meanwhile. Suppressed supporters are left out,
// as in the CSV exports: their address is not handed to other tools.

const ORIGIN = 'Quorum'

/** An opaque cursor for "after this id". */
export function encodeCursor(id: string): string {
  return Buffer.from(`id:${id}`).toString('base64url')
}

/** The id a cursor stands for, or null when it is not one of ours. */
export function decodeCursor(cursor: string): string | null {
  const match = /^id:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  return match ? match[1]! : null
}

function page<Row extends { id: string }, Out>(rows: Row[], limit: number, shape: (row: Row) => Out) {
  const more = rows.length > limit
  const items = rows.slice(0, limit)
  return { items: items.map(shape), nextCursor: more ? encodeCursor(items.at(-1)!.id) : null }
}

/** One pledge as OSDI's signature, with its person (the shape of the pledges API and of webhooks). */
function pledgeQuery(db: Db) {
  return db
    .selectFrom('pledges as p')
    .innerJoin('supporters as s', 's.id', 'p.supporter_id')
    .leftJoin('subscriptions as sub', (join) => join.onRef('sub.supporter_id', '=', 'p.supporter_id').onRef('sub.campaign_id', '=', 'p.campaign_id'))
    .select(['p.id', 'p.supporter_id', 's.email', 's.name', 's.suppressed_at', 'p.intention', 'p.shares', 'p.holder_type', 'p.broker', 'p.voted_at', 'p.created_at', 'p.updated_at', 'p.confirmed_at', 'p.referrer_source', 'sub.status as subscription'])
}

type PledgeRow = Awaited<ReturnType<ReturnType<typeof pledgeQuery>['executeTakeFirstOrThrow']>>

function toSignature(p: PledgeRow, campaignUrl: string) {
  return {
    identifiers: [`quorum:pledge-${p.id}`],
    origin_system: ORIGIN,
    created_date: p.created_at.toISOString(),
    modified_date: p.updated_at.toISOString(),
    referrer_data: { source: p.referrer_source, url: campaignUrl },
    person: {
      identifiers: [`quorum:supporter-${p.supporter_id}`],
      ...(p.name ? { given_name: p.name } : {}),
      email_addresses: [{ address: p.email, primary: true, status: p.subscription === 'subscribed' ? 'subscribed' : 'unsubscribed' }],
    },
    'quorum:intention': p.intention,
    'quorum:shares': p.shares,
    'quorum:holder_type': p.holder_type,
    'quorum:broker': p.broker,
    'quorum:voted_date': p.voted_at?.toISOString() ?? null,
    'quorum:confirmed_date': p.confirmed_at?.toISOString() ?? null,
  }
}

/** Confirmed pledges, oldest first; `campaignUrl` is the page whose form took them. */
export async function listPledgeSignatures(db: Db, input: { campaignId: number; afterId: string | null; limit: number; campaignUrl: string }) {
  let query = pledgeQuery(db).where('p.campaign_id', '=', input.campaignId).where('p.status', '=', 'confirmed').where('s.suppressed_at', 'is', null)
  if (input.afterId) query = query.where('p.id', '>', input.afterId)
  const rows = await query.orderBy('p.id').limit(input.limit + 1).execute()
  return page(rows, input.limit, (p) => toSignature(p, input.campaignUrl))
}

/**
 * One confirmed pledge as the pledges API shows it, for a webhook. A suppressed supporter's
 * pledge, which the API leaves out, keeps only its identifiers: no name, no address.
 */
export async function getPledgeSignature(db: Db, input: { pledgeId: string; campaignUrl: string }) {
  const row = await pledgeQuery(db).where('p.id', '=', input.pledgeId).where('p.status', '=', 'confirmed').executeTakeFirst()
  if (!row) return null
  const signature = toSignature(row, input.campaignUrl)
  return row.suppressed_at ? { ...signature, person: { identifiers: signature.person.identifiers } } : signature
}

/** Confirmed supporters subscribed to the campaign's updates, by subscription, oldest first. */
export async function listSubscriberPeople(db: Db, input: { campaignId: number; afterId: string | null; limit: number }) {
  let query = db
    .selectFrom('subscriptions as sub')
    .innerJoin('supporters as s', 's.id', 'sub.supporter_id')
    .select(['sub.id', 'sub.supporter_id', 's.email', 's.name', 'sub.consent_at', 'sub.updated_at'])
    .where('sub.campaign_id', '=', input.campaignId)
    .where('sub.status', '=', 'subscribed')
    .where('s.confirmed_at', 'is not', null)
    .where('s.suppressed_at', 'is', null)
  if (input.afterId) query = query.where('sub.id', '>', input.afterId)
  const rows = await query.orderBy('sub.id').limit(input.limit + 1).execute()
  return page(rows, input.limit, (s) => ({
    identifiers: [`quorum:supporter-${s.supporter_id}`],
    origin_system: ORIGIN,
    created_date: s.consent_at.toISOString(),
    modified_date: s.updated_at.toISOString(),
    ...(s.name ? { given_name: s.name } : {}),
    email_addresses: [{ address: s.email, primary: true, status: 'subscribed' }],
  }))
}
