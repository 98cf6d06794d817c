import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the app.
// An update's figures. Which update an unsubscribe came through: the link tokens of an update's
// email remember their delivery, and the delivery remembers when its recipient used the link to
// leave. And the campaign's public figures as they stood when the update started sending: every
// copy (and every retry, byte for byte) quotes the same ones.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table supporter_tokens add column delivery_id bigint references deliveries (id) on delete set null`.execute(db)
  await sql`create index supporter_tokens_delivery_idx on supporter_tokens (delivery_id) where delivery_id is not null`.execute(db)
  await sql`alter table deliveries add column unsubscribed_at timestamptz`.execute(db)
  await sql`alter table updates add column public_figures jsonb`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table updates drop column public_figures`.execute(db)
  await sql`alter table deliveries drop column unsubscribed_at`.execute(db)
  await sql`drop index supporter_tokens_delivery_idx`.execute(db)
  await sql`alter table supporter_tokens drop column delivery_id`.execute(db)
}
