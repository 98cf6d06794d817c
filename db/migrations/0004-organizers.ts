import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`create table organizers (
      id integer generated always as identity primary key,
      email text not null unique check (email = lower(email) and length(email) between 3 and 254),
      name text check (length(name) <= 200),
      password_hash text not null,
      password_changed_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create table campaign_organizers (
      campaign_id integer not null references campaigns (id) on delete cascade,
      organizer_id integer not null references organizers (id) on delete cascade,
      role text not null check (role in ('owner', 'editor', 'viewer')),
      created_at timestamptz not null default now(),
      primary key (campaign_id, organizer_id)
    )`,
    sql`create index campaign_organizers_organizer_idx on campaign_organizers (organizer_id)`,
    // The session cookie carries a random id; only its SHA-256 is stored, so the table leaks nothing.
    sql`create table organizer_sessions (
      id_hash bytea primary key,
      organizer_id integer not null references organizers (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now()
    )`,
    sql`create index organizer_sessions_organizer_idx on organizer_sessions (organizer_id)`,
    sql`create table audit_log (
      id bigint generated always as identity primary key,
      organizer_id integer references organizers (id) on delete set null,
      campaign_id integer references campaigns (id) on delete set null,
      action text not null,
      entity_type text not null,
      entity_id text,
      before jsonb,
      after jsonb,
      created_at timestamptz not null default now()
    )`,
    sql`create index audit_log_campaign_idx on audit_log (campaign_id, created_at)`,
    sql`create index audit_log_created_idx on audit_log (created_at)`,
    // Fixed-window counters for rate limits (pledges per IP and per email, sign-in failures).
    sql`create table rate_limits (
      key text primary key,
      points integer not null default 0,
      expires_at timestamptz not null
    )`,
    sql`create index rate_limits_expires_idx on rate_limits (expires_at)`,
  ]
  for (const statement of statements) await statement.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['rate_limits', 'audit_log', 'organizer_sessions', 'campaign_organizers', 'organizers']) {
    await db.schema.dropTable(table).execute()
  }
}
