import type { UpdateAudience, UpdateKind, UpdateSegment, UpdateStatus } from '../../db/schema'
import { HOLDER_TYPE_NAMES, INTENTION_PHRASES } from './public-figures'

// How organizers read an update's kind and audience, on the mail page and in the audit log.

export const KIND_LABELS: Record<UpdateKind, string> = {
  materials_out: 'Proxy materials are out',
  how_to_vote: 'How to vote',
  deadline_week: 'A week before the deadline',
  deadline_tomorrow: 'The day before the deadline',
  results: 'The result',
  custom: 'Custom update',
}

export const AUDIENCE_LABELS: Record<UpdateAudience, string> = {
  all: 'All subscribers',
  pledged_not_voted: 'Pledged, not voted yet',
  undecided: 'Undecided',
  pledged_for: 'Pledged for',
  followers: 'Followers without a pledge',
}

/** Who an audience is, in full, for the review before a send. */
export const AUDIENCE_RULES: Record<UpdateAudience, string> = {
  all: 'everyone subscribed to this campaign',
  pledged_not_voted: 'subscribers with a confirmed pledge who have not said they voted',
  undecided: 'subscribers with a confirmed pledge marked undecided',
  pledged_for: 'subscribers with a confirmed pledge to vote for',
  followers: 'subscribers who follow the campaign without a pledge',
}

export const UPDATE_STATUS_LABELS = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  sending: 'Sending',
  sent: 'Sent',
  paused: 'Paused',
  cancelled: 'Cancelled',
} as const

/** An update can be edited or cancelled in these statuses; editing also needs it not started. */
export const UNSENT_UPDATE_STATUSES = ['draft', 'scheduled', 'paused'] as const satisfies readonly UpdateStatus[]

export function isUnsent(status: string): boolean {
  return (UNSENT_UPDATE_STATUSES as readonly string[]).includes(status)
}

/** Whether an organizer may still change an update's text, time or audience. */
export function isEditableUpdate(update: { status: string; started: boolean }): boolean {
  return isUnsent(update.status) && !update.started
}

/**
 * A segment in words, for the update's card and its review: "confirmed pledgers who pledged for,
 * have not voted yet, hold through Fidelity". Null for an update without one.
 */
export function describeSegment(segment: UpdateSegment | null | undefined, formatDate: (instant: Date) => string): string | null {
  if (!segment || Object.keys(segment).length === 0) return null
  const parts = [
    segment.intention === 'undecided' ? 'are undecided' : segment.intention ? INTENTION_PHRASES[segment.intention] : null,
    segment.voted === 'yes' ? 'say they have voted' : segment.voted === 'no' ? 'have not voted yet' : null,
    segment.broker ? `hold through ${segment.broker}` : null,
    segment.holderType ? `hold as: ${HOLDER_TYPE_NAMES[segment.holderType].toLowerCase()}` : null,
    segment.source ? `came from “${segment.source}”` : null,
    segment.confirmedSince ? `confirmed since ${formatDate(new Date(segment.confirmedSince))}` : null,
  ].filter(Boolean)
  return `Only confirmed pledgers who ${parts.join(', ')}`
}
