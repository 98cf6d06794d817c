import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { consumeRateLimits } from './rate-limits.server'

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => {
  await handle?.close()
})

const points = async (key: string) => (await handle.db.selectFrom('rate_limits').select('points').where('key', '=', key).executeTakeFirst())?.points

describe(`rate limits on ${testDatabaseKind}`, () => {
  test('several limits are counted in one call, and the call is refused when any one is over', async () => {
    const wide = { key: 'test:wide', limit: 10, windowSeconds: 600 }
    const narrow = { key: 'test:narrow', limit: 2, windowSeconds: 60 }
    expect(await consumeRateLimits(handle.db, [wide, narrow])).toEqual({ ok: true })
    expect(await consumeRateLimits(handle.db, [wide, narrow])).toEqual({ ok: true })
    const third = await consumeRateLimits(handle.db, [wide, narrow])
    expect(third.ok).toBe(false)
    if (!third.ok) expect(third.retryAfterSeconds).toBeLessThanOrEqual(60) // the narrow window's wait, not the wide one's
    expect(await points('test:wide')).toBe(3)
    expect(await points('test:narrow')).toBe(3)
    expect(await consumeRateLimits(handle.db, [wide])).toEqual({ ok: true }) // the wide limit alone still admits
  })

  test('a window that has ended starts again at one, with its full length', async () => {
    const limit = { key: 'test:ended', limit: 1, windowSeconds: 300 }
    await consumeRateLimits(handle.db, [limit])
    expect((await consumeRateLimits(handle.db, [limit])).ok).toBe(false)
    await sql`update rate_limits set expires_at = now() - interval '1 second' where key = 'test:ended'`.execute(handle.db)
    expect(await consumeRateLimits(handle.db, [limit])).toEqual({ ok: true })
    expect(await points('test:ended')).toBe(1)
    const left = await sql<{ s: number }>`select extract(epoch from expires_at - now())::int as s from rate_limits where key = 'test:ended'`.execute(handle.db)
    expect(left.rows[0]!.s).toBeGreaterThan(290)
  })
})
