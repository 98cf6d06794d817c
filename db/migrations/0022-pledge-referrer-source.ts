import { type Kysely, sql } from 'kysely'

// Where a pledge came from, as a short source code (e.g. "embed", "partner-newsletter") carried
// by the link that led to the form: organizers' tools read it as OSDI referrer_data.source.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table pledges add column referrer_source text check (referrer_source ~ '^[A-Za-z0-9._-]{1,64}$')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table pledges drop column referrer_source`.execute(db)
}
