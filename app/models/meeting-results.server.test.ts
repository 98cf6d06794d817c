import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { CLOSED_SLUG, LIVE_SLUG, seedDemo } from '../../db/seed/demo'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { getCampaignPage } from './campaign-page.server'
import { listPublicCampaigns } from './campaigns.server'
import { getDashboard } from './dashboard.server'
import { getMeetingResult, getMeetingResults } from './meeting-results.server'

// A closed campaign leads with its official result, and every page reads it from one place.

let handle: DatabaseHandle
let closed: Campaign
let live: Campaign
beforeAll(async () => {
  handle = await createTestDatabase()
  await seedDemo(handle.db, { pledges: 20 })
  closed = await handle.db.selectFrom('campaigns').selectAll().where('slug', '=', CLOSED_SLUG).executeTakeFirstOrThrow()
  live = await handle.db.selectFrom('campaigns').selectAll().where('slug', '=', LIVE_SLUG).executeTakeFirstOrThrow()
})
afterAll(async () => handle?.close())

describe(`a meeting's official result on ${testDatabaseKind}`, () => {
  test('is read per campaign: the 2022 campaign has its 40.3%, the live one none yet', async () => {
    expect(await getMeetingResult(handle.db, closed)).toMatchObject({ year: 2022, supportPercent: '40.30', votesFor: null, votesAgainst: null })
    expect(await getMeetingResult(handle.db, live)).toBeNull()
    const both = await getMeetingResults(handle.db, [closed, live])
    expect([...both.keys()]).toEqual([closed.id])
  })

  test('the closed campaign page leads with it and speaks of its meeting in the past', async () => {
    const page = (await getCampaignPage(handle.db, { slug: CLOSED_SLUG, now: new Date() }))!
    expect(page.campaign.meetingPast).toBe(true)
    expect(page.result).toMatchObject({ supportPercent: '40.30', clearsThreshold: true, majority: false })
    // No pledges were made on Quorum for 2022: the tally says so instead of a row of zeros.
    expect(page.tally.supporters).toBe(0)
  })

  test('the home page pairs the closed campaign with its result, and the live one with people pledged for', async () => {
    const campaigns = await listPublicCampaigns(handle.db)
    const byslug = new Map(campaigns.map((c) => [c.slug, c]))
    expect(byslug.get(CLOSED_SLUG)!.result).toMatchObject({ supportPercent: '40.30' })
    expect(byslug.get(LIVE_SLUG)!.result).toBeNull()
  })

  test('the closed campaign’s dashboard reads the recorded result, in the past tense', async () => {
    const dashboard = await getDashboard(handle.db, { campaign: closed, now: new Date() })
    expect(dashboard.campaign.meetingPast).toBe(true)
    expect(dashboard.result).toMatchObject({ year: 2022, supportPercent: '40.30', clearsThreshold: true })
  })

  test('the live dashboard knows the 2023 counts are missing, and the result appears once recorded', async () => {
    const dashboard = await getDashboard(handle.db, { campaign: live, now: new Date() })
    expect(dashboard.result).toBeNull()
    expect(dashboard.lastVote).toMatchObject({ year: 2023, votesFor: null, votesAgainst: null })
    expect(dashboard.estimate).toMatchObject({ ok: false })

    await handle.db.insertInto('proposal_votes').values({ proposal_key: live.proposal_key, meeting_year: live.agm_year, votes_for: '512', votes_against: '488' }).execute()
    try {
      const after = await getDashboard(handle.db, { campaign: live, now: new Date(live.agm_at.getTime() + 86_400_000) })
      expect(after.campaign.meetingPast).toBe(true)
      expect(after.result).toMatchObject({ supportPercent: '51.20', majority: true, votesFor: '512' })
    } finally {
      await handle.db.deleteFrom('proposal_votes').where('proposal_key', '=', live.proposal_key).where('meeting_year', '=', live.agm_year).execute()
    }
  })

  test('report back: the campaign page sets the official counts beside the shares pledged for here', async () => {
    const counts = { votes_for: '2000000', votes_against: '6000000', abstentions: '150000', broker_non_votes: '900000' }
    await handle.db.insertInto('proposal_votes').values({ proposal_key: live.proposal_key, meeting_year: live.agm_year, ...counts }).execute()
    try {
      const page = (await getCampaignPage(handle.db, { slug: LIVE_SLUG, now: new Date(live.agm_at.getTime() + 86_400_000) }))!
      const pledgedFor = BigInt(page.tally.sharesByIntention.for)
      expect(page.result).toMatchObject({ supportPercent: '25.00', votes: { for: '2000000', against: '6000000', abstain: '150000', brokerNonVotes: '900000' } })
      // Pledged-for shares as a share of the For votes, to one decimal, rounded half up.
      const expected = (Number((pledgedFor * 1000n * 2n + 2_000_000n) / (2_000_000n * 2n)) / 10).toFixed(1)
      expect(page.result!.pledgedOfFor).toBe(expected)
    } finally {
      await handle.db.deleteFrom('proposal_votes').where('proposal_key', '=', live.proposal_key).where('meeting_year', '=', live.agm_year).execute()
    }
  })
})
