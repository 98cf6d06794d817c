import { sql } from 'kysely'
import type { Db, Trx } from '../schema'

// The live demo's synthetic pledges: a few thousand for `npm start`, up to millions for benchmarks.

const DEMO_EMAIL_DOMAIN = 'demo.quorum.invalid'
const BATCH = 50_000
const SIX_WEEKS_SECONDS = 42 * 24 * 3600
/** From this many rows on, indexes and foreign keys are rebuilt once instead of kept row by row. */
export const BULK_LOAD_ROWS = 100_000

export interface SeedProgress {
  written: number
  total: number
}

/**
 * Synthetic pledges for the live demo, spread over the six weeks before today with more of them
 * recently. Everything is derived from the row number, so the same count gives the same rows.
 * Set-based SQL in batches of 50,000, each reported to `onProgress`: a million rows take seconds.
 */
export async function seedDemoPledges(
  db: Db,
  input: { campaignId: number; count: number; onProgress?: (progress: SeedProgress) => void; bulkLoadFrom?: number },
): Promise<boolean> {
  const { campaignId, count } = input
  const { n } = await db
    .selectFrom('pledges')
    .where('campaign_id', '=', campaignId)
    .where('is_demo', '=', true)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  if (Number(n) === count) return false

  const emailPattern = `demo-${campaignId}-%@${DEMO_EMAIL_DOMAIN}`
  input.onProgress?.({ written: 0, total: count })
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('supporters').where('is_demo', '=', true).where('email', 'like', emailPattern).execute()
    const load = async () => {
      for (let start = 1; start <= count; start += BATCH) {
        const end = Math.min(count, start + BATCH - 1)
        await insertBatch(trx, { campaignId, start, end, count })
        input.onProgress?.({ written: end, total: count })
      }
    }
    const bulk = count >= (input.bulkLoadFrom ?? BULK_LOAD_ROWS)
    if (bulk) await truncateWhenEmpty(trx)
    await (bulk ? withIndexesRebuiltAfter(trx, () => withTalliesAddedAfter(trx, campaignId, load)) : load())
  })
  // A bulk load leaves the planner with no statistics (PGlite has no autovacuum to gather them),
  // and a plan chosen for an empty table can cost seconds at a million rows.
  await sql`analyze supporters, pledges`.execute(db)
  return true
}

/**
 * PostgreSQL's advice for populating a database ("Populating a Database" in its manual): drop
 * the secondary indexes, unique constraints and foreign keys, load, then create them again,
 * which sorts each index once and checks each key with one join instead of once per row. Primary
 * keys stay (their ids only grow). All in the caller's transaction, which holds the tables
 * locked: a failed load leaves the schema as it was, and nobody else writes meanwhile.
 */
async function withIndexesRebuiltAfter(trx: Trx, load: () => Promise<void>) {
  const { rows: uniques } = await sql<{ table: string; name: string; definition: string }>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint where conrelid in ('supporters'::regclass, 'pledges'::regclass) and contype = 'u'`.execute(trx)
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    where i.indrelid in ('supporters'::regclass, 'pledges'::regclass) and not i.indisunique`.execute(trx)
  const { rows: foreignKeys } = await sql<{ name: string; definition: string }>`
    select conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint where conrelid = 'pledges'::regclass and contype = 'f'`.execute(trx)
  for (const fk of foreignKeys) await sql`alter table pledges drop constraint ${sql.id(fk.name)}`.execute(trx)
  for (const index of indexes) await sql`drop index ${sql.raw(index.name)}`.execute(trx)
  for (const unique of uniques) await sql`alter table ${sql.id(unique.table)} drop constraint ${sql.id(unique.name)}`.execute(trx)
  await load()
  for (const unique of uniques) await sql`alter table ${sql.id(unique.table)} add constraint ${sql.id(unique.name)} ${sql.raw(unique.definition)}`.execute(trx)
  for (const index of indexes) await sql.raw(index.definition).execute(trx)
  for (const fk of foreignKeys) await sql`alter table pledges add constraint ${sql.id(fk.name)} ${sql.raw(fk.definition)}`.execute(trx)
}

