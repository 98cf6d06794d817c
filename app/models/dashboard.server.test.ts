import { Migrator, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { migrateToLatest } from '../../db/migrate'
import { migrations } from '../../db/migrations/index'
import type { Campaign, Db } from '../../db/schema'
import { LIVE_SLUG, seedDemo } from '../../db/seed/demo'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { PLEDGE_FORM_VERSION } from '../schemas/pledge'
import { percentOf } from '../utils/tally'
import { getDashboard } from './dashboard.server'
import { recordPledge } from './pledges.server'
import { confirmByToken } from './supporters.server'

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => handle?.close())

const db = () => handle.db

async function campaignBySlug(slug: string): Promise<Campaign> {
  return db().selectFrom('campaigns').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow()
}

/** Every dashboard figure, computed the slow, obvious way: plain SQL over `pledges`. */
async function figuresFromPledges(campaign: Campaign) {
  const id = campaign.id
  const { rows: statuses } = await sql<{ status: string; n: string }>`
    select status, count(*) as n from pledges where campaign_id = ${id} group by status`.execute(db())
  const count = (status: string) => Number(statuses.find((s) => s.status === status)?.n ?? 0)

  const { rows: intentions } = await sql<{ intention: string; n: string; shares: string }>`
    select intention, count(*) as n, sum(coalesce(shares, 0)) as shares
    from pledges where campaign_id = ${id} and status = 'confirmed' group by intention`.execute(db())
  const byIntention = (intention: string) => intentions.find((r) => r.intention === intention)

  const { rows: [totals] } = await sql<{ voted: string; disclosed: string; for_not_voted: string }>`
    select count(*) filter (where voted_at is not null) as voted,
           count(shares) as disclosed,
           coalesce(sum(shares) filter (where intention = 'for' and voted_at is null), 0) as for_not_voted
    from pledges where campaign_id = ${id} and status = 'confirmed'`.execute(db())

  const { rows: holders } = await sql<{ holder_type: string; n: string; shares: string; shares_for: string }>`
    select holder_type, count(*) as n, sum(coalesce(shares, 0)) as shares,
           coalesce(sum(shares) filter (where intention = 'for'), 0) as shares_for
    from pledges where campaign_id = ${id} and status = 'confirmed' group by holder_type`.execute(db())

  const { rows: brokers } = await sql<{ key: string; n: string; shares: string }>`
    select lower(btrim(coalesce(broker, ''))) as key, count(*) as n, sum(coalesce(shares, 0)) as shares
    from pledges where campaign_id = ${id} and status = 'confirmed' group by 1`.execute(db())

  const { rows: days } = await sql<{ day: string; n: string; shares_for: string }>`
    select (confirmed_at at time zone ${campaign.time_zone})::date::text as day, count(*) as n,
           coalesce(sum(shares) filter (where intention = 'for'), 0) as shares_for
    from pledges where campaign_id = ${id} and status = 'confirmed' group by 1 order by 1`.execute(db())

  return { count, byIntention, totals: totals!, holders, brokers, days }
}

/** The broker rows the dashboard should show: top ten by shares, then "other", then "not given". */
function expectedBrokers(rows: Array<{ key: string; n: string; shares: string }>) {
  const named = rows
    .filter((r) => r.key !== '')
    .sort((a, b) => Number(BigInt(b.shares) - BigInt(a.shares)) || Number(b.n) - Number(a.n) || (a.key < b.key ? -1 : 1))
  const top = named.slice(0, 10).map((r) => ({ kind: 'broker', label: r.key, brokers: 1, supporters: Number(r.n), shares: r.shares }))
  const rest = named.slice(10)
  const other = rest.length
    ? [{ kind: 'other', label: null, brokers: rest.length, supporters: rest.reduce((n, r) => n + Number(r.n), 0), shares: rest.reduce((n, r) => n + BigInt(r.shares), 0n).toString() }]
    : []
  const none = rows.filter((r) => r.key === '').map((r) => ({ kind: 'none', label: null, brokers: 1, supporters: Number(r.n), shares: r.shares }))
  return [...top, ...other, ...none]
}

