import type { HolderType, Intention } from '../../db/schema'
import { formatCount } from './format'
import { INTENTIONS, type Tally } from './tally'

// The words for the figures Quorum publishes, in one place: the home page's cards, the campaign
// page, the dashboard, emails and the badge all say them the same way, so that nobody can read
// "people pledged for" in one place and "supporters" (of any intention) in another. Every
// figure counts confirmed pledges only; shares are as supporters report them.

export interface IntentionFigure {
  people: number
  /** A decimal string: totals can pass 2^53. */
  shares: string
}

export type FiguresByIntention = Record<Intention, IntentionFigure>

/** What each intention's people did, as it reads after a number: "12 people pledged against". */
export const INTENTION_PHRASES: Record<Intention, string> = {
  for: 'pledged for',
  against: 'pledged against',
  abstain: 'pledged to abstain',
  undecided: 'undecided',
}

/** Intentions as one-word labels (table rows, filters, chips). */
export const INTENTION_NAMES: Record<Intention, string> = { for: 'For', against: 'Against', abstain: 'Abstain', undecided: 'Undecided' }

/** What choosing an intention says, in the supporter's words (the pledge form). */
export const INTENTION_DESCRIPTIONS: Record<Intention, string> = {
  for: 'I intend to vote for the proposal',
  against: 'I intend to vote against it',
  abstain: 'I intend to abstain',
  undecided: 'I have not decided yet',
}

/** How shares are held, the same words in the forms, the pledges table and the dashboard. */
export const HOLDER_TYPE_NAMES: Record<HolderType, string> = {
  retail: 'Individual investor',
  institutional: 'Institution or fund',
  employee: 'Employee (stock plan)',
  fund: 'Through a fund only (ETF, mutual fund, 401(k))',
  other: 'Other',
}

export const FIGURES_FOOTNOTE = 'Only pledges from confirmed email addresses count. Shares are as supporters report them; some do not say.'

/** "1 person", "1,234 people". */
export function peopleText(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'person' : 'people'}`
}

/** "1 share", "5,678 shares". */
export function sharesText(count: string | bigint | number): string {
  return `${formatCount(count)} ${BigInt(count) === 1n ? 'share' : 'shares'}`
}

/** The figures of a tally by intention. */
export function figuresByIntention(tally: Pick<Tally, 'supportersByIntention' | 'sharesByIntention'>): FiguresByIntention {
  return Object.fromEntries(
    INTENTIONS.map((intention) => [intention, { people: tally.supportersByIntention[intention], shares: tally.sharesByIntention[intention] }]),
  ) as FiguresByIntention
}

/** One intention's line: "12 people pledged against · 3,400 shares". */
export function intentionLine(intention: Intention, figure: IntentionFigure): string {
  return `${peopleText(figure.people)} ${INTENTION_PHRASES[intention]} · ${sharesText(figure.shares)}`
}

/**
 * The headline every page leads with, in parts for markup that sets the numbers large:
 * number + "people pledged for", then number + "shares".
 */
export function headlineParts(pledgedFor: IntentionFigure) {
  return {
    people: formatCount(pledgedFor.people),
    peopleLabel: `${pledgedFor.people === 1 ? 'person' : 'people'} ${INTENTION_PHRASES.for}`,
    shares: formatCount(pledgedFor.shares),
    sharesLabel: BigInt(pledgedFor.shares) === 1n ? 'share' : 'shares',
  }
}

/** "1,234 people pledged for · 5,678,901 shares": the headline as one line of text. */
export function headlineText(pledgedFor: IntentionFigure): string {
  return intentionLine('for', pledgedFor)
}

/** The split by intention, For first, each with its own line of text. */
export function intentionSplit(figures: FiguresByIntention) {
  return INTENTIONS.map((intention) => ({ intention, name: INTENTION_NAMES[intention], ...figures[intention], text: intentionLine(intention, figures[intention]) }))
}

/**
 * The people of the other intentions in one sentence, for places with room for one line:
 * "Also 12 people pledged against, 3 pledged to abstain and 40 undecided." Null when there are none.
 */
export function othersSentence(figures: FiguresByIntention): string | null {
  const { against, abstain, undecided } = figures
  if (against.people + abstain.people + undecided.people === 0) return null
  const [first, ...rest] = (['against', 'abstain', 'undecided'] as const).map((i, index) =>
    index === 0 ? `${peopleText(figures[i].people)} ${INTENTION_PHRASES[i]}` : `${formatCount(figures[i].people)} ${INTENTION_PHRASES[i]}`,
  )
  return `Also ${first}, ${rest[0]} and ${rest[1]}.`
}

/** "1 person says they have already voted." / "300 people say they have already voted." */
export function votedSentence(count: number): string {
  return `${peopleText(count)} ${count === 1 ? 'says' : 'say'} they have already voted.`
}
