import { type Kysely, sql } from 'kysely'

// Pledges per (campaign, status), kept by the database like the stats of 0002, so that the
// organizer dashboard can show pending as well as confirmed supporters without counting
// `pledges`: the stats cube holds confirmed pledges only, and a COUNT(*) grows with the table.
//
// Statement-level triggers with transition tables fold every insert, update and delete into
// this small table in the same transaction; a bulk insert fires each trigger once. Each count is
// spread over 16 shard rows (by pledge id): otherwise every new pledge of a campaign would wait
// for the same row, and concurrent sign-ups would queue behind one another. Readers sum them.

// Contributions of the changed rows: +1 for each row after, -1 for each row before.
const changesByOperation = {
  insert: `select campaign_id, status, (id % 16)::smallint as shard, 1 as sign from new_rows`,
  update: `
    select campaign_id, status, (id % 16)::smallint as shard, -1 as sign from old_rows
    union all
    select campaign_id, status, (id % 16)::smallint as shard, 1 as sign from new_rows`,
  delete: `select campaign_id, status, (id % 16)::smallint as shard, -1 as sign from old_rows`,
}

// Rows are grouped and ordered by key so concurrent transactions lock count rows in the same
// order. The join skips the rows of a campaign being deleted: its pledges go by cascade, and a
// count row inserted for it would break the foreign key.
function triggerFunctionBody(changes: string): string {
  return `
    begin
      insert into pledge_status_counts as s (campaign_id, status, shard, pledges)
      select ch.campaign_id, ch.status, ch.shard, sum(ch.sign)
      from (${changes}) ch join campaigns c on c.id = ch.campaign_id
      group by 1, 2, 3
      having sum(ch.sign) <> 0
      order by 1, 2, 3
      on conflict (campaign_id, status, shard) do update set pledges = s.pledges + excluded.pledges;
      return null;
    end`
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table pledge_status_counts (
    campaign_id integer not null references campaigns (id) on delete cascade,
    status text not null,
    shard smallint not null check (shard between 0 and 15),
    pledges bigint not null default 0,
    primary key (campaign_id, status, shard)
  )`.execute(db)

  for (const [operation, changes] of Object.entries(changesByOperation)) {
    const transitions =
      operation === 'insert' ? 'new table as new_rows' : operation === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows'
    await sql.raw(`create function pledge_status_counts_after_${operation}() returns trigger language plpgsql as $fn$${triggerFunctionBody(changes)}$fn$`).execute(db)
    await sql.raw(`create trigger pledge_status_counts_${operation} after ${operation} on pledges
      referencing ${transitions} for each statement execute function pledge_status_counts_after_${operation}()`).execute(db)
  }

  // Backfill after the triggers exist: creating a trigger locks `pledges` against writes until
  // this migration's transaction commits, so no change can fall between the count and the
  // triggers, nor be counted twice.
  await sql`insert into pledge_status_counts (campaign_id, status, shard, pledges)
    select campaign_id, status, id % 16, count(*) from pledges group by 1, 2, 3 order by 1, 2, 3`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const operation of Object.keys(changesByOperation)) {
    await sql.raw(`drop trigger pledge_status_counts_${operation} on pledges`).execute(db)
    await sql.raw(`drop function pledge_status_counts_after_${operation}()`).execute(db)
  }
  await db.schema.dropTable('pledge_status_counts').execute()
}
