import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // A campaign's scheduled emails, proposed from its AGM calendar and steered by organizers.
    sql`create table updates (
      id integer generated always as identity primary key,
      campaign_id integer not null references campaigns (id) on delete cascade,
      kind text not null check (kind in ('materials_out', 'how_to_vote', 'deadline_week', 'deadline_tomorrow', 'results', 'custom')),
      send_at timestamptz not null,
      subject text not null check (length(subject) between 1 and 200),
      body text not null,
      audience text not null default 'all' check (audience in ('all', 'pledged_not_voted', 'undecided', 'pledged_for', 'followers')),
      status text not null default 'draft' check (status in ('draft', 'scheduled', 'sending', 'sent', 'paused', 'cancelled')),
      derived_from text check (derived_from in ('record_date', 'vote_deadline', 'agm_at')),
      started_at timestamptz,
      finished_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create index updates_due_idx on updates (status, send_at)`,
    sql`create index updates_campaign_idx on updates (campaign_id, send_at)`,

    // One row per (update, supporter), written before anything is sent: its unique key is
    // what makes "exactly once" hold across crashes, retries and concurrent workers.
    sql`create table deliveries (
      id bigint generated always as identity primary key,
      update_id integer not null references updates (id) on delete cascade,
      supporter_id bigint not null references supporters (id) on delete cascade,
      status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'delivered', 'bounced', 'complained', 'failed', 'skipped')),
      attempts integer not null default 0 check (attempts >= 0),
      batch_key text,
      provider_message_id text unique,
      last_error text,
      claimed_at timestamptz,
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (update_id, supporter_id)
    )`,
    sql`create index deliveries_update_status_idx on deliveries (update_id, status)`,
    sql`create index deliveries_supporter_idx on deliveries (supporter_id)`,

    // What the development transport "sent": every message, shown in the organizer area.
    sql`create table outbox_messages (
      id bigint generated always as identity primary key,
      to_email text not null,
      from_email text not null,
      subject text not null,
      html text not null,
      text text not null,
      headers jsonb not null default '{}'::jsonb,
      idempotency_key text unique,
      created_at timestamptz not null default now()
    )`,

    // Resend (Svix) webhook ids already processed, so replays are ignored.
    sql`create table webhook_events (
      svix_id text primary key,
      type text not null,
      payload jsonb not null,
      received_at timestamptz not null default now()
    )`,
  ]
  for (const statement of statements) await statement.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['webhook_events', 'outbox_messages', 'deliveries', 'updates']) {
    await db.schema.dropTable(table).execute()
  }
}
