import { type Kysely, sql } from 'kysely'
import type { Campaign, Database, HolderType, ProposalVote } from '../../db/schema'
import { addDays, calendarDateIn } from '../utils/dates'
import { type ResubmissionThreshold, resubmissionThreshold } from '../utils/resubmission'
import { figuresByIntention } from '../utils/public-figures'
import { percentOf, tallyFromRows } from '../utils/tally'
import { keyDates } from './campaign-page.server'
import { getProposalVotes } from './campaigns.server'
import { getMeetingResult, judgeResult } from './meeting-results.server'

// The organizer dashboard. Every figure comes from tables the database keeps by triggers —
// pledge_status_counts (0006), pledge_stats_daily and pledge_broker_stats (0002) — and never
// from `pledges` itself, so the page costs the same at a thousand pledges and at a million.
// Share counts stay decimal strings with BigInt arithmetic: totals can pass 2^53.

export const HOLDER_TYPES: HolderType[] = ['retail', 'institutional', 'employee', 'other']
const TOP_BROKERS = 10

export interface SeriesPoint {
  day: string
  /** Confirmed supporters at the end of the day. */
  supporters: number
  /** Pledged "for" shares at the end of the day. */
  sharesFor: string
}

export interface BrokerRow {
  kind: 'broker' | 'other' | 'none'
  /** The broker's name as first given; null for "other" and "not given". */
  label: string | null
  /** How many brokers the row stands for (more than one for "other"). */
  brokers: number
  supporters: number
  shares: string
}

export interface Goal {
  key: 'resubmission' | 'majority'
  /** The share of votes cast the goal needs, e.g. "15" (at least) or "50" (over). */
  percent: string
  votesNeeded: string
  /** Pledged "for" shares still missing; "0" once reached. */
  sharesNeeded: string
  reached: boolean
}

export type VotesCastEstimate = { ok: true; votesCast: string; year: number } | { ok: false; reason: string }

export type Projection =
  | {
      ok: true
      votesCast: string
      /** Votes cast that are not pledged for or against: split as at the last meeting. */
      remainder: string
      projectedFor: string
      projectedAgainst: string
      supportPercent: string
      clearsThreshold: boolean
      majority: boolean
    }
  | { ok: false; reason: string }

// ---- Reads: each is bounded by days, intentions, holder types or brokers, never by pledges. ----

async function statusCounts(db: Kysely<Database>, campaignId: number) {
  const rows = await db
    .selectFrom('pledge_status_counts')
    .select(['status', (eb) => eb.fn.sum<string>('pledges').as('pledges')])
    .where('campaign_id', '=', campaignId)
    .groupBy('status')
    .execute()
  const counts = { pending: 0, confirmed: 0, withdrawn: 0 }
  for (const row of rows) counts[row.status] = Number(row.pledges)
  return counts
}

async function cubeTotals(db: Kysely<Database>, campaignId: number) {
  return db
    .selectFrom('pledge_stats_daily')
    .select((eb) => [
      'intention',
      'holder_type',
      'voted',
      eb.fn.sum<string>('supporters').as('supporters'),
      eb.fn.sum<string>('shares').as('shares'),
      eb.fn.sum<string>('shares_disclosed').as('shares_disclosed'),
    ])
    .where('campaign_id', '=', campaignId)
    .groupBy(['intention', 'holder_type', 'voted'])
    .execute()
}

/** The running sum of the daily deltas: confirmed supporters and "for" shares at each day's end. */
async function cumulativeByDay(db: Kysely<Database>, campaignId: number) {
  const { rows } = await sql<{ day: string; supporters: string; shares_for: string }>`
    select day,
           sum(sum(supporters)) over (order by day) as supporters,
           sum(coalesce(sum(shares) filter (where intention = 'for'), 0)) over (order by day) as shares_for
    from pledge_stats_daily
    where campaign_id = ${campaignId}
    group by day
    order by day`.execute(db)
  return rows
}

/** The ten brokers with the most pledged shares, the rest as one row, and "not given". */
async function brokerBreakdown(db: Kysely<Database>, campaignId: number): Promise<BrokerRow[]> {
  const { rows } = await sql<{ kind: BrokerRow['kind']; label: string | null; brokers: number; supporters: string; shares: string }>`
    with ranked as (
      select broker_key, broker_label, supporters, shares,
             row_number() over (partition by broker_key = '' order by shares desc, supporters desc, broker_key) as rank
      from pledge_broker_stats
      where campaign_id = ${campaignId} and supporters > 0
    ),
    bucketed as (
      select case when broker_key = '' then 'none' when rank <= ${TOP_BROKERS} then 'broker' else 'other' end as kind,
             case when broker_key <> '' and rank <= ${TOP_BROKERS} then broker_key end as key,
             broker_label, supporters, shares
      from ranked
    )
    select kind, case when kind = 'broker' then min(broker_label) end as label, count(*)::int as brokers,
           sum(supporters) as supporters, sum(shares) as shares
    from bucketed
    group by kind, key`.execute(db)
  const order = { broker: 0, other: 1, none: 2 }
  return rows
    .map((r) => ({ kind: r.kind, label: r.label, brokers: r.brokers, supporters: Number(r.supporters), shares: r.shares }))
    .sort((a, b) => order[a.kind] - order[b.kind] || compareBigDesc(a.shares, b.shares) || b.supporters - a.supporters)
}

