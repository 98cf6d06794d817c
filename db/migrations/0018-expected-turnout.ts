import { type Kysely, sql } from 'kysely'

// When the last result is known only as a percentage, the projection needs a turnout: an
// organizer's expected share of the company voted for or against, as a percentage.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table campaigns add column expected_turnout_percent numeric(5, 2) check (expected_turnout_percent > 0 and expected_turnout_percent <= 100)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table campaigns drop column expected_turnout_percent`.execute(db)
}
