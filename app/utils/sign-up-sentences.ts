import type { Intention } from '../../db/schema'
import { formatCount } from './format'

// Sentences that emails and pages assemble from parts: a campaign's title and company, a
// pledge's intention, its shares or none. Each part is a whole phrase, so every combination
// reads as written English, and a sentence that ends on a name ending in a full stop
// ("Amazon.com, Inc.") gets no second one.

export interface ProposalNames {
  title: string
  company: string
}

export interface PledgeParts {
  intention: Intention
  /** Shares as a decimal string, or null when the supporter preferred not to say. */
  shares: string | null
}

/** Ends a sentence with a full stop, unless it already ends with one (or with ? or !). */
export function endSentence(text: string): string {
  const trimmed = text.trimEnd()
  return /[.?!…]["”’)]?$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/** "the “Customer Due Diligence” proposal at Amazon.com, Inc." — for the middle or end of a sentence. */
export function proposalAt(names: ProposalNames): string {
  const title = names.title.trim().replace(/[.]+$/, '')
  return `the “${title}” proposal at ${names.company.trim()}`
}

const HOW: Record<Intention, (proposal: string) => string> = {
  for: (p) => `Thank you for pledging to vote for ${p}`,
  against: (p) => `Thank you for pledging to vote against ${p}`,
  abstain: (p) => `Thank you for pledging to abstain on ${p}`,
  undecided: (p) => `Thank you for telling the campaign that you have not yet decided how to vote on ${p}`,
}

/** "You told us you hold about 1,200 shares." — or nothing when no number was given. */
export function sharesSentence(shares: string | null): string | null {
  if (!shares) return null
  return `You told us you hold about ${formatCount(shares)} ${BigInt(shares) === 1n ? 'share' : 'shares'}.`
}

/** The opening of the confirmation email: what was pledged, on what, and what happens next. */
export function pledgeConfirmationText(pledge: PledgeParts | null, names: ProposalNames): string {
  const proposal = proposalAt(names)
  const thanks = pledge ? endSentence(HOW[pledge.intention](proposal)) : endSentence(`Thank you for your pledge on ${proposal}`)
  const counts = pledge?.intention === 'undecided' ? 'It counts among the campaign’s figures once you confirm this address.' : 'Your pledge counts once you confirm this address.'
  return [thanks, sharesSentence(pledge?.shares ?? null), counts].filter(Boolean).join(' ')
}

/** The opening of the confirmation email for a follow. */
export function followConfirmationText(names: ProposalNames): string {
  return `${endSentence(`Thank you for following ${proposalAt(names)}`)} Confirm this address and we will send you the campaign’s updates.`
}
