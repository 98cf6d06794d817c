import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'

type Db = Kysely<Database> | Transaction<Database>

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number }

/**
 * Counts one attempt against `key` in a fixed window kept in PostgreSQL, so every web process
 * shares the same counters. One atomic upsert: no read-then-write race.
 */
export async function consumeRateLimit(db: Db, input: { key: string; limit: number; windowSeconds: number }): Promise<RateLimitResult> {
  const window = sql`make_interval(secs => ${input.windowSeconds})`
  const row = await db
    .insertInto('rate_limits')
    .values({ key: input.key, points: 1, expires_at: sql`now() + ${window}` })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        points: sql`case when rate_limits.expires_at <= now() then 1 else rate_limits.points + 1 end`,
        expires_at: sql`case when rate_limits.expires_at <= now() then now() + ${window} else rate_limits.expires_at end`,
      }),
    )
    .returning(['points', sql<number>`ceil(extract(epoch from (expires_at - now())))::int`.as('seconds_left')])
    .executeTakeFirstOrThrow()
  if (row.points <= input.limit) return { ok: true }
  return { ok: false, retryAfterSeconds: Math.max(1, row.seconds_left) }
}

/** Drops windows that have ended (called now and then; stale rows are harmless meanwhile). */
export async function pruneRateLimits(db: Db): Promise<void> {
  await db.deleteFrom('rate_limits').where('expires_at', '<', sql<Date>`now()`).execute()
}

/** Whether `key` is already over `limit`, without counting an attempt (for failure-only limits). */
export async function peekRateLimit(db: Db, input: { key: string; limit: number }): Promise<RateLimitResult> {
  const row = await db
    .selectFrom('rate_limits')
    .select(['points', sql<number>`ceil(extract(epoch from (expires_at - now())))::int`.as('seconds_left')])
    .where('key', '=', input.key)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst()
  if (!row || row.points < input.limit) return { ok: true }
  return { ok: false, retryAfterSeconds: Math.max(1, row.seconds_left) }
}
