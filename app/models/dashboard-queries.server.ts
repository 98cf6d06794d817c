import { sql } from 'kysely'
import type { Db } from '../../db/schema'

// The dashboard's reads. Each is bounded by days, intentions, holder types or brokers, never by
// pledges: they read the tables the database keeps by triggers — pledge_status_counts (0006),
// pledge_stats_daily and pledge_broker_stats (0002) — so the page costs the same at a thousand
// pledges and at a million.

const TOP_BROKERS = 10

export interface BrokerRow {
  kind: 'broker' | 'other' | 'none'
  /** The broker's name as first given; null for "other" and "not given". */
  label: string | null
  /** How many brokers the row stands for (more than one for "other"). */
  brokers: number
  supporters: number
  shares: string
}

export async function statusCounts(db: Db, campaignId: number) {
  const rows = await db
    .selectFrom('pledge_status_counts')
    .select(['status', (eb) => eb.fn.sum<string>('pledges').as('pledges')])
    .where('campaign_id', '=', campaignId)
    .groupBy('status')
    .execute()
  const counts = { pending: 0, confirmed: 0, withdrawn: 0 }
  for (const row of rows) counts[row.status] = Number(row.pledges)
  return counts
}

export async function cubeTotals(db: Db, campaignId: number) {
  return db
    .selectFrom('pledge_stats_daily')
    .select((eb) => [
      'intention',
      'holder_type',
      'voted',
      eb.fn.sum<string>('supporters').as('supporters'),
      eb.fn.sum<string>('shares').as('shares'),
      eb.fn.sum<string>('shares_disclosed').as('shares_disclosed'),
    ])
    .where('campaign_id', '=', campaignId)
    .groupBy(['intention', 'holder_type', 'voted'])
    .execute()
}

/** The running sum of the daily deltas: confirmed supporters and "for" shares at each day's end. */
export async function cumulativeByDay(db: Db, campaignId: number) {
  const { rows } = await sql<{ day: string; supporters: string; shares_for: string }>`
    select day,
           sum(sum(supporters)) over (order by day) as supporters,
           sum(coalesce(sum(shares) filter (where intention = 'for'), 0)) over (order by day) as shares_for
    from pledge_stats_daily
    where campaign_id = ${campaignId}
    group by day
    order by day`.execute(db)
  return rows
}

/** The ten brokers with the most pledged shares, the rest as one row, and "not given". */
export async function brokerBreakdown(db: Db, campaignId: number): Promise<BrokerRow[]> {
  const { rows } = await sql<{ kind: BrokerRow['kind']; label: string | null; brokers: number; supporters: string; shares: string }>`
    with ranked as (
      select broker_key, broker_label, supporters, shares,
             row_number() over (partition by broker_key = '' order by shares desc, supporters desc, broker_key) as rank
      from pledge_broker_stats
      where campaign_id = ${campaignId} and supporters > 0
    ),
    bucketed as (
      select case when broker_key = '' then 'none' when rank <= ${TOP_BROKERS} then 'broker' else 'other' end as kind,
             case when broker_key <> '' and rank <= ${TOP_BROKERS} then broker_key end as key,
             broker_label, supporters, shares
      from ranked
    )
    select kind, case when kind = 'broker' then min(broker_label) end as label, count(*)::int as brokers,
           sum(supporters) as supporters, sum(shares) as shares
    from bucketed
    group by kind, key`.execute(db)
  const order = { broker: 0, other: 1, none: 2 }
  return rows
    .map((r) => ({ kind: r.kind, label: r.label, brokers: r.brokers, supporters: Number(r.supporters), shares: r.shares }))
    .sort((a, b) => order[a.kind] - order[b.kind] || compareBigDesc(a.shares, b.shares) || b.supporters - a.supporters)
}

function compareBigDesc(a: string, b: string): number {
  const d = BigInt(b) - BigInt(a)
  return d > 0n ? 1 : d < 0n ? -1 : 0
}

export interface SourceRow {
  /** A source code (`?source=`, `?utm_source=`), or "referral" for every pledger's `?ref=` together. */
  source: string
  pledges: number
}

/**
 * Confirmed pledges by where they came from (OSDI's referrer_data): the ten largest sources, with
 * pledgers' referral codes counted as one. Read from a partial index of the pledges that carry
 * a source, never from the rest.
 */
export async function sourceBreakdown(db: Db, campaignId: number): Promise<SourceRow[]> {
  const rows = await db
    .selectFrom('pledges')
    .select((eb) => [sql<string>`case when referrer_source like 'ref-%' then 'referral' else referrer_source end`.as('source'), eb.fn.countAll<string>().as('pledges')])
    .where('campaign_id', '=', campaignId)
    .where('referrer_source', 'is not', null)
    .where('status', '=', 'confirmed')
    .groupBy(sql`1`)
    .orderBy(sql`2`, 'desc')
    .orderBy(sql`1`)
    .limit(10)
    .execute()
  return rows.map((r) => ({ source: r.source, pledges: Number(r.pledges) }))
}
