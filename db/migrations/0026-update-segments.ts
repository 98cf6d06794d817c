import { type Kysely, sql } from 'kysely'

// A one-off update may go to a segment of the campaign's pledgers (intention, voted or not,
// broker, holder type, source, confirmed since): its filters, as JSON, beside the audience.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table updates add column segment jsonb check (segment is null or jsonb_typeof(segment) = 'object')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table updates drop column segment`.execute(db)
}
