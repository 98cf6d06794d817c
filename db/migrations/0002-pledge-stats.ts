import { type Kysely, sql } from 'kysely'

// Pre-aggregated support, kept by the database itself so that the public tally and the
// organizer dashboard cost the same at a thousand pledges and at a million.
//
// Statement-level triggers with transition tables fold every change to confirmed pledges
// into two small tables in the same transaction: a daily "cube" of deltas (day × intention ×
// holder type × voted) whose running sum is support over time, and per-broker totals.
// A bulk insert of a million pledges fires each trigger once, not a million times.

// Contributions of the changed rows: +1 for each confirmed row after, -1 for each before.
const changesByOperation = {
  insert: `
    select campaign_id, coalesce(confirmed_at, now()) as at, intention, holder_type,
           voted_at is not null as voted, broker, shares, 1 as sign
    from new_rows where status = 'confirmed'`,
  update: `
    select campaign_id, now() as at, intention, holder_type, voted_at is not null as voted, broker, shares, -1 as sign
    from old_rows where status = 'confirmed'
    union all
    select campaign_id, now() as at, intention, holder_type, voted_at is not null as voted, broker, shares, 1 as sign
    from new_rows where status = 'confirmed'`,
  delete: `
    select campaign_id, now() as at, intention, holder_type, voted_at is not null as voted, broker, shares, -1 as sign
    from old_rows where status = 'confirmed'`,
}

// Rows are grouped and ordered by key so concurrent transactions lock stats rows in the same order.
function triggerFunctionBody(changes: string): string {
  return `
    begin
      with changes as (${changes}),
      daily as (
        insert into pledge_stats_daily as s (campaign_id, day, intention, holder_type, voted, supporters, shares, shares_disclosed)
        select ch.campaign_id, (ch.at at time zone c.time_zone)::date, ch.intention, ch.holder_type, ch.voted,
               sum(ch.sign), sum(ch.sign * coalesce(ch.shares, 0)), sum(ch.sign * (ch.shares is not null)::int)
        from changes ch join campaigns c on c.id = ch.campaign_id
        group by 1, 2, 3, 4, 5
        having sum(ch.sign) <> 0 or sum(ch.sign * coalesce(ch.shares, 0)) <> 0
        order by 1, 2, 3, 4, 5
        on conflict (campaign_id, day, intention, holder_type, voted) do update
          set supporters = s.supporters + excluded.supporters,
              shares = s.shares + excluded.shares,
              shares_disclosed = s.shares_disclosed + excluded.shares_disclosed
        returning 1
      )
      insert into pledge_broker_stats as b (campaign_id, broker_key, broker_label, supporters, shares)
      select ch.campaign_id, lower(btrim(coalesce(ch.broker, ''))), min(btrim(coalesce(ch.broker, ''))),
             sum(ch.sign), sum(ch.sign * coalesce(ch.shares, 0))
      from changes ch join campaigns c on c.id = ch.campaign_id -- not for a campaign being deleted
      group by 1, 2
      having sum(ch.sign) <> 0 or sum(ch.sign * coalesce(ch.shares, 0)) <> 0
      order by 1, 2
      on conflict (campaign_id, broker_key) do update
        set supporters = b.supporters + excluded.supporters, shares = b.shares + excluded.shares;
      return null;
    end`
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table pledge_stats_daily (
    campaign_id integer not null references campaigns (id) on delete cascade,
    day date not null,
    intention text not null,
    holder_type text not null,
    voted boolean not null,
    supporters bigint not null default 0,
    shares bigint not null default 0,
    shares_disclosed bigint not null default 0,
    primary key (campaign_id, day, intention, holder_type, voted)
  )`.execute(db)
  await sql`create table pledge_broker_stats (
    campaign_id integer not null references campaigns (id) on delete cascade,
    broker_key text not null,
    broker_label text not null,
    supporters bigint not null default 0,
    shares bigint not null default 0,
    primary key (campaign_id, broker_key)
  )`.execute(db)

  for (const [operation, changes] of Object.entries(changesByOperation)) {
    const transitions =
      operation === 'insert' ? 'new table as new_rows' : operation === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows'
    await sql.raw(`create function pledge_stats_after_${operation}() returns trigger language plpgsql as $fn$${triggerFunctionBody(changes)}$fn$`).execute(db)
    await sql.raw(`create trigger pledge_stats_${operation} after ${operation} on pledges
      referencing ${transitions} for each statement execute function pledge_stats_after_${operation}()`).execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const operation of Object.keys(changesByOperation)) {
    await sql.raw(`drop trigger pledge_stats_${operation} on pledges`).execute(db)
    await sql.raw(`drop function pledge_stats_after_${operation}()`).execute(db)
  }
  await db.schema.dropTable('pledge_broker_stats').execute()
  await db.schema.dropTable('pledge_stats_daily').execute()
}
