import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'

// A digest of what Quorum stores, to show that a request changed nothing. Left out: the
// migration bookkeeping, and what every request may rightly touch whatever its answer (rate-limit
// counters, which count refused attempts too, and sign-in sessions' last use).

const VOLATILE = new Set(['kysely_migration', 'kysely_migration_lock', 'rate_limits', 'organizer_sessions'])

export async function createTableDigest(db: Kysely<Database>): Promise<() => Promise<string>> {
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((name) => !VOLATILE.has(name))
  // One statement: each table's rows as text, in a fixed order, hashed.
  const parts = tables.map((name) => sql`(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${sql.table(name)} t)`)
  const query = sql<{ digest: string }>`select md5(concat_ws(',', ${sql.join(parts)})) as digest`
  return async () => (await query.execute(db)).rows[0]!.digest
}

/**
 * The next transaction id: it moves only when some transaction has written, so while no other
 * connection writes, an unchanged mark means nothing was stored (and the digest need not be taken).
 */
export async function writeMark(db: Kysely<Database>): Promise<string> {
  return (await sql<{ mark: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as mark`.execute(db)).rows[0]!.mark
}
