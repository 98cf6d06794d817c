import { sql } from 'kysely'
import type { Db } from '../../db/schema'

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number }

export interface RateLimit {
  key: string
  limit: number
  windowSeconds: number
}

/**
 * Counts one attempt against `key` in a fixed window kept in PostgreSQL, so every web process
 * shares the same counters. One atomic upsert: no read-then-write race.
 */
export async function consumeRateLimit(db: Db, input: RateLimit): Promise<RateLimitResult> {
  return consumeRateLimits(db, [input])
}

/** Counts one attempt against each limit, all in one statement; refused if any is over. */
export async function consumeRateLimits(db: Db, limits: RateLimit[]): Promise<RateLimitResult> {
  // Rows are locked in key order, so two calls sharing keys can never wait on each other in a cycle.
  const ordered = [...limits].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const rows = await db
    .insertInto('rate_limits')
    .values(ordered.map((l) => ({ key: l.key, points: 1, expires_at: sql`now() + make_interval(secs => ${l.windowSeconds})` })))
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        points: sql`case when rate_limits.expires_at <= now() then 1 else rate_limits.points + 1 end`,
        // A window that has ended starts again with the length the new attempt brings.
        expires_at: sql`case when rate_limits.expires_at <= now() then excluded.expires_at else rate_limits.expires_at end`,
      }),
    )
    .returning(['key', 'points', sql<number>`ceil(extract(epoch from (expires_at - now())))::int`.as('seconds_left')])
    .execute()
  const over = rows.filter((row) => row.points > limits.find((l) => l.key === row.key)!.limit)
  if (over.length === 0) return { ok: true }
  return { ok: false, retryAfterSeconds: Math.max(1, ...over.map((row) => row.seconds_left)) }
}

/** Drops windows that have ended (called now and then; stale rows are harmless meanwhile). */
export async function pruneRateLimits(db: Db): Promise<void> {
  await db.deleteFrom('rate_limits').where('expires_at', '<', sql<Date>`now()`).execute()
}

/** Gives one counted attempt back to each key (a sign-in that succeeded was no failure). */
export async function refundRateLimits(db: Db, input: { keys: string[] }): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set({ points: sql`greatest(points - 1, 0)` })
    .where('key', 'in', input.keys)
    .where('expires_at', '>', sql<Date>`now()`)
    .execute()
}
