import { type Kysely, sql } from 'kysely'

// Outgoing webhooks (Standard Webhooks): an owner's endpoints, one message per event written in
// the transaction of the change that causes it, a delivery ledger row per (message, endpoint)
// that the sender claims with SKIP LOCKED, and one row per attempt for the organizer to read.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`create table webhook_endpoints (
      id integer generated always as identity primary key,
      campaign_id integer not null references campaigns (id) on delete cascade,
      url text not null check (length(url) between 1 and 2000),
      description text not null default '' check (length(description) <= 200),
      event_types text[] not null check (
        cardinality(event_types) > 0
        and event_types <@ array['pledge.confirmed', 'pledge.changed', 'pledge.deleted', 'supporter.unsubscribed', 'update.sent']
      ),
      secret text not null check (secret like 'whsec_%'),
      previous_secret text check (previous_secret like 'whsec_%'),
      previous_secret_expires_at timestamptz,
      disabled_at timestamptz,
      created_by integer references organizers (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create index webhook_endpoints_campaign_idx on webhook_endpoints (campaign_id, id)`,
    sql`create table webhook_messages (
      id text primary key check (id like 'msg\\_%'),
      campaign_id integer not null references campaigns (id) on delete cascade,
      event_type text not null,
      body text not null,
      created_at timestamptz not null default now()
    )`,
    sql`create index webhook_messages_campaign_idx on webhook_messages (campaign_id, created_at)`,
    sql`create table webhook_deliveries (
      id bigint generated always as identity primary key,
      message_id text not null references webhook_messages (id) on delete cascade,
      endpoint_id integer not null references webhook_endpoints (id) on delete cascade,
      status text not null default 'queued' check (status in ('queued', 'sending', 'delivered', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      claimed_at timestamptz,
      delivered_at timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      unique (message_id, endpoint_id)
    )`,
    sql`create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status in ('queued', 'sending')`,
    sql`create index webhook_deliveries_endpoint_idx on webhook_deliveries (endpoint_id, id)`,
    sql`create table webhook_attempts (
      id bigint generated always as identity primary key,
      delivery_id bigint not null references webhook_deliveries (id) on delete cascade,
      attempted_at timestamptz not null default now(),
      duration_ms integer not null,
      status_code integer,
      error text
    )`,
    sql`create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, id)`,
  ]
  for (const statement of statements) await statement.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_messages', 'webhook_endpoints']) await db.schema.dropTable(table).execute()
}