async function addPledges(campaignId: number, input: { count: number; prefix: string; brokers: string[] }) {
  // Extra confirmed and pending pledges with more brokers than the demo's (and spelling variants
  // of the same broker), so that "other" and the broker key's normalisation are exercised.
  await sql`
    with s as (
      insert into supporters (email)
      select ${input.prefix} || n || '@example.org' from generate_series(1, ${input.count}::int) n
      returning id, email
    )
    insert into pledges (campaign_id, supporter_id, status, intention, shares, holder_type, broker, confirmed_at, form_version)
    select ${campaignId}::int, s.id,
           case when n % 5 = 0 then 'pending' else 'confirmed' end,
           (array['for', 'against', 'abstain', 'undecided'])[1 + n % 4],
           case when n % 7 = 0 then null else 1000 + n * 37 end,
           (array['retail', 'institutional', 'employee', 'other'])[1 + n % 4],
           (${input.brokers}::text[])[1 + n % ${input.brokers.length}::int],
           case when n % 5 <> 0 then now() end, 'test'
    from generate_series(1, ${input.count}::int) n
    join s on s.email = ${input.prefix} || n || '@example.org'`.execute(db())
}

describe(`dashboard on ${testDatabaseKind}`, () => {
  test('every figure equals a direct SQL computation over the seeded pledges', async () => {
    await seedDemo(db(), { pledges: 2000 })
    const campaign = await campaignBySlug(LIVE_SLUG)
    await addPledges(campaign.id, {
      count: 120,
      prefix: 'extra-',
      brokers: ['Ally Invest', ' ally invest', 'SoFi', 'Webull', 'Firstrade', 'Public', 'Fidelity '],
    })

    const dashboard = await getDashboard(db(), { campaign, now: new Date() })
    const expected = await figuresFromPledges(campaign)

    expect(dashboard.supporters).toEqual({ confirmed: expected.count('confirmed'), pending: expected.count('pending') })
    expect(dashboard.supporters.confirmed).toBeGreaterThan(1800)
    expect(dashboard.supporters.pending).toBeGreaterThan(100)

    for (const intention of ['for', 'against', 'abstain', 'undecided'] as const) {
      expect(dashboard.shares.byIntention[intention], intention).toBe(expected.byIntention(intention)?.shares ?? '0')
      expect(dashboard.shares.supportersByIntention[intention], intention).toBe(Number(expected.byIntention(intention)?.n ?? 0))
    }
    const sharesFor = expected.byIntention('for')!.shares
    expect(dashboard.sharesFor.percentOfOutstanding).toBe(percentOf(sharesFor, campaign.shares_outstanding, 4))
    expect(dashboard.shares.disclosedBy).toBe(Number(expected.totals.disclosed))

    expect(dashboard.voted).toEqual({
      voted: Number(expected.totals.voted),
      notYet: expected.count('confirmed') - Number(expected.totals.voted),
      forSharesNotYetVoted: expected.totals.for_not_voted,
    })

    for (const row of dashboard.byHolderType) {
      const raw = expected.holders.find((h) => h.holder_type === row.holderType)
      expect(row, row.holderType).toEqual({ holderType: row.holderType, supporters: Number(raw?.n ?? 0), shares: raw?.shares ?? '0', sharesFor: raw?.shares_for ?? '0' })
    }

    const brokers = dashboard.byBroker.map((b) => ({ ...b, label: b.label?.toLowerCase() ?? null }))
    expect(brokers).toEqual(expectedBrokers(expected.brokers))
    expect(brokers.map((b) => b.kind)).toContain('other')

    // The curve: at the end of every day, the pledges confirmed by then.
    let supporters = 0
    let shares = 0n
    const cumulative = new Map(
      expected.days.map((d) => {
        supporters += Number(d.n)
        shares += BigInt(d.shares_for)
        return [d.day, { supporters, sharesFor: shares.toString() }]
      }),
    )
    expect(dashboard.series[0]?.day).toBe(expected.days[0]?.day)
    let last = { supporters: 0, sharesFor: '0' }
    for (const point of dashboard.series) {
      last = cumulative.get(point.day) ?? last
      expect(point, point.day).toEqual({ day: point.day, ...last })
    }
    expect(dashboard.series.at(-1)).toEqual({ day: dashboard.today, supporters: expected.count('confirmed'), sharesFor })

    // The demo records its earlier results as percentages only: nothing is invented.
    expect(dashboard.lastVote).toMatchObject({ year: 2023, votesFor: null })
    expect(dashboard.sharesFor.percentOfLastVotesCast).toBeNull()
    expect(dashboard.estimate).toEqual({ ok: false, reason: expect.stringMatching(/2023 result is recorded only as a percentage/) })
    expect(dashboard.goals).toEqual([])
    expect(dashboard.projection.ok).toBe(false)
    expect(dashboard.keyDates.map((d) => d.key)).toEqual(['record_date', 'vote_deadline', 'agm'])
  })

  test('pledge changes move the figures, and the outcome follows from the last recorded vote', async () => {
    const proposalKey = `dashboard-${Date.now()}`
    const campaign = await createCampaign(db(), { proposal_key: proposalKey, agm_year: 2030 })
    await db().insertInto('proposal_votes').values({ proposal_key: proposalKey, meeting_year: 2029, votes_for: '300000', votes_against: '700000' }).execute()
    const view = () => getDashboard(db(), { campaign, now: new Date() })
    const pledge = (email: string, overrides: Partial<typeof basePledge> = {}) =>
      recordPledge(db(), { campaign, pledge: { ...basePledge, email, ...overrides }, formVersion: PLEDGE_FORM_VERSION })

    const first = await pledge('first@example.org', { shares: '1000' })
    let d = await view()
    expect(d.supporters).toEqual({ confirmed: 0, pending: 1 })
    expect(d.series).toEqual([])

    await confirmByToken(db(), { token: first.links.confirmToken! })
    d = await view()
    expect(d.supporters).toEqual({ confirmed: 1, pending: 0 })
    expect(d.shares.byIntention.for).toBe('1000')
    expect(d.sharesFor).toEqual({ percentOfOutstanding: '0.1000', percentOfLastVotesCast: '0.10' })
    expect(d.threshold.thresholdPercent).toBe(15)
    expect(d.estimate).toEqual({ ok: true, votesCast: '1000000', year: 2029 })
    expect(d.goals).toEqual([
      { key: 'resubmission', percent: '15', votesNeeded: '150000', sharesNeeded: '149000', reached: false },
      { key: 'majority', percent: '50', votesNeeded: '500001', sharesNeeded: '499001', reached: false },
    ])
    // 999,000 other votes split 30/70 as in 2029: 299,700 for, plus the 1,000 pledged.
    expect(d.projection).toEqual({
      ok: true,
      votesCast: '1000000',
      remainder: '999000',
      projectedFor: '300700',
      projectedAgainst: '699300',
      supportPercent: '30.07',
      clearsThreshold: true,
      majority: false,
    })
    expect(d.series.at(-1)).toEqual({ day: d.today, supporters: 1, sharesFor: '1000' })

    await sql`update pledges set intention = 'against', voted_at = now() where campaign_id = ${campaign.id}`.execute(db())
    d = await view()
    expect(d.shares.byIntention).toEqual({ for: '0', against: '1000', abstain: '0', undecided: '0' })
    expect(d.voted).toEqual({ voted: 1, notYet: 0, forSharesNotYetVoted: '0' })
    expect(d.projection).toMatchObject({ ok: true, projectedFor: '299700', supportPercent: '29.97' })
    expect(d.series.at(-1)).toEqual({ day: d.today, supporters: 1, sharesFor: '0' })

    const big = await pledge('fund@example.org', { shares: '600000', holderType: 'institutional', broker: 'State Street' })
    await confirmByToken(db(), { token: big.links.confirmToken! })
    await pledge('later@example.org', { shares: '5' })
    d = await view()
    expect(d.supporters).toEqual({ confirmed: 2, pending: 1 })
    expect(d.goals.map((g) => [g.key, g.sharesNeeded, g.reached])).toEqual([
      ['resubmission', '0', true],
      ['majority', '0', true],
    ])
    expect(d.projection).toMatchObject({ ok: true, projectedFor: '719700', majority: true })
    expect(d.byHolderType.find((h) => h.holderType === 'institutional')).toEqual({ holderType: 'institutional', supporters: 1, shares: '600000', sharesFor: '600000' })
    expect(d.byBroker.map((b) => [b.kind, b.label, b.supporters, b.shares])).toEqual([
      ['broker', 'State Street', 1, '600000'],
      ['broker', 'Fidelity', 1, '1000'],
    ])

    await sql`update pledges set status = 'withdrawn' where campaign_id = ${campaign.id} and shares = 600000`.execute(db())
    await sql`delete from pledges where campaign_id = ${campaign.id} and status = 'pending'`.execute(db())
    d = await view()
    expect(d.supporters).toEqual({ confirmed: 1, pending: 0 })
    expect(d.byBroker.map((b) => b.label)).toEqual(['Fidelity'])
    expect(d.series.at(-1)).toMatchObject({ supporters: 1, sharesFor: '0' })
  })

  test('without an earlier vote, the dashboard says why it cannot estimate votes cast', async () => {
    const campaign = await createCampaign(db(), { proposal_key: `first-vote-${Date.now()}` })
    const d = await getDashboard(db(), { campaign, now: new Date() })
    expect(d.lastVote).toBeNull()
    expect(d.threshold.thresholdPercent).toBe(5)
    expect(d.estimate).toEqual({ ok: false, reason: expect.stringMatching(/No earlier vote/) })
    expect(d.projection).toEqual({ ok: false, reason: expect.stringMatching(/No earlier vote/) })
    expect(d.supporters).toEqual({ confirmed: 0, pending: 0 })
  })
})

