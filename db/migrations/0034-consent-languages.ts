import { type Kysely, sql } from 'kysely'

// The language each form was read in (decision 019): a pledge's and a subscription's, set when
// the form is sent, and a consent record's, whose words are in that language. English for rows
// before, whose records kept the English words whatever the reader saw.

const TABLES = ['pledges', 'subscriptions', 'consent_records']

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await sql`alter table ${sql.id(table)} add column locale text not null default 'en' check (locale in ('en', 'de', 'es'))`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await sql`alter table ${sql.id(table)} drop column locale`.execute(db)
}
