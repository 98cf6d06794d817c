import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import type { DatabaseHandle } from '../client.server'
import { recordPledge } from '../../app/models/pledges.server'
import { LIVE_SLUG, seedDemo } from './demo'
import { seedDemoPledges, type SeedProgress, TALLY_INSERT_TRIGGERS } from './demo-pledges'

/** The pre-aggregated tallies of a campaign, as the dashboard and the public tally read them. */
async function talliesOf(handle: DatabaseHandle, campaignId: number) {
  const { rows: daily } = await sql`
    select day::text, intention, holder_type, voted, supporters::text, shares::text, shares_disclosed::text from pledge_stats_daily
    where campaign_id = ${campaignId} and supporters <> 0 order by 1, 2, 3, 4`.execute(handle.db)
  const { rows: brokers } = await sql`
    select broker_key, broker_label, supporters::text, shares::text from pledge_broker_stats
    where campaign_id = ${campaignId} and supporters <> 0 order by 1`.execute(handle.db)
  const { rows: statuses } = await sql`
    select status, sum(pledges)::text as pledges from pledge_status_counts where campaign_id = ${campaignId} group by 1 order by 1`.execute(handle.db)
  return { daily, brokers, statuses }
}

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

  test('a bulk load leaves the same tallies as inserting row by row, and knows every insert trigger on pledges', async () => {
    const { rows: triggers } = await sql<{ name: string }>`
      select tgname as name from pg_trigger where tgrelid = 'pledges'::regclass and not tgisinternal and (tgtype & 4) <> 0 order by 1`.execute(handle.db)
    expect(triggers.map((t) => t.name)).toEqual([...TALLY_INSERT_TRIGGERS].sort())

    // Two fresh databases: the tallies keep the history of every change, deletions included.
    const [bulkLoaded, byRow] = await Promise.all([createTestDatabase(), createTestDatabase()])
    try {
      const count = 3003
      const seeded = []
      for (const [target, bulkLoadFrom] of [[bulkLoaded, 1], [byRow, count + 1]] as const) {
        await seedDemo(target.db, { pledges: 0 })
        const live = await target.db.selectFrom('campaigns').select('id').where('slug', '=', LIVE_SLUG).executeTakeFirstOrThrow()
        await seedDemoPledges(target.db, { campaignId: live.id, count, bulkLoadFrom })
        seeded.push(await talliesOf(target, live.id))
      }
      const [bulk, rowByRow] = seeded
      expect(bulk!.daily.length).toBeGreaterThan(20)
      expect(bulk!.statuses).toEqual([expect.objectContaining({ status: 'confirmed' }), expect.objectContaining({ status: 'pending' })])
      expect(bulk).toEqual(rowByRow)
    } finally {
      await Promise.all([bulkLoaded.close(), byRow.close()])
    }
  })

  test('a bulk load into a new database writes into truncated tables, and one with other supporters keeps every row', async () => {
    const [fresh, inUse] = await Promise.all([createTestDatabase(), createTestDatabase()])
    try {
      const fileOfPledges = async (target: DatabaseHandle) =>
        (await sql<{ file: string }>`select relfilenode::text as file from pg_class where oid = 'pledges'::regclass`.execute(target.db)).rows[0]!.file
      const seeded = []
      for (const target of [fresh, inUse]) {
        await seedDemo(target.db, { pledges: 0 })
        const live = await target.db.selectFrom('campaigns').select(['id', 'status']).where('slug', '=', LIVE_SLUG).executeTakeFirstOrThrow()
        if (target === inUse) {
          const pledge = { email: 'Real.Holder@example.com', intention: 'for', shares: '40', holderType: 'retail', broker: 'Fidelity', showName: false, voted: false, updates: true } as const
          await recordPledge(target.db, { campaign: live, pledge, formVersion: 'test' })
        }
        const before = await fileOfPledges(target)
        await seedDemoPledges(target.db, { campaignId: live.id, count: 1500, bulkLoadFrom: 1 })
        seeded.push({ before, after: await fileOfPledges(target) })
      }
      expect(seeded[0]!.after).not.toBe(seeded[0]!.before) // truncated: new files, written without WAL at wal_level=minimal
      expect(seeded[1]!.after).toBe(seeded[1]!.before)
      const real = await inUse.db
        .selectFrom('supporters')
        .innerJoin('pledges', 'pledges.supporter_id', 'supporters.id')
        .select(['supporters.email', 'pledges.shares'])
        .where('supporters.is_demo', '=', false)
        .execute()
      expect(real).toEqual([{ email: 'real.holder@example.com', shares: '40' }])
      const { n } = await inUse.db.selectFrom('email_queue').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
      expect(Number(n)).toBeGreaterThan(0)
    } finally {
      await Promise.all([fresh.close(), inUse.close()])
    }
  })
})
