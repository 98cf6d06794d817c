import type { Db } from '../../db/schema'
import { figuresByIntention } from '../utils/public-figures'
import { resubmissionThreshold } from '../utils/resubmission'
import { percentOf } from '../utils/tally'
import { getProposalVotes, getPublicCampaign } from './campaigns.server'
import { estimateVotesCast, goals } from '../utils/dashboard-outlook'
import { getMeetingResult, judgeResult } from './meeting-results.server'
import { getTally } from './tally.server'

// What the embeddable tally (/embed/c/:slug) and the badge (/c/:slug/badge.svg) show: the
// public figures, and how far the shares pledged for go towards the resubmission threshold,
// measured as the dashboard measures it (against the last meeting's votes cast). Once the
// meeting has voted, its official result replaces the estimate.

export type ThresholdProgress =
  /** Before the vote: shares pledged for against the votes for the threshold needs. */
  | { kind: 'pledges'; thresholdPercent: number; votesNeeded: string; pledgedFor: string; percentOfNeeded: string; reached: boolean; basisYear: number }
  /** After the vote: the official support against the threshold. */
  | { kind: 'result'; thresholdPercent: number; supportPercent: string; year: number; clearsThreshold: boolean; majority: boolean }
  /**
   * No earlier vote with counts, so votes cast are unknown: shares pledged for as a share of all
   * shares outstanding. NOTE: fewer shares are cast than are outstanding, so this understates
   * progress towards a threshold of votes cast; it never overstates it.
   */
  | { kind: 'outstanding'; thresholdPercent: number; percentOfOutstanding: string }

export async function getEmbedData(db: Db, input: { slug: string }) {
  const campaign = await getPublicCampaign(db, input)
  if (!campaign) return null
  const [tally, votes, result] = await Promise.all([
    getTally(db, { campaignId: campaign.id }),
    getProposalVotes(db, { proposalKey: campaign.proposal_key }),
    getMeetingResult(db, campaign),
  ])
  const earlierVotes = votes.filter((v) => v.meeting_year < campaign.agm_year)
  const threshold = resubmissionThreshold(
    campaign.agm_year,
    earlierVotes.map((v) => v.meeting_year),
  )
  const figures = figuresByIntention(tally)
  const estimate = estimateVotesCast(earlierVotes.at(-1) ?? null)

  let progress: ThresholdProgress = {
    kind: 'outstanding',
    thresholdPercent: threshold.thresholdPercent,
    percentOfOutstanding: percentOf(figures.for.shares, campaign.shares_outstanding, 2),
  }
  if (result) {
    const judged = judgeResult(result, threshold.thresholdPercent)
    progress = { kind: 'result', thresholdPercent: threshold.thresholdPercent, supportPercent: result.supportPercent, year: result.year, ...judged }
  } else if (estimate.ok) {
    const goal = goals(estimate.votesCast, figures.for.shares, threshold.thresholdPercent).find((g) => g.key === 'resubmission')!
    progress = {
      kind: 'pledges',
      thresholdPercent: threshold.thresholdPercent,
      votesNeeded: goal.votesNeeded,
      pledgedFor: figures.for.shares,
      percentOfNeeded: percentOf(figures.for.shares, goal.votesNeeded, 1),
      reached: goal.reached,
      basisYear: estimate.year,
    }
  }

  return {
    campaign: {
      slug: campaign.slug,
      title: campaign.title,
      company: campaign.company,
      agmYear: campaign.agm_year,
      status: campaign.status,
      legend: campaign.legend,
      isDemo: campaign.is_demo,
    },
    pledgedFor: figures.for,
    progress,
  }
}

export type EmbedData = NonNullable<Awaited<ReturnType<typeof getEmbedData>>>
