import type { EngagementStatus, ExpectedVote } from '../../db/schema'
import type { Lean } from './projection'

// Words for the vote model's values, shared by the server and the browser.

export type HolderClass = 'for' | 'against' | 'split' | 'abstained' | 'no_record'
export const HOLDER_CLASSES: Record<HolderClass, string> = { for: 'Voted for', against: 'Voted against', split: 'Split', abstained: 'Abstained or did not vote', no_record: 'No record' }
export const ENGAGEMENT_STATUSES: Record<EngagementStatus, string> = { not_contacted: 'Not contacted', contacted: 'Contacted', met: 'Met', supports: 'Supports', declined: 'Declined' }
export const EXPECTED_VOTES: Record<ExpectedVote, string> = { for: 'For', against: 'Against', abstain: 'Abstain' }

/** How a holder is expected to vote, in words: "For", "Split 60% for", "Unknown". */
export function leanLabel(lean: Lean): string {
  switch (lean.kind) {
    case 'for':
      return 'For'
    case 'against':
      return 'Against'
    case 'abstain':
      return 'Abstain'
    case 'split': {
      const f = BigInt(lean.votedFor)
      const total = f + BigInt(lean.votedAgainst)
      return `Split, ${total > 0n ? Number((f * 1000n) / total) / 10 : 0}% for`
    }
    default:
      return 'Unknown'
  }
}

const SHORT = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })

/** "Mar 31, 2024" for "2024-03-31". */
export function shortDate(date: string): string {
  return SHORT.format(new Date(`${date}T00:00:00Z`))
}
