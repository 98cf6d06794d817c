import { storeFundVotes, storeHolders } from '../../app/models/holder-imports.server'
import type { NpxRecord } from '../../app/sec/npx.server'
import { addDays, calendarDateIn } from '../../app/utils/dates'
import type { Campaign, EngagementStatus, HowVoted } from '../schema'
import type { Db } from '../schema'

// The demo's vote model: a holder register, fund votes and an engagement board for the live
// demo campaign. Every name and figure here is ILLUSTRATIVE — made up, and labelled so wherever
// it is shown (is_demo) — chosen so that each view has something to show: holders that voted
// for, against, split or not at all, organizer-set expectations, and a projection whose
// thresholds a few holders could cross. Imports run through the same code as a real import,
// under fixed source keys, so seeding twice changes nothing.

export const DEMO_CUSIP = '023135106' // Amazon.com, Inc. common stock (public fact)
export const DEMO_TURNOUT_PERCENT = '72.00' // illustrative: the 2023 result is recorded only as a percentage

type Vote = HowVoted | 'split' | null
/** [name, shares, 2022 vote, 2023 vote, engagement] */
const HOLDERS: Array<[string, number, Vote, Vote, EngagementStatus | null]> = [
  ['Illustrative Index Advisors', 845_000_000, 'against', 'against', 'met'],
  ['Illustrative Global Investors', 640_000_000, 'against', 'split', 'contacted'],
  ['Illustrative Street Advisors', 555_000_000, 'against', 'against', 'contacted'],
  ['Illustrative Mutual Management', 240_000_000, 'for', 'for', 'supports'],
  ['Illustrative Retirement Fund', 150_000_000, 'for', 'for', 'supports'],
  ['Illustrative Growth Partners', 132_000_000, 'against', 'against', 'declined'],
  ['Illustrative Capital Research', 121_000_000, null, null, null],
  ['Illustrative Pension Trust', 98_000_000, 'for', 'split', 'met'],
  ['Illustrative Sovereign Fund', 93_000_000, 'for', 'for', null],
  ['Illustrative Wealth Managers', 87_000_000, 'against', 'abstain', null],
  ['Illustrative Quant Strategies', 74_000_000, null, null, null],
  ['Illustrative Bank Trust Dept.', 66_000_000, 'against', 'against', null],
  ['Illustrative Teachers’ Fund', 52_000_000, 'for', 'for', 'supports'],
  ['Illustrative Insurance Investors', 47_000_000, 'against', 'against', null],
  ['Illustrative ESG Leaders Fund', 31_000_000, 'for', 'for', 'contacted'],
  ['Illustrative Value Partners', 28_000_000, null, 'against', null],
  ['Illustrative Endowment Office', 17_000_000, null, null, null],
  ['Illustrative Family Office', 9_500_000, null, 'for', null],
]
const FIRST_CIK = 9_900_101
const FOUNDER = { name: 'Illustrative founder stake', shares: '950000000', note: 'Illustrative: an affiliated holder as a proxy statement’s ownership table lists one' }

function record(seq: number, name: string, cik: string, date: string, description: string, how: HowVoted, shares: number, proposedBy: 'issuer' | 'shareholder'): NpxRecord & { fundName: string } {
  return {
    seq, line: 0, fundName: `${name} Funds`, fundCik: cik, seriesId: null, issuerName: 'AMAZON.COM, INC.', cusip: DEMO_CUSIP, meetingDate: date,
    voteDescription: description, proposedBy, howVoted: how, sharesVoted: String(shares),
    // For a shareholder proposal the board recommends against: voting for is voting against management.
    withManagement: how === 'for' ? proposedBy === 'issuer' : how === 'against' ? proposedBy === 'shareholder' : null,
  }
}

export async function seedDemoVoteModel(db: Db, campaign: Campaign, today: Date): Promise<void> {
  await db.updateTable('campaigns').set({ cusip: DEMO_CUSIP, expected_turnout_percent: DEMO_TURNOUT_PERCENT }).where('id', '=', campaign.id).execute()
  const withCusip = { ...campaign, cusip: DEMO_CUSIP }
  const period = `${Number(calendarDateIn(today, 'UTC').slice(0, 4)) - 1}-12-31`
  await storeHolders(db, {
    campaignId: campaign.id, organizerId: null, source: '13f_xml', sourceKey: 'demo:13f', label: 'Illustrative 13F holdings (demo)', rows: HOLDERS.length, isDemo: true,
    holders: HOLDERS.map(([name, shares], i) => ({ cik: String(FIRST_CIK + i), name, shares: String(shares), votingSole: String(Math.round(shares * 0.9)), votingShared: '0', votingNone: String(shares - Math.round(shares * 0.9)), period, accessionNumber: null })),
  })
  const exists = await db.selectFrom('holders').select('id').where('campaign_id', '=', campaign.id).where('kind', '=', 'affiliated').where('name', '=', FOUNDER.name).executeTakeFirst()
  if (!exists) await db.insertInto('holders').values({ campaign_id: campaign.id, kind: 'affiliated', name: FOUNDER.name, shares: FOUNDER.shares, expected_vote: 'against', note: FOUNDER.note, source: 'manual', is_demo: true }).execute()

  const records: Array<NpxRecord & { fundName: string }> = []
  const meetings: Array<[string, 2 | 3]> = [['2022-05-25', 2], ['2023-05-24', 3]]
  HOLDERS.forEach(([name, shares, ...votes], i) => {
    const cik = String(FIRST_CIK + i)
    meetings.forEach(([date, column]) => {
      const vote = votes[column - 2] as Vote
      if (!vote) return
      const voted = Math.round(shares * 0.96)
      records.push(record(records.length + 1, name, cik, date, 'Elect Director Andrew R. Jassy', 'for', voted, 'issuer'))
      if (vote === 'split') {
        records.push(record(records.length + 1, name, cik, date, 'Shareholder Proposal Requesting a Report on Customer Due Diligence', 'for', Math.round(voted * 0.4), 'shareholder'))
        records.push(record(records.length + 1, name, cik, date, 'Shareholder Proposal Requesting a Report on Customer Due Diligence', 'against', voted - Math.round(voted * 0.4), 'shareholder'))
      } else records.push(record(records.length + 1, name, cik, date, 'Shareholder Proposal Requesting a Report on Customer Due Diligence', vote, voted, 'shareholder'))
    })
  })
  await storeFundVotes(db, { campaign: withCusip, organizerId: null, sourceKey: 'demo:npx', label: 'Illustrative N-PX records (demo)', entries: records.length, records, isDemo: true })

  const holders = await db.selectFrom('holders').select(['id', 'name']).where('campaign_id', '=', campaign.id).where('is_demo', '=', true).execute()
  const todayDate = calendarDateIn(today, campaign.time_zone)
  const engagement = HOLDERS.flatMap(([name, , , , status], i) => {
    const holder = holders.find((h) => h.name === name)
    if (!holder || !status) return []
    return [{
      holder_id: holder.id, campaign_id: campaign.id, status,
      contact: `stewardship@holder-${i + 1}.example`,
      notes: status === 'met' ? 'Illustrative: asked for the proponents’ evidence on customer vetting.' : status === 'declined' ? 'Illustrative: follows the board on social proposals.' : null,
      next_step_on: status === 'contacted' || status === 'met' ? addDays(todayDate, 3 + i) : null,
      expected_vote: name === 'Illustrative Pension Trust' ? ('for' as const) : null,
    }]
  })
  if (engagement.length) await db.insertInto('holder_engagement').values(engagement).onConflict((oc) => oc.column('holder_id').doNothing()).execute()
}
