import { type Kysely, sql } from 'kysely'

// Frozen in time: this migration imports nothing from the app.
//
// The organizer's pledge table pages with keysets (no OFFSET), so each sort needs an index that
// yields its order within one campaign; searches are prefix matches, which a plain btree index
// serves only under the C collation, hence text_pattern_ops. Built without CONCURRENTLY (the
// migrator runs in a transaction): at a million pledges that locks writes for a few seconds.

export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    // Newest / oldest first, and the chronological CSV export.
    sql`create index pledges_campaign_created_idx on pledges (campaign_id, created_at, id)`,
    // Most / fewest shares; undisclosed (null) shares sit at the end, where "is null" finds them.
    sql`create index pledges_campaign_shares_idx on pledges (campaign_id, shares, id)`,
    // Addresses are stored lower-cased, so the search lower-cases the prefix instead.
    sql`create index supporters_email_prefix_idx on supporters (email text_pattern_ops)`,
    sql`create index supporters_name_prefix_idx on supporters (lower(name) text_pattern_ops)`,
  ]
  for (const statement of statements) await statement.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['supporters_name_prefix_idx', 'supporters_email_prefix_idx', 'pledges_campaign_shares_idx', 'pledges_campaign_created_idx']) {
    await db.schema.dropIndex(index).execute()
  }
}
