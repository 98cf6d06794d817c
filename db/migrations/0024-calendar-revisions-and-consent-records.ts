import { type Kysely, sql } from 'kysely'

// Two records the public side keeps (decision 015):
// - calendar_event_revisions: how many times each of a campaign's calendar events has moved, so
//   the calendar feed's SEQUENCE grows with every move and subscribed calendars replace the event.
// - consent_records: what a supporter agreed to, on which form's wording, when, and from which
//   network (a /24 or /48 prefix, never the full address), written when the address is confirmed.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`create table calendar_event_revisions (
      campaign_id integer not null references campaigns (id) on delete cascade,
      event text not null check (event in ('record-date', 'vote-deadline', 'agm')),
      sequence integer not null check (sequence > 0),
      changed_at timestamptz not null default now(),
      primary key (campaign_id, event)
    )`,
    sql`create table consent_records (
      id bigint generated always as identity primary key,
      campaign_id integer not null references campaigns (id) on delete cascade,
      supporter_id bigint not null references supporters (id) on delete cascade,
      agreed_to text[] not null check (cardinality(agreed_to) > 0 and agreed_to <@ array['pledge', 'public_name', 'updates']),
      form_version text not null,
      wording text not null,
      given_at timestamptz not null,
      confirmed_at timestamptz not null default now(),
      -- A network, never one device's address: IPv4 /24 or IPv6 /48.
      network_prefix cidr check (masklen(network_prefix) = case family(network_prefix) when 4 then 24 else 48 end),
      unique (supporter_id, campaign_id, form_version, given_at)
    )`,
  ]
  for (const statement of statements) await statement.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consent_records').execute()
  await db.schema.dropTable('calendar_event_revisions').execute()
}
