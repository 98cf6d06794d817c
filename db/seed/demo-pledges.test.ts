import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import type { DatabaseHandle } from '../client.server'
import { LIVE_SLUG, seedDemo } from './demo'
import { seedDemoPledges, type SeedProgress } from './demo-pledges'

async function schemaOfPledges(handle: DatabaseHandle) {
  const { rows: indexes } = await sql<{ def: string }>`
    select indexdef as def from pg_indexes where tablename in ('pledges', 'supporters') order by indexname`.execute(handle.db)
  const { rows: constraints } = await sql<{ def: string }>`
    select conname || ' ' || pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid in ('pledges'::regclass, 'supporters'::regclass) order by conname`.execute(handle.db)
  return [...indexes, ...constraints].map((r) => r.def)
}

describe(`synthetic pledges on ${testDatabaseKind}`, () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await createTestDatabase()
    await seedDemo(handle.db, { pledges: 0 })
  })
  afterAll(async () => handle?.close())

  test('a bulk load rebuilds every index and foreign key as it was, reports its progress and leaves statistics', async () => {
    const before = await schemaOfPledges(handle)
    expect(before.some((def) => def.includes('pledges_public_names_idx'))).toBe(true)
    const live = await handle.db.selectFrom('campaigns').select('id').where('slug', '=', LIVE_SLUG).executeTakeFirstOrThrow()
    const progress: SeedProgress[] = []
    const count = 2501
    await seedDemoPledges(handle.db, { campaignId: live.id, count, bulkLoadFrom: 1, onProgress: (p) => progress.push(p) })

    expect(await schemaOfPledges(handle)).toEqual(before)
    expect(progress.at(0)).toEqual({ written: 0, total: count })
    expect(progress.at(-1)).toEqual({ written: count, total: count })
    const { n } = await handle.db.selectFrom('pledges').where('campaign_id', '=', live.id).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(Number(n)).toBe(count)
    // Every pledge points at its own demo supporter: the keys were checked when they came back.
    const { rows } = await sql<{ n: string }>`select count(distinct supporter_id) as n from pledges p join supporters s on s.id = p.supporter_id where s.is_demo`.execute(handle.db)
    expect(Number(rows[0]!.n)).toBe(count)
    const { rows: stats } = await sql<{ n: string }>`select count(*) as n from pg_stats where tablename = 'pledges' and attname = 'confirmed_at'`.execute(handle.db)
    expect(Number(stats[0]!.n)).toBe(1)
  })
})
