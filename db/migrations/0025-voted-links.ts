import { type Kysely, sql } from 'kysely'

// "I voted" links in reminder emails: a token of its own purpose, bound to one supporter and one
// campaign, so that a link to tell the campaign you voted can do nothing else.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table supporter_tokens drop constraint supporter_tokens_purpose_check`.execute(db)
  await sql`alter table supporter_tokens add constraint supporter_tokens_purpose_check check (purpose in ('confirm', 'manage', 'unsubscribe', 'voted'))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from supporter_tokens where purpose = 'voted'`.execute(db)
  await sql`alter table supporter_tokens drop constraint supporter_tokens_purpose_check`.execute(db)
  await sql`alter table supporter_tokens add constraint supporter_tokens_purpose_check check (purpose in ('confirm', 'manage', 'unsubscribe'))`.execute(db)
}
