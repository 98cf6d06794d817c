import type { Campaign, ExpectedVote, Db } from '../../db/schema'
import { type Block, type LastResult, type Lean, project, type ProjectionResult } from '../utils/projection'
import { type ResubmissionThreshold, resubmissionThreshold } from '../utils/resubmission'
import { getProposalVotes } from './campaigns.server'
import { type BoardRow, loadHolderBoard } from './targeting.server'

// The projection page's data: the holders and their expected votes, the pledges, the last
// result, and the projection with and without the organizer's scenario (docs/vote-model.md).

export type Flip = ExpectedVote | 'unknown'

export interface Scenario {
  /** Votes cast for or against as a percentage of shares outstanding; null: from the last meeting. */
  turnoutPercent: string | null
  bandPoints: number
  /** Holder id → the vote the scenario assumes instead of the expected one. */
  flips: Record<string, Flip>
}

export const DEFAULT_BAND_POINTS = 5

function leanOfFlip(flip: Flip): Lean {
  return { kind: flip === 'abstain' ? 'abstain' : flip }
}

export function blocksFrom(rows: BoardRow[], pledged: { for: string; against: string }, flips: Record<string, Flip> = {}): Block[] {
  const blocks: Block[] = rows.map((r) => ({
    id: r.id,
    label: r.name,
    group: r.kind === 'affiliated' ? 'affiliated' : 'holder',
    shares: r.shares,
    lean: flips[r.id] ? leanOfFlip(flips[r.id]!) : r.lean,
  }))
  if (BigInt(pledged.for) > 0n) blocks.push({ id: 'pledged-for', label: 'Pledged for on Quorum', group: 'pledges', shares: pledged.for, lean: { kind: 'for' } })
  if (BigInt(pledged.against) > 0n) blocks.push({ id: 'pledged-against', label: 'Pledged against on Quorum', group: 'pledges', shares: pledged.against, lean: { kind: 'against' } })
  return blocks
}

async function pledgedShares(db: Db, campaignId: number) {
  const rows = await db
    .selectFrom('pledge_stats_daily')
    .select(['intention', (eb) => eb.fn.sum<string>('shares').as('shares')])
    .where('campaign_id', '=', campaignId)
    .where('intention', 'in', ['for', 'against'])
    .groupBy('intention')
    .execute()
  const of = (intention: string) => BigInt(rows.find((r) => r.intention === intention)?.shares ?? 0).toString()
  return { for: of('for'), against: of('against') }
}

export interface VoteModel {
  rows: BoardRow[]
  pledged: { for: string; against: string }
  last: LastResult | null
  threshold: ResubmissionThreshold
  expected: ProjectionResult
  scenario: ProjectionResult
  scenarioChanged: boolean
}

export async function getVoteModel(db: Db, input: { campaign: Campaign; scenario: Scenario }): Promise<VoteModel> {
  const { campaign, scenario } = input
  const [rows, pledged, votes] = await Promise.all([loadHolderBoard(db, { campaign }), pledgedShares(db, campaign.id), getProposalVotes(db, { proposalKey: campaign.proposal_key })])
  const earlier = votes.filter((v) => v.meeting_year < campaign.agm_year)
  const lastVote = earlier.at(-1) ?? null
  const last: LastResult | null = lastVote
    ? { year: lastVote.meeting_year, votesFor: lastVote.votes_for, votesAgainst: lastVote.votes_against, sharesOutstanding: lastVote.shares_outstanding, supportPercent: lastVote.support_percent }
    : null
  const threshold = resubmissionThreshold(campaign.agm_year, earlier.map((v) => v.meeting_year))
  const base = { sharesOutstanding: campaign.shares_outstanding, last, thresholdPercent: threshold.thresholdPercent, settingTurnoutPercent: campaign.expected_turnout_percent }
  const known = Object.fromEntries(Object.entries(scenario.flips).filter(([id]) => rows.some((r) => r.id === id)))
  const expected = project({ ...base, turnoutPercent: null, bandPoints: DEFAULT_BAND_POINTS, blocks: blocksFrom(rows, pledged) })
  const withScenario = project({ ...base, turnoutPercent: scenario.turnoutPercent, bandPoints: scenario.bandPoints, blocks: blocksFrom(rows, pledged, known) })
  const scenarioChanged = Object.keys(known).length > 0 || scenario.turnoutPercent !== null || scenario.bandPoints !== DEFAULT_BAND_POINTS
  return { rows, pledged, last, threshold, expected, scenario: withScenario, scenarioChanged }
}
