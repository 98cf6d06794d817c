import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import type { DatabaseHandle } from '../client.server'
import { CLOSED_SLUG, LIVE_SLUG, seedDemo } from './demo'

const today = new Date('2026-11-23T12:00:00Z')

async function snapshot(handle: DatabaseHandle) {
  const campaigns = await handle.db
    .selectFrom('campaigns')
    .select(['id', 'slug', 'status', 'title', 'resolved', 'supporting_statement', 'record_date', 'vote_deadline', 'agm_at', 'shares_outstanding'])
    .orderBy('id')
    .execute()
  const counts = await Promise.all(
    (['campaigns', 'proposal_votes', 'supporters', 'pledges'] as const).map((table) =>
      handle.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ),
  )
  const pledges = await handle.db.selectFrom('pledges').select(['supporter_id', 'intention', 'shares', 'status', 'broker']).orderBy('id').execute()
  return { campaigns, counts: counts.map((c) => Number(c.n)), pledges }
}

describe(`demo seed on ${testDatabaseKind}`, () => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await createTestDatabase()
  })
  afterAll(async () => handle?.close())

  test('seeding twice leaves exactly the same data', async () => {
    const first = await seedDemo(handle.db, { pledges: 500, today })
    expect(first.pledgesChanged).toBe(true)
    const before = await snapshot(handle)
    const second = await seedDemo(handle.db, { pledges: 500, today })
    expect(second.pledgesChanged).toBe(false)
    expect(await snapshot(handle)).toEqual(before)
    expect(before.counts).toEqual([2, 2, 500, 500])
  })

  test('a different --pledges count rebuilds the synthetic pledges, and the tally follows', async () => {
    await seedDemo(handle.db, { pledges: 1200, today })
    const live = await handle.db.selectFrom('campaigns').select('id').where('slug', '=', LIVE_SLUG).executeTakeFirstOrThrow()
    const raw = await handle.db
      .selectFrom('pledges')
      .where('campaign_id', '=', live.id)
      .where('status', '=', 'confirmed')
      .select((eb) => [eb.fn.countAll<string>().as('supporters'), eb.fn.sum<string>(eb.fn.coalesce('shares', eb.lit(0))).as('shares')])
      .executeTakeFirstOrThrow()
    const aggregated = await handle.db
      .selectFrom('pledge_stats_daily')
      .where('campaign_id', '=', live.id)
      .select((eb) => [eb.fn.sum<string>('supporters').as('supporters'), eb.fn.sum<string>('shares').as('shares')])
      .executeTakeFirstOrThrow()
    expect(Number(raw.supporters)).toBeGreaterThan(1000)
    expect(aggregated).toEqual({ supporters: raw.supporters, shares: raw.shares })
    const { n } = await handle.db.selectFrom('pledges').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(Number(n)).toBe(1200)
  })

  test('the 2022 campaign has its real calendar and the live demo its dates relative to seeding', async () => {
    const closed = await handle.db.selectFrom('campaigns').selectAll().where('slug', '=', CLOSED_SLUG).executeTakeFirstOrThrow()
    expect(closed.status).toBe('closed')
    expect(closed.record_date).toBe('2022-03-31')
    expect(closed.agm_at.toISOString()).toBe('2022-05-25T16:00:00.000Z') // 9:00 a.m. PDT
    expect(closed.vote_deadline.toISOString()).toBe('2022-05-25T03:59:00.000Z') // 11:59 p.m. EDT, May 24
    expect(closed.shares_outstanding).toBe('508540235')
    expect(closed.proxy_item).toBe('6')

    const live = await handle.db.selectFrom('campaigns').selectAll().where('slug', '=', LIVE_SLUG).executeTakeFirstOrThrow()
    expect(live.status).toBe('live')
    expect(live.is_demo).toBe(true)
    expect(live.demo_note).toMatch(/demonstration/)
    expect(live.agm_at.toISOString()).toBe('2027-01-04T17:00:00.000Z') // 42 days after 23 Nov 2026, 9:00 a.m. PST
    expect(live.vote_deadline.toISOString()).toBe('2027-01-04T04:59:00.000Z') // 11:59 p.m. EST the day before
    expect(live.record_date < '2026-11-23').toBe(true)
    expect(live.resolved).toBe(closed.resolved)

    const votes = await handle.db.selectFrom('proposal_votes').select(['meeting_year', 'support_percent']).orderBy('meeting_year').execute()
    expect(votes).toEqual([
      { meeting_year: 2022, support_percent: '40.30' },
      { meeting_year: 2023, support_percent: '34.18' },
    ])
  })
})
