import { type Kysely, sql } from 'kysely'

// What the campaign mailer needs beyond 0003: when a claimed batch may be retried, when it was
// first sent (Resend keeps idempotency keys for 24 hours), and a global pause switch.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table deliveries add column retry_at timestamptz, add column first_attempt_at timestamptz`.execute(db)
  await sql`create index deliveries_batch_idx on deliveries (update_id, batch_key) where status = 'sending'`.execute(db)
  await sql`create table mailer_settings (
    id boolean primary key default true check (id),
    paused_at timestamptz,
    paused_by integer references organizers (id) on delete set null
  )`.execute(db)
  await sql`insert into mailer_settings (id) values (true)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mailer_settings').execute()
  await sql`drop index deliveries_batch_idx`.execute(db)
  await sql`alter table deliveries drop column retry_at, drop column first_attempt_at`.execute(db)
}
