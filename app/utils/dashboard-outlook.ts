import type { ProposalVote } from '../../db/schema'
import { addDays } from './dates'
import { percentOf } from './tally'

// The dashboard's outlook arithmetic, apart from the queries: the support curve, the votes cast to
// expect, the goals and the projected outcome. Share counts stay decimal strings with BigInt
// arithmetic: totals can pass 2^53.

export interface SeriesPoint {
  day: string
  /** Confirmed supporters at the end of the day. */
  supporters: number
  /** Pledged "for" shares at the end of the day. */
  sharesFor: string
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