/**
 * At wal_level=minimal (PGlite's setting, see db/pglite-cluster.ts), rows written into a table
 * that the same transaction created or truncated need no WAL ("Populating a Database" in
 * PostgreSQL's manual): a new database's load writes a third faster. TRUNCATE must take every
 * table whose foreign keys lead to `supporters`, so it runs only when all of them are empty,
 * checked under a lock that keeps anyone from adding a row before it runs.
 */
async function truncateWhenEmpty(trx: Trx) {
  const { rows } = await sql<{ name: string }>`
    with recursive referencing(oid) as (
      select 'supporters'::regclass::oid
      union
      select c.conrelid from pg_constraint c join referencing r on c.confrelid = r.oid where c.contype = 'f'
    )
    select oid::regclass::text as name from referencing`.execute(trx)
  const allEmpty = async () => {
    for (const { name } of rows) {
      const { rows: anyRow } = await sql`select 1 from ${sql.id(name)} limit 1`.execute(trx)
      if (anyRow.length > 0) return false
    }
    return true
  }
  // A database in use is left alone without taking its locks; an empty one is checked again once locked.
  if (!(await allEmpty())) return
  await sql`lock table ${sql.join(rows.map(({ name }) => sql.id(name)))} in access exclusive mode`.execute(trx)
  if (await allEmpty()) await sql`truncate ${sql.join(rows.map(({ name }) => sql.id(name)))}`.execute(trx)
}

/** The triggers that keep the pre-aggregated tallies (migrations 0002 and 0006) as pledges are inserted. */
export const TALLY_INSERT_TRIGGERS = ['pledge_stats_insert', 'pledge_status_counts_insert']

/**
 * The tally triggers copy every inserted row into a transition table and fold it into the
 * tallies, which costs a third of inserting the pledges. Like the indexes, the tallies are brought up to
 * date once at the end instead: the same sums the insert triggers add, from the demo rows.
 */
async function withTalliesAddedAfter(trx: Trx, campaignId: number, load: () => Promise<void>) {
  for (const trigger of TALLY_INSERT_TRIGGERS) await sql`alter table pledges disable trigger ${sql.id(trigger)}`.execute(trx)
  await load()
  for (const trigger of TALLY_INSERT_TRIGGERS) await sql`alter table pledges enable trigger ${sql.id(trigger)}`.execute(trx)
  // Converting each row's time to the campaign's zone is half the cost of the daily sums: the
  // rows are first counted per quarter hour, and only those buckets are converted (every zone's
  // offset is a whole number of quarter hours, so a bucket never straddles a local midnight).
  await sql`
    insert into pledge_stats_daily as s (campaign_id, day, intention, holder_type, voted, supporters, shares, shares_disclosed)
    select b.campaign_id, (b.quarter_hour at time zone c.time_zone)::date, b.intention, b.holder_type, b.voted,
           sum(b.supporters), sum(b.shares), sum(b.shares_disclosed)
    from (
      select campaign_id, date_bin('15 minutes', confirmed_at, timestamptz '2000-01-01 00:00:00+00') as quarter_hour,
             intention, holder_type, voted_at is not null as voted,
             count(*) as supporters, sum(coalesce(shares, 0)) as shares, count(shares) as shares_disclosed
      from pledges
      where campaign_id = ${campaignId} and is_demo and status = 'confirmed'
      group by 1, 2, 3, 4, 5
    ) as b join campaigns c on c.id = b.campaign_id
    group by 1, 2, 3, 4, 5
    on conflict (campaign_id, day, intention, holder_type, voted) do update
      set supporters = s.supporters + excluded.supporters, shares = s.shares + excluded.shares,
          shares_disclosed = s.shares_disclosed + excluded.shares_disclosed`.execute(trx)
  // Grouped by the stored name first, so the key is worked out once per broker, not once per row.
  await sql`
    insert into pledge_broker_stats as b (campaign_id, broker_key, broker_label, supporters, shares)
    select campaign_id, lower(btrim(coalesce(broker, ''))), min(btrim(coalesce(broker, ''))), sum(supporters), sum(shares)
    from (
      select campaign_id, broker, count(*) as supporters, sum(coalesce(shares, 0)) as shares
      from pledges where campaign_id = ${campaignId} and is_demo and status = 'confirmed'
      group by 1, 2
    ) as by_name
    group by 1, 2
    on conflict (campaign_id, broker_key) do update set supporters = b.supporters + excluded.supporters, shares = b.shares + excluded.shares`.execute(trx)
  await sql`
    insert into pledge_status_counts as s (campaign_id, status, shard, pledges)
    select campaign_id, status, (id % 16)::smallint, count(*) from pledges where campaign_id = ${campaignId} and is_demo
    group by 1, 2, 3
    on conflict (campaign_id, status, shard) do update set pledges = s.pledges + excluded.pledges`.execute(trx)
}

