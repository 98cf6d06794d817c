import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the app.
// Each message in the development outbox belongs to a campaign, so the organizer area shows a
// campaign's mail to its owners only. Messages already stored get theirs from the sign-up queue
// or the update their idempotency key names; any other (test sends) stays unattributed: hidden.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox_messages add column campaign_id integer references campaigns (id) on delete cascade`.execute(db)
  await sql`update outbox_messages o set campaign_id = q.campaign_id from email_queue q where o.idempotency_key = 'quorum-email-' || q.id::text`.execute(db)
  await sql`update outbox_messages o set campaign_id = u.campaign_id from updates u
    where o.campaign_id is null and substring(o.idempotency_key from '^quorum-u([0-9]+)-') = u.id::text`.execute(db)
  await sql`create index outbox_messages_campaign_idx on outbox_messages (campaign_id, id desc)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox_messages drop column campaign_id`.execute(db)
}
