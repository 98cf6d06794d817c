import { type Kysely, sql } from 'kysely'

// The language a supporter signed up in (the page's language when they pledged or followed):
// the emails Quorum sends them about that sign-up speak it. English for everyone before.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table supporters add column locale text not null default 'en' check (locale in ('en', 'de', 'es'))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table supporters drop column locale`.execute(db)
}
