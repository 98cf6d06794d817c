import { type Kysely, sql } from 'kysely'

// The language a consent record's words are in (decision 019): the form was read in the
// supporter's language, and its record keeps that translation. English for records before, which
// kept the English words whatever the reader saw.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table consent_records add column locale text not null default 'en' check (locale in ('en', 'de', 'es'))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table consent_records drop column locale`.execute(db)
}
