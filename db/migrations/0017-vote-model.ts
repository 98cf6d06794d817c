import { type Kysely, sql } from 'kysely'

// The vote model: who holds the company's shares (Form 13F, and affiliated holders entered by
// hand), how funds voted (Form N-PX), and an organizer's engagement with each holder. Each
// import of a filing is one `sec_imports` row, unique per campaign and source, so importing the
// same filing twice changes nothing.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`create table sec_imports (
      id bigint generated always as identity primary key,
      campaign_id integer not null references campaigns (id) on delete cascade,
      kind text not null check (kind in ('13f', 'npx')),
      source_key text not null check (length(source_key) between 1 and 200),
      label text not null check (length(label) <= 300),
      rows integer not null check (rows >= 0),
      summary jsonb not null default '{}'::jsonb,
      imported_by integer references organizers (id) on delete set null,
      imported_at timestamptz not null default now(),
      unique (campaign_id, kind, source_key)
    )`,

    sql`create table holders (
      id bigint generated always as identity primary key,
      campaign_id integer not null references campaigns (id) on delete cascade,
      kind text not null check (kind in ('institutional', 'affiliated')),
      name text not null check (length(name) between 1 and 300),
      cik text check (cik ~ '^[0-9]{1,10}$'),
      shares bigint not null check (shares >= 0),
      voting_sole bigint check (voting_sole >= 0),
      voting_shared bigint check (voting_shared >= 0),
      voting_none bigint check (voting_none >= 0),
      report_period date,
      accession_number text check (length(accession_number) <= 40),
      source text not null check (source in ('13f_xml', '13f_dataset', 'manual')),
      expected_vote text check (expected_vote in ('for', 'against', 'abstain')),
      note text check (length(note) <= 1000),
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (kind = 'affiliated' or (cik is not null and source <> 'manual')),
      check (kind = 'institutional' or expected_vote is not null)
    )`,
    sql`create unique index holders_campaign_cik_idx on holders (campaign_id, cik) where kind = 'institutional'`,
    sql`create index holders_campaign_shares_idx on holders (campaign_id, shares desc)`,

    sql`create table holder_engagement (
      holder_id bigint primary key references holders (id) on delete cascade,
      campaign_id integer not null references campaigns (id) on delete cascade,
      status text not null default 'not_contacted' check (status in ('not_contacted', 'contacted', 'met', 'supports', 'declined')),
      expected_vote text check (expected_vote in ('for', 'against', 'abstain')),
      contact text check (length(contact) <= 300),
      notes text check (length(notes) <= 4000),
      next_step_on date,
      updated_by integer references organizers (id) on delete set null,
      updated_at timestamptz not null default now()
    )`,
    sql`create index holder_engagement_campaign_idx on holder_engagement (campaign_id, status)`,

    // One row per vote record of an N-PX filing for the campaign's company (its CUSIP).
    sql`create table fund_votes (
      id bigint generated always as identity primary key,
      campaign_id integer not null references campaigns (id) on delete cascade,
      import_id bigint not null references sec_imports (id) on delete cascade,
      seq integer not null,
      fund_key text not null check (length(fund_key) between 1 and 320),
      fund_name text not null check (length(fund_name) between 1 and 300),
      fund_cik text check (fund_cik ~ '^[0-9]{1,10}$'),
      series_id text check (length(series_id) <= 20),
      issuer_name text not null check (length(issuer_name) <= 300),
      cusip text not null,
      meeting_date date not null,
      vote_description text not null check (length(vote_description) <= 2000),
      proposed_by text check (proposed_by in ('issuer', 'shareholder')),
      how_voted text not null check (how_voted in ('for', 'against', 'abstain', 'withhold', 'none')),
      shares_voted bigint check (shares_voted >= 0),
      with_management boolean,
      match_score real not null default 0,
      matched_year integer,
      match_source text not null default 'auto' check (match_source in ('auto', 'organizer')),
      is_demo boolean not null default false,
      unique (import_id, seq)
    )`,
    sql`create index fund_votes_campaign_fund_idx on fund_votes (campaign_id, fund_key, meeting_date)`,

    // An organizer's mapping of an N-PX filer to a 13F holder when their CIKs differ.
    sql`create table fund_links (
      campaign_id integer not null references campaigns (id) on delete cascade,
      fund_key text not null,
      holder_id bigint not null references holders (id) on delete cascade,
      primary key (campaign_id, fund_key)
    )`,
  ]
  for (const statement of statements) await statement.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['fund_links', 'fund_votes', 'holder_engagement', 'holders', 'sec_imports']) await db.schema.dropTable(table).execute()
}