describe(`pledge_status_counts triggers on ${testDatabaseKind}`, () => {
  let own: DatabaseHandle
  beforeAll(async () => {
    own = await createTestDatabase()
  })
  afterAll(async () => own?.close())

  async function countsAndTruth(target: Db) {
    const { rows: counts } = await sql<{ campaign_id: number; status: string; pledges: string }>`
      select campaign_id, status, sum(pledges)::text as pledges from pledge_status_counts
      group by 1, 2 having sum(pledges) <> 0 order by 1, 2`.execute(target)
    const { rows: truth } = await sql<{ campaign_id: number; status: string; pledges: string }>`
      select campaign_id, status, count(*)::text as pledges from pledges group by 1, 2 order by 1, 2`.execute(target)
    return { counts, truth }
  }

  test('are backfilled by the migration, and keep counting inserts, updates and deletes', async () => {
    const target = own.db
    const a = await createCampaign(target)
    const b = await createCampaign(target)
    const supporters = await target
      .insertInto('supporters')
      .values(Array.from({ length: 6 }, (_, i) => ({ email: `s${i}@example.org` })))
      .returning('id')
      .execute()
    const pledgeRow = (campaignId: number, supporterId: string, confirmed: boolean) => ({
      campaign_id: campaignId,
      supporter_id: supporterId,
      intention: 'for' as const,
      form_version: 'test',
      status: confirmed ? ('confirmed' as const) : ('pending' as const),
      confirmed_at: confirmed ? new Date() : null,
    })
    await target.insertInto('pledges').values([pledgeRow(a.id, supporters[0]!.id, true), pledgeRow(a.id, supporters[1]!.id, false)]).execute()

    // Down: the table and its functions go; pledges change meanwhile, uncounted.
    const migrator = new Migrator({ db: target, provider: { getMigrations: async () => migrations } })
    const down = await migrator.migrateTo('0005-email-queue')
    expect(down.error).toBeUndefined()
    const { rows: functions } = await sql`select proname from pg_proc where proname like 'pledge\\_status\\_counts\\_%'`.execute(target)
    expect(functions).toEqual([])
    await target.insertInto('pledges').values([pledgeRow(b.id, supporters[2]!.id, true), pledgeRow(b.id, supporters[3]!.id, false), pledgeRow(a.id, supporters[4]!.id, false)]).execute()
    await target.updateTable('pledges').set({ status: 'confirmed', confirmed_at: new Date() }).where('supporter_id', '=', supporters[1]!.id).execute()

    // Up: the backfill counts what is there.
    await migrateToLatest(target)
    let { counts, truth } = await countsAndTruth(target)
    expect(counts).toEqual(truth)
    expect(counts).toHaveLength(4)

    // And the triggers keep it so: a multi-row insert, an update across statuses, deletes.
    await target.insertInto('pledges').values([pledgeRow(b.id, supporters[5]!.id, false), pledgeRow(b.id, supporters[0]!.id, true)]).execute()
    await target.updateTable('pledges').set({ status: 'withdrawn' }).where('campaign_id', '=', a.id).where('status', '=', 'confirmed').execute()
    await target.deleteFrom('pledges').where('supporter_id', '=', supporters[3]!.id).execute()
    await target.deleteFrom('supporters').where('id', '=', supporters[4]!.id).execute() // cascades to its pledge
    ;({ counts, truth } = await countsAndTruth(target))
    expect(counts).toEqual(truth)
    expect(counts.find((c) => c.campaign_id === a.id && c.status === 'withdrawn')?.pledges).toBe('2')

    // Deleting a campaign takes its counts with it (its pledges go by cascade).
    await target.deleteFrom('campaigns').where('id', '=', a.id).execute()
    ;({ counts, truth } = await countsAndTruth(target))
    expect(counts).toEqual(truth)
    expect(counts.every((c) => c.campaign_id === b.id)).toBe(true)
  })
})
