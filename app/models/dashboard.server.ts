import type { Campaign, Db } from '../../db/schema'
import { HOLDER_TYPES } from '../schemas/fields'
import { calendarDateIn } from '../utils/dates'
import { dailySeries, estimateVotesCast, goals, type Projection, projectOutcome } from '../utils/dashboard-outlook'
import { figuresByIntention } from '../utils/public-figures'
import { type ResubmissionThreshold, resubmissionThreshold } from '../utils/resubmission'
import { percentOf, tallyFromRows } from '../utils/tally'
import { keyDates } from './campaign-page.server'
import { getProposalVotes } from './campaigns.server'
import { brokerBreakdown, cubeTotals, cumulativeByDay, sourceBreakdown, statusCounts } from './dashboard-queries.server'
import { getMeetingResult, judgeResult } from './meeting-results.server'

// The organizer dashboard: the reads (dashboard-queries.server.ts) put through the outlook's
// arithmetic (utils/dashboard-outlook.ts). No figure comes from `pledges` itself.

export type { BrokerRow } from './dashboard-queries.server'
export type { Goal, Projection, SeriesPoint, VotesCastEstimate } from '../utils/dashboard-outlook'

export async function getDashboard(db: Db, input: { campaign: Campaign; now: Date }) {
  const { campaign, now } = input
  const [counts, cube, days, brokers, sources, votes, result] = await Promise.all([
    statusCounts(db, campaign.id),
    cubeTotals(db, campaign.id),
    cumulativeByDay(db, campaign.id),
    brokerBreakdown(db, campaign.id),
    sourceBreakdown(db, campaign.id),
    getProposalVotes(db, { proposalKey: campaign.proposal_key }),
    getMeetingResult(db, campaign),
  ])

  const tally = tallyFromRows(cube)
  const pledgedFor = tally.sharesByIntention.for

  const byHolderType = HOLDER_TYPES.map((holderType) => {
    const rows = cube.filter((r) => r.holder_type === holderType)
    return {
      holderType,
      supporters: rows.reduce((n, r) => n + Number(r.supporters), 0),
      shares: rows.reduce((n, r) => n + BigInt(r.shares), 0n).toString(),
      sharesFor: rows.filter((r) => r.intention === 'for').reduce((n, r) => n + BigInt(r.shares), 0n).toString(),
    }
  })
  const notVotedFor = cube.filter((r) => !r.voted && r.intention === 'for').reduce((n, r) => n + BigInt(r.shares), 0n)
  const sharesDisclosedBy = cube.reduce((n, r) => n + Number(r.shares_disclosed), 0)

  const earlierVotes = votes.filter((v) => v.meeting_year < campaign.agm_year)
  const lastVote = earlierVotes[earlierVotes.length - 1] ?? null
  const threshold: ResubmissionThreshold = resubmissionThreshold(
    campaign.agm_year,
    earlierVotes.map((v) => v.meeting_year),
  )
  const estimate = estimateVotesCast(lastVote)
  // estimate.ok means lastVote has both counts.
  const projection: Projection = !estimate.ok
    ? { ok: false, reason: estimate.reason }
    : projectOutcome({
        lastVote: { votesFor: lastVote!.votes_for!, votesAgainst: lastVote!.votes_against! },
        pledgedFor,
        pledgedAgainst: tally.sharesByIntention.against,
        thresholdPercent: threshold.thresholdPercent,
      })

  const dates = keyDates(campaign, now)
  const today = calendarDateIn(now, campaign.time_zone)
  const meetingDay = calendarDateIn(campaign.agm_at, campaign.time_zone)

  return {
    campaign: {
      slug: campaign.slug,
      title: campaign.title,
      company: campaign.company,
      ticker: campaign.ticker,
      agmYear: campaign.agm_year,
      status: campaign.status,
      isDemo: campaign.is_demo,
      timeZone: campaign.time_zone,
      sharesOutstanding: campaign.shares_outstanding,
      /** The meeting has voted: the dashboard reads its result instead of projecting one. */
      meetingPast: now >= campaign.agm_at,
    },
    today,
    /** The official result of this campaign's own meeting, once recorded. */
    result: result ? { ...result, ...judgeResult(result, threshold.thresholdPercent) } : null,
    supporters: { confirmed: counts.confirmed, pending: counts.pending },
    figures: figuresByIntention(tally),
    shares: {
      byIntention: tally.sharesByIntention,
      supportersByIntention: tally.supportersByIntention,
      pledged: tally.sharesPledged,
      /** Confirmed supporters who gave a number of shares. */
      disclosedBy: sharesDisclosedBy,
    },
    sharesFor: {
      percentOfOutstanding: percentOf(pledgedFor, campaign.shares_outstanding, 4),
      percentOfLastVotesCast: estimate.ok ? percentOf(pledgedFor, estimate.votesCast, 2) : null,
    },
    voted: { voted: tally.voted, notYet: counts.confirmed - tally.voted, forSharesNotYetVoted: notVotedFor.toString() },
    series: dailySeries(days, today < meetingDay ? today : meetingDay),
    byHolderType,
    byBroker: brokers,
    bySource: sources,
    lastVote: lastVote
      ? {
          year: lastVote.meeting_year,
          supportPercent: lastVote.support_percent,
          votesFor: lastVote.votes_for,
          votesAgainst: lastVote.votes_against,
        }
      : null,
    threshold,
    estimate,
    goals: estimate.ok ? goals(estimate.votesCast, pledgedFor, threshold.thresholdPercent) : [],
    projection,
    keyDates: dates,
  }
}

export type DashboardData = Awaited<ReturnType<typeof getDashboard>>
