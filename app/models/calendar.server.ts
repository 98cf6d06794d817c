import { sql } from 'kysely'
import type { CalendarEvent, Campaign, Db, Trx } from '../../db/schema'
import type { CalendarSequences } from '../utils/calendar.server'
import { getPublicCampaign } from './campaigns.server'

// The campaign calendar's revisions: each event's SEQUENCE counts the times its date has moved,
// bumped in the transaction that moves it, so that a subscribed calendar takes the new date.

/** The campaign columns that date each calendar event. */
const EVENT_DATED_BY = { record_date: 'record-date', vote_deadline: 'vote-deadline', agm_at: 'agm' } as const satisfies Partial<Record<keyof Campaign, CalendarEvent>>

/** The calendar events whose date is among `changedColumns`. */
export function movedCalendarEvents(changedColumns: readonly string[]): CalendarEvent[] {
  return Object.entries(EVENT_DATED_BY)
    .filter(([column]) => changedColumns.includes(column))
    .map(([, event]) => event)
}

/** One more revision of each event, in the caller's transaction (the edit that moved them). */
export async function bumpCalendarSequences(trx: Trx, input: { campaignId: number; events: CalendarEvent[] }): Promise<void> {
  if (input.events.length === 0) return
  await trx
    .insertInto('calendar_event_revisions')
    .values(input.events.map((event) => ({ campaign_id: input.campaignId, event, sequence: 1 })))
    .onConflict((oc) => oc.columns(['campaign_id', 'event']).doUpdateSet({ sequence: sql`calendar_event_revisions.sequence + 1`, changed_at: sql`now()` }))
    .execute()
}

export async function getCalendarSequences(db: Db | Trx, input: { campaignId: number }): Promise<CalendarSequences> {
  const rows = await db.selectFrom('calendar_event_revisions').select(['event', 'sequence']).where('campaign_id', '=', input.campaignId).execute()
  return Object.fromEntries(rows.map((r) => [r.event, r.sequence]))
}

/** A published campaign and its events' sequences, for its calendar feed; null if there is none. */
export async function getCalendarFeed(db: Db, input: { slug: string }) {
  const campaign = await getPublicCampaign(db, input)
  if (!campaign) return null
  return { campaign, sequences: await getCalendarSequences(db, { campaignId: campaign.id }) }
}
