import { type Kysely, sql } from 'kysely'

// A meeting's result as votes (the Form 8-K Item 5.07 table), not a percentage. The percentage
// an organizer typed is kept as `recorded_percent` for results whose votes are not known;
// `support_percent` becomes derived — for ÷ (for + against) when both are known — so every
// existing reader keeps working and no row loses anything. Also: shares outstanding at the
// record date (turnout is votes cast ÷ shares outstanding, which survives a stock split), the
// meeting date (N-PX records are matched by it), and the company's CUSIP on the campaign.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`alter table proposal_votes rename column support_percent to recorded_percent`,
    sql`alter table proposal_votes alter column recorded_percent drop not null`,
    sql`alter table proposal_votes
      add column shares_outstanding bigint check (shares_outstanding > 0),
      add column meeting_date date,
      add column support_percent numeric(5, 2) generated always as (
        case when votes_for is not null and votes_against is not null and votes_for + votes_against > 0
             then round(votes_for * 100.0 / (votes_for + votes_against), 2)
             else recorded_percent end) stored,
      add constraint proposal_votes_known check (recorded_percent is not null or (votes_for is not null and votes_against is not null))`,
    sql`alter table campaigns add column cusip text check (cusip ~ '^[0-9A-Z]{8}[0-9]$')`,
  ]
  for (const statement of statements) await statement.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table campaigns drop column cusip`.execute(db)
  await sql`update proposal_votes set recorded_percent = support_percent where recorded_percent is null`.execute(db)
  await sql`alter table proposal_votes drop constraint proposal_votes_known, drop column support_percent, drop column meeting_date, drop column shares_outstanding`.execute(db)
  await sql`alter table proposal_votes alter column recorded_percent set not null`.execute(db)
  await sql`alter table proposal_votes rename column recorded_percent to support_percent`.execute(db)
}
