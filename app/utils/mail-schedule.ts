import type { UpdateAudience, UpdateKind } from '../../db/schema'
import { addDays, calendarDateIn, zonedTimeToInstant } from './dates'
import { endSentence } from './sign-up-sentences'

// The default sequence of updates, derived from a campaign's AGM calendar. Every send time is
// a wall-clock time in the campaign's own time zone, so "the morning before the deadline" means
// the morning where the campaign is.

export interface CalendarDates {
  record_date: string
  vote_deadline: Date
  agm_at: Date
  time_zone: string
}

export interface ProposedUpdate {
  kind: Exclude<UpdateKind, 'custom'>
  sendAt: Date
  derivedFrom: 'record_date' | 'vote_deadline' | 'agm_at'
  audience: UpdateAudience
  subject: string
  body: string
}

export function proposeDefaultSchedule(campaign: CalendarDates & { title: string; company: string }): ProposedUpdate[] {
  const tz = campaign.time_zone
  const at = (date: string, time: string) => zonedTimeToInstant(date, time, tz)
  const deadlineDay = calendarDateIn(campaign.vote_deadline, tz)
  const agmDay = calendarDateIn(campaign.agm_at, tz)
  const name = `${campaign.title} at ${campaign.company}`
  return [
    {
      kind: 'materials_out',
      derivedFrom: 'record_date',
      sendAt: at(addDays(campaign.record_date, 7), '10:00'),
      audience: 'all',
      subject: `The proxy materials are out: ${campaign.title}`,
      body: `${campaign.company}'s proxy materials are out, and ${name} is on the ballot. Your broker will send you a voting instruction form with a control number: watch your email and mail.`,
    },
    {
      kind: 'how_to_vote',
      derivedFrom: 'record_date',
      sendAt: at(addDays(campaign.record_date, 14), '10:00'),
      audience: 'all',
      subject: `How to vote on ${campaign.title}`,
      body: `Voting is open. It takes a few minutes through your broker's website or app, or at ProxyVote.com with the 16-digit control number on your voting instruction form.`,
    },
    {
      kind: 'deadline_week',
      derivedFrom: 'vote_deadline',
      sendAt: at(addDays(deadlineDay, -7), '10:00'),
      audience: 'pledged_not_voted',
      subject: `One week left to vote on ${campaign.title}`,
      body: `The voting deadline for shares held through a broker is one week away. If you have not voted yet, now is a good time.`,
    },
    {
      kind: 'deadline_tomorrow',
      derivedFrom: 'vote_deadline',
      sendAt: at(addDays(deadlineDay, -1), '09:00'),
      audience: 'pledged_not_voted',
      subject: `Tomorrow is the last day to vote on ${campaign.title}`,
      body: `Broker voting closes tomorrow night. If you have not voted yet, please vote today or tomorrow: it takes a few minutes.`,
    },
    {
      kind: 'results',
      derivedFrom: 'agm_at',
      sendAt: at(addDays(agmDay, 1), '10:00'),
      audience: 'all',
      subject: `The result: ${campaign.title}`,
      body: `${endSentence(`The annual meeting has voted on ${name}`)} (Enter the result here before scheduling this update.)`,
    },
  ]
}
