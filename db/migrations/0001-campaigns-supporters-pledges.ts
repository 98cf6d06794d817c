import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the app.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`create table campaigns (
      id integer generated always as identity primary key,
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
      proposal_key text not null check (length(proposal_key) between 1 and 80),
      status text not null default 'draft' check (status in ('draft', 'live', 'closed')),
      is_demo boolean not null default false,
      demo_note text,
      company text not null check (length(company) between 1 and 200),
      ticker text not null check (length(ticker) between 1 and 12),
      exchange text not null check (length(exchange) between 1 and 40),
      agm_year integer not null check (agm_year between 1900 and 2200),
      title text not null check (length(title) between 1 and 200),
      summary text not null default '',
      proxy_item text,
      resolved text not null,
      supporting_statement text not null,
      legend text not null,
      record_date date not null,
      vote_deadline timestamptz not null,
      agm_at timestamptz not null,
      time_zone text not null,
      meeting_format text not null default 'virtual' check (meeting_format in ('virtual', 'in_person', 'hybrid')),
      meeting_url text,
      meeting_location text,
      proxy_statement_url text,
      shares_outstanding bigint not null check (shares_outstanding > 0),
      sender_name text not null default 'Quorum',
      sender_email text,
      postal_address text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (vote_deadline <= agm_at)
    )`,
    sql`create index campaigns_proposal_key_idx on campaigns (proposal_key, agm_year)`,

    // Results of the proposal at each meeting, shared by every year's campaign of that proposal.
    sql`create table proposal_votes (
      id integer generated always as identity primary key,
      proposal_key text not null,
      meeting_year integer not null check (meeting_year between 1900 and 2200),
      support_percent numeric(5, 2) not null check (support_percent between 0 and 100),
      votes_for bigint check (votes_for >= 0),
      votes_against bigint check (votes_against >= 0),
      abstentions bigint check (abstentions >= 0),
      broker_non_votes bigint check (broker_non_votes >= 0),
      source_url text,
      unique (proposal_key, meeting_year)
    )`,

    // One row per address; the address is stored trimmed and lower-cased, so it is the key.
    sql`create table supporters (
      id bigint generated always as identity primary key,
      email text not null unique check (email = lower(email) and length(email) between 3 and 254),
      name text check (length(name) <= 200),
      confirmed_at timestamptz,
      suppressed_at timestamptz,
      suppression_reason text check (suppression_reason in ('bounce', 'complaint', 'unsubscribed_all')),
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((suppressed_at is null) = (suppression_reason is null))
    )`,

    sql`create table pledges (
      id bigint generated always as identity primary key,
      campaign_id integer not null references campaigns (id) on delete cascade,
      supporter_id bigint not null references supporters (id) on delete cascade,
      status text not null default 'pending' check (status in ('pending', 'confirmed', 'withdrawn')),
      intention text not null check (intention in ('for', 'against', 'abstain', 'undecided')),
      shares bigint check (shares >= 0),
      holder_type text not null default 'retail' check (holder_type in ('retail', 'institutional', 'employee', 'other')),
      broker text check (length(broker) <= 100),
      voted_at timestamptz,
      show_name boolean not null default false,
      confirmed_at timestamptz,
      consent_at timestamptz not null default now(),
      form_version text not null,
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (campaign_id, supporter_id),
      check ((status = 'confirmed') <= (confirmed_at is not null))
    )`,
    sql`create index pledges_supporter_idx on pledges (supporter_id)`,
    sql`create index pledges_campaign_status_idx on pledges (campaign_id, status, created_at)`,

    // Append-only history of every pledge change. Erasure nulls the links, never the rows.
    sql`create table pledge_events (
      id bigint generated always as identity primary key,
      campaign_id integer not null references campaigns (id) on delete cascade,
      pledge_id bigint references pledges (id) on delete set null,
      supporter_id bigint references supporters (id) on delete set null,
      kind text not null check (kind in ('created', 'confirmed', 'intention', 'shares', 'holder_type',
        'broker', 'voted', 'show_name', 'withdrawn', 'erased')),
      actor text not null default 'supporter' check (actor in ('supporter', 'organizer', 'system')),
      data jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    )`,
    sql`create index pledge_events_campaign_idx on pledge_events (campaign_id, created_at)`,
    sql`create index pledge_events_pledge_idx on pledge_events (pledge_id)`,
    sql`create index pledge_events_supporter_idx on pledge_events (supporter_id)`,

    sql`create table subscriptions (
      id bigint generated always as identity primary key,
      campaign_id integer not null references campaigns (id) on delete cascade,
      supporter_id bigint not null references supporters (id) on delete cascade,
      status text not null default 'subscribed' check (status in ('subscribed', 'unsubscribed')),
      consent_at timestamptz not null default now(),
      form_version text not null,
      unsubscribed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (campaign_id, supporter_id)
    )`,
    sql`create index subscriptions_supporter_idx on subscriptions (supporter_id)`,

    // Tokens in email links: only a SHA-256 of the token is stored; each has one purpose.
    sql`create table supporter_tokens (
      id bigint generated always as identity primary key,
      supporter_id bigint not null references supporters (id) on delete cascade,
      campaign_id integer references campaigns (id) on delete cascade,
      purpose text not null check (purpose in ('confirm', 'manage', 'unsubscribe')),
      token_hash bytea not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`,
    sql`create index supporter_tokens_supporter_idx on supporter_tokens (supporter_id, purpose)`,
  ]
  for (const statement of statements) await statement.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['supporter_tokens', 'subscriptions', 'pledge_events', 'pledges', 'supporters', 'proposal_votes', 'campaigns']) {
    await db.schema.dropTable(table).execute()
  }
}
