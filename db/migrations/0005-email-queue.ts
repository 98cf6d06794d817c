import { type Kysely, sql } from 'kysely'

// Transactional emails (confirmations, "manage your pledge" links) are queued in the same
// transaction as the change that causes them, then rendered and sent by the mail sender.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table email_queue (
    id bigint generated always as identity primary key,
    kind text not null check (kind in ('confirm', 'manage')),
    to_email text not null,
    campaign_id integer references campaigns (id) on delete cascade,
    supporter_id bigint references supporters (id) on delete cascade,
    payload jsonb not null,
    status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    claimed_at timestamptz,
    provider_message_id text,
    last_error text,
    created_at timestamptz not null default now(),
    sent_at timestamptz
  )`.execute(db)
  await sql`create index email_queue_due_idx on email_queue (next_attempt_at) where status in ('queued', 'sending')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_queue').execute()
}
