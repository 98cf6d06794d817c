import { type DateArray, type EventAttributes, createEvents } from 'ics'
import type { Campaign } from '../../db/schema'
import { addDays } from './dates'
import { plainLines, singleLine } from './single-line'

function utcParts(instant: Date): DateArray {
  return [instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate(), instant.getUTCHours(), instant.getUTCMinutes()]
}

function dateParts(date: string): DateArray {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return [y, m, d]
}

/**
 * The campaign's key dates as an iCalendar file: the record date (all day), the broker voting
 * deadline and the meeting (exact instants in UTC, which every calendar shows in local time).
 */
export function campaignCalendar(stored: Campaign, input: { pageUrl: string }): string {
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
  const uid = (key: string) => `${campaign.slug}-${key}@quorum`
  const description = `${campaign.title}, ${campaign.agm_year} annual meeting.\n${input.pageUrl}\n\n${campaign.legend}`
  const events: EventAttributes[] = [
    {
      uid: uid('record-date'),
      title: `Record date: ${what}`,
      description: `Shareholders of record at the close of this day may vote.\n\n${description}`,
      start: dateParts(campaign.record_date),
      end: dateParts(addDays(campaign.record_date, 1)),
      url: input.pageUrl,
    },
    {
      uid: uid('vote-deadline'),
      title: `Voting deadline (shares held through a broker): ${what}`,
      description: `Vote through your broker before this time.\n${input.pageUrl}/vote\n\n${description}`,
      start: utcParts(campaign.vote_deadline),
      startInputType: 'utc',
      startOutputType: 'utc',
      duration: { minutes: 1 },
      url: `${input.pageUrl}/vote`,
      alarms: [{ action: 'display', description: 'Vote before the deadline', trigger: { hours: 24, before: true } }],
    },
    {
      uid: uid('agm'),
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
  const { error, value } = createEvents(events, { productId: 'quorum/campaign-calendar', calName: what })
  if (error || !value) throw error ?? new Error('Could not build the calendar')
  return value
}
