import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the app.
// Names an organizer has taken off a campaign's public list of supporters. Kept apart from
// `pledges`, so hiding a name touches neither the pledge's history nor the stats triggers.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table hidden_public_names (
    pledge_id bigint primary key references pledges (id) on delete cascade,
    hidden_at timestamptz not null default now(),
    hidden_by integer references organizers (id) on delete set null
  )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('hidden_public_names').execute()
}
