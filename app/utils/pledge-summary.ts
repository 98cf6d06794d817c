import type { Intention } from '../../db/schema'
import { formatCount } from './format'

/** "to vote for, with about 1,200 shares," — as the confirmation email words a pledge. */
export function describePledge(pledge: { intention: Intention; shares?: string | null }): string {
  const how = { for: 'to vote for', against: 'to vote against', abstain: 'to abstain', undecided: 'as undecided' }[pledge.intention]
  return pledge.shares ? `${how}, with about ${formatCount(pledge.shares)} shares,` : how
}
