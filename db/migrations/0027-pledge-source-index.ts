import { type Kysely, sql } from 'kysely'

// The dashboard counts confirmed pledges by where they came from: this index holds only the
// pledges that carry a source, so the count never reads the campaign's other pledges.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index pledges_confirmed_source_idx on pledges (campaign_id, referrer_source) where referrer_source is not null and status = 'confirmed'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index pledges_confirmed_source_idx`.execute(db)
}
