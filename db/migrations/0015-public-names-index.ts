import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the app.
//
// A campaign page lists the newest confirmed supporters pledged for who chose to show their
// name. Without an index that yields that order, the query sorted every confirmed pledge of the
// campaign to return thirty (a second at a million pledges). This partial index holds only the
// pledges that can appear, newest first, so the page reads the first few entries and stops.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index pledges_public_names_idx on pledges (campaign_id, confirmed_at desc)
    where status = 'confirmed' and intention = 'for' and show_name`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('pledges_public_names_idx').execute()
}
