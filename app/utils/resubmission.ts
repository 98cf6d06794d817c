// US Rule 14a-8(i)(12), as amended in 2020: a proposal voted on in the preceding five calendar
// years may be excluded next year unless its most recent vote reached 5% (voted on once in
// that window), 15% (twice) or 25% (three or more times). Support is for ÷ (for + against).

export interface ResubmissionThreshold {
  /** Meetings at which the proposal was voted on in the five calendar years up to this one. */
  timesVoted: number
  /** The support this meeting's vote needs for the proposal to be refiled next year. */
  thresholdPercent: 5 | 15 | 25
  /** The calendar years counted. */
  window: { from: number; to: number }
}

/**
 * The threshold that this meeting's vote must reach, counting this meeting's own vote and the
 * earlier votes in the five calendar years before next year's meeting.
 */
export function resubmissionThreshold(meetingYear: number, earlierVoteYears: number[]): ResubmissionThreshold {
  const from = meetingYear - 4
  const years = new Set(earlierVoteYears.filter((year) => year >= from && year < meetingYear))
  const timesVoted = years.size + 1
  return {
    timesVoted,
    thresholdPercent: timesVoted === 1 ? 5 : timesVoted === 2 ? 15 : 25,
    window: { from, to: meetingYear },
  }
}

export function ordinal(n: number): string {
  const words = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth']
  return words[n] ?? `${n}th`
}
