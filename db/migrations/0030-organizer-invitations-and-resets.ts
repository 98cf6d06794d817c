import { type Kysely, sql } from 'kysely'

// Organizer accounts by email (decision 017). One table of one-time link tokens for organizers,
// each of one purpose: an invitation (to one campaign, with one role, for one address) or a
// password reset (for one address, and the account it had when asked, if any). Only hashes are
// stored. Their emails go through the sign-up emails' queue, as kinds of their own.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table organizer_tokens (
    id bigint generated always as identity primary key,
    purpose text not null check (purpose in ('invite', 'reset')),
    token_hash bytea not null unique,
    email text not null,
    organizer_id integer references organizers (id) on delete cascade,
    campaign_id integer references campaigns (id) on delete cascade,
    role text check (role in ('owner', 'editor', 'viewer')),
    created_by integer references organizers (id) on delete set null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz,
    revoked_at timestamptz,
    revoked_by integer references organizers (id) on delete set null,
    check (purpose <> 'invite' or (campaign_id is not null and role is not null)),
    check (purpose <> 'reset' or (campaign_id is null and role is null))
  )`.execute(db)
  // At most one pending invitation per campaign and address: a second waits for the first to be revoked.
  await sql`create unique index organizer_tokens_pending_invite_idx on organizer_tokens (campaign_id, email) where purpose = 'invite' and used_at is null and revoked_at is null`.execute(db)
  await sql`create index organizer_tokens_organizer_idx on organizer_tokens (organizer_id) where organizer_id is not null`.execute(db)

  await sql`alter table email_queue drop constraint email_queue_kind_check`.execute(db)
  await sql`alter table email_queue add constraint email_queue_kind_check check (kind in ('confirm', 'manage', 'organizer_invite', 'password_reset'))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from email_queue where kind in ('organizer_invite', 'password_reset')`.execute(db)
  await sql`alter table email_queue drop constraint email_queue_kind_check`.execute(db)
  await sql`alter table email_queue add constraint email_queue_kind_check check (kind in ('confirm', 'manage'))`.execute(db)
  await db.schema.dropTable('organizer_tokens').execute()
}
