import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the app.
// A pause of one campaign's sending (the global switch stays in mailer_settings, 0008): a row
// here means the campaign's updates neither start nor send until an organizer resumes them.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table campaign_mail_pauses (
    campaign_id integer primary key references campaigns (id) on delete cascade,
    paused_at timestamptz not null default now(),
    paused_by integer references organizers (id) on delete set null
  )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('campaign_mail_pauses').execute()
}