/** The first of `count` ids reserved from a table's identity sequence at once rather than row by row. */
async function reserveIds(db: Trx, table: 'supporters' | 'pledges', count: number): Promise<string> {
  const { rows } = await sql<{ first: string }>`
    select setval(seq, nextval(seq) + ${count - 1}) - ${count - 1} as first
    from pg_get_serial_sequence(${table}, 'id') as seq`.execute(db)
  return rows[0]!.first
}

// Each supporter's id is reserved up front, so the pledge rows are built from the same derived
// rows instead of being joined back to the inserted supporters by email.
async function insertBatch(db: Trx, input: { campaignId: number; start: number; end: number; count: number }) {
  const { campaignId, start, end, count } = input
  const firstSupporterId = await reserveIds(db, 'supporters', end - start + 1)
  const firstPledgeId = await reserveIds(db, 'pledges', end - start + 1)
  await sql`
    with numbered as materialized (
      select n,
             ${firstSupporterId}::bigint + (n - ${start}::int) as supporter_id,
             ${firstPledgeId}::bigint + (n - ${start}::int) as pledge_id,
             -- Independent pseudo-random draws: the row number hashed with a different seed each (low 31 bits).
             (hashint4extended(n, 1) & 2147483647) % 100 as u_status,
             (hashint4extended(n, 2) & 2147483647) % 100 as u_intention,
             (hashint4extended(n, 3) & 2147483647) % 100 as u_holder,
             (hashint4extended(n, 4) & 2147483647) as u_shares,
             (hashint4extended(n, 5) & 2147483647) % 100 as u_disclosed,
             (hashint4extended(n, 6) & 2147483647) % 10 as u_broker,
             (hashint4extended(n, 7) & 2147483647) % 100 as u_voted,
             -- Rows come in time order (sqrt spreads them with more of them recently), so the
             -- indexes that lead with the time are built from presorted input.
             now() - make_interval(secs => ${SIX_WEEKS_SECONDS}::float8 * (1 - sqrt(n::float8 / ${count}::int))) as at
      from generate_series(${start}::int, ${end}::int) as n
    ),
    new_supporters as (
      insert into supporters (id, email, confirmed_at, is_demo, created_at, updated_at)
      overriding system value
      -- Zero-padded, so the addresses sort in row order too and their unique index is built from presorted input.
      select supporter_id, 'demo-' || ${campaignId}::int || '-' || lpad(n::text, 8, '0') || '@' || ${DEMO_EMAIL_DOMAIN}::text,
             case when u_status >= 8 then at end, true, at - interval '3 minutes', at
      from numbered
    )
    insert into pledges (id, campaign_id, supporter_id, status, intention, shares, holder_type, broker,
                         voted_at, confirmed_at, consent_at, form_version, is_demo, created_at, updated_at)
    overriding system value
    select pledge_id, ${campaignId}::int, supporter_id,
           case when u_status >= 8 then 'confirmed' else 'pending' end,
           case when u_intention < 72 then 'for' when u_intention < 80 then 'against'
                when u_intention < 86 then 'abstain' else 'undecided' end,
           case when u_disclosed < 15 then null
                when u_holder between 86 and 89 then 10000 + u_shares % 2000000
                when u_holder between 90 and 96 then 5 + u_shares % 400
                else 1 + u_shares % 600 end,
           case when u_holder < 86 then 'retail' when u_holder < 90 then 'institutional'
                when u_holder < 97 then 'employee' else 'other' end,
           (array['Fidelity', 'Charles Schwab', 'Vanguard', 'E*TRADE', 'Robinhood', 'Merrill',
                  'Interactive Brokers', 'J.P. Morgan', 'Morgan Stanley', null])[u_broker + 1],
           case when u_status >= 8 and u_voted < 22 then least(now(), at + interval '5 days') end,
           case when u_status >= 8 then at end,
           at - interval '3 minutes', 'demo', true, at - interval '3 minutes', at
    from numbered
  `.execute(db)
}
