import { type Kysely, sql } from 'kysely'

// Each recipient's language, frozen with the audience (decision 019): a campaign update's fixed
// texts are written in it, and every retry of a batch renders the same bytes even if the
// supporter signs up again on a page in another language meanwhile. English for rows before.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table deliveries add column locale text not null default 'en' check (locale in ('en', 'de', 'es'))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table deliveries drop column locale`.execute(db)
}
