import { type DateArray, type EventAttributes, createEvents } from 'ics'
import type { Campaign, CalendarEvent } from '../../db/schema'
import { addDays } from './dates'
import { plainLines, singleLine } from './single-line'

/**
 * How often a subscribed calendar should fetch the feed again (RFC 7986 and its older X- name):
 * hourly, so that a moved deadline reaches calendars the same day; a poll that finds nothing new
 * is a 304.
 */
export const CALENDAR_REFRESH_INTERVAL = 'PT1H'

/**
 * Browsers and shared caches keep the feed 15 minutes, and may serve it an hour longer while they
 * fetch it again; its ETag lets a poll that finds nothing new cost a 304.
 */
export const CALENDAR_CACHE_CONTROL = 'public, max-age=900, stale-while-revalidate=3600'

/** Each event's SEQUENCE: how many times its date has moved (none stored: 0). */
export type CalendarSequences = Partial<Record<CalendarEvent, number>>

function utcParts(instant: Date): DateArray {
  return [instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate(), instant.getUTCHours(), instant.getUTCMinutes()]
}

function dateParts(date: string): DateArray {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return [y, m, d]
}

/**
 * An event's UID: the campaign's id, the event and Quorum's host, never a date, so that a
 * subscribed calendar replaces the event when its date moves instead of adding a second one.
 */
export function calendarEventUid(campaignId: number, event: CalendarEvent, host: string): string {
  return `campaign-${campaignId}-${event}@${host}`
}

/**
 * The campaign's key dates as an iCalendar feed (METHOD:PUBLISH), for a one-off download and for
 * subscription alike: the record date (all day), the broker voting deadline with two reminders,
 * and the meeting (exact instants in UTC, which every calendar shows in local time). The output
 * depends only on the stored campaign and sequences, so that it can carry a strong ETag.
 */
export function campaignCalendar(stored: Campaign, input: { pageUrl: string; sequences?: CalendarSequences }): string {
  // A property value never carries a bare CR or another control character (see single-line.ts).
  const campaign = {
    ...stored,
    company: singleLine(stored.company),
    ticker: singleLine(stored.ticker),
    title: singleLine(stored.title),
    legend: plainLines(stored.legend),
    meeting_location: stored.meeting_location === null ? null : singleLine(stored.meeting_location),
    meeting_url: stored.meeting_url === null ? null : singleLine(stored.meeting_url),
  }
  const what = `${campaign.company} (${campaign.ticker}): ${campaign.title}`
  const host = new URL(input.pageUrl).host
  const stamp = campaign.updated_at.getTime()
  const identity = (event: CalendarEvent) => ({
    uid: calendarEventUid(campaign.id, event, host),
    sequence: input.sequences?.[event] ?? 0,
    timestamp: stamp,
  })
  const description = `${campaign.title}, ${campaign.agm_year} annual meeting.\n${input.pageUrl}\n\n${campaign.legend}`
  const events: EventAttributes[] = [
    {
      ...identity('record-date'),
      title: `Record date: ${what}`,
      description: `Shareholders of record at the close of this day may vote.\n\n${description}`,
      start: dateParts(campaign.record_date),
      end: dateParts(addDays(campaign.record_date, 1)),
      url: input.pageUrl,
    },
    {
      ...identity('vote-deadline'),
      title: `Voting deadline (shares held through a broker): ${what}`,
      description: `Vote through your broker before this time.\n${input.pageUrl}/vote\n\n${description}`,
      start: utcParts(campaign.vote_deadline),
      startInputType: 'utc',
      startOutputType: 'utc',
      duration: { minutes: 1 },
      url: `${input.pageUrl}/vote`,
      alarms: [
        { action: 'display', description: 'Vote before the deadline: one day left', trigger: { hours: 24, before: true } },
        { action: 'display', description: 'Vote before the deadline: two hours left', trigger: { hours: 2, before: true } },
      ],
    },
    {
      ...identity('agm'),
      title: `${campaign.company} annual meeting`,
      description: `${campaign.meeting_url ? `Online at ${campaign.meeting_url}\n` : ''}${description}`,
      location: campaign.meeting_url ?? campaign.meeting_location ?? undefined,
      start: utcParts(campaign.agm_at),
      startInputType: 'utc',
      startOutputType: 'utc',
      duration: { hours: 1 },
      url: input.pageUrl,
    },
  ]
  const { error, value } = createEvents(events, { productId: 'quorum/campaign-calendar', method: 'PUBLISH', calName: what })
  if (error || !value) throw error ?? new Error('Could not build the calendar')
  // The ics package writes its own fixed X-PUBLISHED-TTL and no REFRESH-INTERVAL: both are ours,
  // among the calendar's properties, before its first event.
  const hints = `REFRESH-INTERVAL;VALUE=DURATION:${CALENDAR_REFRESH_INTERVAL}\r\nX-PUBLISHED-TTL:${CALENDAR_REFRESH_INTERVAL}\r\n`
  return value.replace(/X-PUBLISHED-TTL:[^\r]*\r\n/g, '').replace('BEGIN:VEVENT\r\n', `${hints}BEGIN:VEVENT\r\n`)
}

/** The feed's addresses: `webcal:` for calendar apps that subscribe on a click, https to paste, the path to download. */
export function calendarFeedUrls(appUrl: string, slug: string) {
  const path = `/c/${slug}/calendar.ics`
  const https = `${appUrl}${path}`
  return { path, https, webcal: https.replace(/^https?:/, 'webcal:') }
}