function compareBigDesc(a: string, b: string): number {
  const d = BigInt(b) - BigInt(a)
  return d > 0n ? 1 : d < 0n ? -1 : 0
}

// ---- Pure figures ----

/**
 * One point per calendar day from the first change to the last, carried on to today (or the
 * meeting, once it is past) so that the curve does not stop at the last pledge.
 */
export function dailySeries(rows: Array<{ day: string; supporters: string; shares_for: string }>, until: string): SeriesPoint[] {
  const first = rows[0]
  if (!first) return []
  const last = rows[rows.length - 1]!.day
  const end = until > last ? until : last
  const points: SeriesPoint[] = []
  let next = 0
  let current = { supporters: 0, sharesFor: '0' }
  for (let day = first.day; day <= end; day = addDays(day, 1)) {
    const row = rows[next]
    if (row && row.day === day) {
      current = { supporters: Number(row.supporters), sharesFor: BigInt(row.shares_for).toString() }
      next += 1
    }
    points.push({ day, ...current })
  }
  return points
}

/** Votes cast (for + against) at the proposal's most recent meeting before this one. */
export function estimateVotesCast(lastVote: ProposalVote | null): VotesCastEstimate {
  if (!lastVote) return { ok: false, reason: 'No earlier vote on this proposal is on record, so there is no turnout to start from.' }
  if (lastVote.votes_for === null || lastVote.votes_against === null) {
    return {
      ok: false,
      reason:
        `The ${lastVote.meeting_year} result is recorded only as a percentage (${Number(lastVote.support_percent)}% for); ` +
        'its votes for and against were not recorded, so the number of votes cast is unknown.',
    }
  }
  const votesCast = BigInt(lastVote.votes_for) + BigInt(lastVote.votes_against)
  if (votesCast <= 0n) return { ok: false, reason: `The ${lastVote.meeting_year} result records no votes cast.` }
  return { ok: true, votesCast: votesCast.toString(), year: lastVote.meeting_year }
}

/** Votes "for" needed out of `votesCast`: at least the threshold, or over half for a majority. */
export function goals(votesCast: string, pledgedFor: string, thresholdPercent: number): Goal[] {
  const cast = BigInt(votesCast)
  const pledged = BigInt(pledgedFor)
  const atLeast = (cast * BigInt(thresholdPercent) + 99n) / 100n // rounded up: "at least 15%"
  const overHalf = cast / 2n + 1n
  return [
    { key: 'resubmission' as const, percent: String(thresholdPercent), votes: atLeast },
    { key: 'majority' as const, percent: '50', votes: overHalf },
  ].map(({ key, percent, votes }) => ({
    key,
    percent,
    votesNeeded: votes.toString(),
    sharesNeeded: (votes > pledged ? votes - pledged : 0n).toString(),
    reached: pledged >= votes,
  }))
}

/**
 * The outcome if turnout is as at the last meeting, pledged for and against shares are cast as
 * pledged, and the other votes cast split for and against as they did at the last meeting.
 */
export function projectOutcome(input: {
  lastVote: { votesFor: string; votesAgainst: string }
  pledgedFor: string
  pledgedAgainst: string
  thresholdPercent: number
}): Projection {
  const lastFor = BigInt(input.lastVote.votesFor)
  const cast = lastFor + BigInt(input.lastVote.votesAgainst)
  const pledged = BigInt(input.pledgedFor) + BigInt(input.pledgedAgainst)
  if (cast <= 0n) return { ok: false, reason: 'The last meeting records no votes cast.' }
  if (pledged > cast) {
    return {
      ok: false,
      reason: 'Shares pledged for and against already exceed the votes cast at the last meeting, so its turnout is no guide to this one.',
    }
  }
  const remainder = cast - pledged
  const remainderFor = (remainder * lastFor * 2n + cast) / (cast * 2n) // rounded half up
  const projectedFor = BigInt(input.pledgedFor) + remainderFor
  return {
    ok: true,
    votesCast: cast.toString(),
    remainder: remainder.toString(),
    projectedFor: projectedFor.toString(),
    projectedAgainst: (cast - projectedFor).toString(),
    supportPercent: percentOf(projectedFor, cast, 2),
    clearsThreshold: projectedFor * 100n >= cast * BigInt(input.thresholdPercent),
    majority: projectedFor * 2n > cast,
  }
}

// ---- The dashboard ----

export async function getDashboard(db: Kysely<Database>, input: { campaign: Campaign; now: Date }) {
  const { campaign, now } = input
  const [counts, cube, days, brokers, votes, result] = await Promise.all([
    statusCounts(db, campaign.id),
    cubeTotals(db, campaign.id),
    cumulativeByDay(db, campaign.id),
    brokerBreakdown(db, campaign.id),
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
