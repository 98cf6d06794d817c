import type { Campaign, Db } from '../../db/schema'
import { translatorFor } from '../i18n/instance'
import type { Locale } from '../i18n/locales'
import { calendarDateIn, daysBetween, describeDaysLeft, formatCalendarDate, formatDateIn, formatTimeIn } from '../utils/dates'
import { renderMarkdownCached } from '../utils/markdown.server'
import { resubmissionThreshold } from '../utils/resubmission'
import { figuresByIntention } from '../utils/public-figures'
import { percentOf } from '../utils/tally'
import { getProposalVotes, getPublicCampaign, getRelatedCampaigns } from './campaigns.server'
import { getCampaignTranslation } from './campaign-translations.server'
import { getMeetingResult, judgeResult } from './meeting-results.server'
import { getPublicSupporterNames, getTally } from './tally.server'

// Everything a public campaign page shows, computed on the server: dates are formatted in the
// campaign's time zone here so that the server's and the browser's clocks never disagree.

export interface KeyDate {
  key: 'record_date' | 'vote_deadline' | 'agm'
  label: string
  /** ISO 8601: a date for the record date, an instant for the others. */
  iso: string
  date: string
  time: string | null
  /** The same moment in another zone, when it is usually quoted there (the Eastern deadline). */
  alsoAs: string | null
  daysLeft: number
  /** "in 12 days", "tomorrow", "3 days ago"; null once a date is more than a month past. */
  relative: string | null
}

export function keyDates(campaign: Campaign, now: Date, locale: Locale = 'en'): KeyDate[] {
  const t = translatorFor(locale)
  const tz = campaign.time_zone
  const today = calendarDateIn(now, tz)
  const deadlineEastern = `${formatTimeIn(campaign.vote_deadline, 'America/New_York', locale)}`
  const deadlineLocal = formatTimeIn(campaign.vote_deadline, tz, locale)
  const entries: Array<Omit<KeyDate, 'daysLeft' | 'relative'> & { day: string }> = [
    {
      key: 'record_date',
      label: t('keyDates.recordDate'),
      iso: campaign.record_date,
      day: campaign.record_date,
      date: formatCalendarDate(campaign.record_date, locale),
      time: null,
      alsoAs: null,
    },
    {
      key: 'vote_deadline',
      label: t('keyDates.voteDeadline'),
      iso: campaign.vote_deadline.toISOString(),
      day: calendarDateIn(campaign.vote_deadline, tz),
      date: formatDateIn(campaign.vote_deadline, tz, locale),
      time: deadlineLocal,
      alsoAs: deadlineEastern === deadlineLocal ? null : `${deadlineEastern}, ${formatDateIn(campaign.vote_deadline, 'America/New_York', locale)}`,
    },
    {
      key: 'agm',
      label: t('keyDates.agm'),
      iso: campaign.agm_at.toISOString(),
      day: calendarDateIn(campaign.agm_at, tz),
      date: formatDateIn(campaign.agm_at, tz, locale),
      time: formatTimeIn(campaign.agm_at, tz, locale),
      alsoAs: null,
    },
  ]
  return entries.map(({ day, ...entry }) => {
    const daysLeft = daysBetween(today, day)
    return { ...entry, daysLeft, relative: daysLeft < -31 ? null : describeDaysLeft(daysLeft, locale) }
  })
}

/** The campaign as its public pages show it: texts and flags, with "now" deciding the tense. */
export function publicCampaignView(campaign: Campaign, now: Date) {
  return {
    slug: campaign.slug,
    title: campaign.title,
    company: campaign.company,
    ticker: campaign.ticker,
    exchange: campaign.exchange,
    agmYear: campaign.agm_year,
    proxyItem: campaign.proxy_item,
    summary: campaign.summary,
    status: campaign.status,
    isDemo: campaign.is_demo,
    demoNote: campaign.demo_note,
    legend: campaign.legend,
    timeZone: campaign.time_zone,
    sharesOutstanding: campaign.shares_outstanding,
    meetingFormat: campaign.meeting_format,
    meetingUrl: campaign.meeting_url,
    meetingLocation: campaign.meeting_location,
    proxyStatementUrl: campaign.proxy_statement_url,
    votingOpen: campaign.status === 'live' && now < campaign.vote_deadline,
    /** The meeting has taken place: pages speak of it in the past. */
    meetingPast: now >= campaign.agm_at,
  }
}

export async function getCampaignPage(db: Db, input: { slug: string; now: Date; locale?: Locale }) {
  const campaign = await getPublicCampaign(db, { slug: input.slug })
  if (!campaign) return null

  const [tally, names, votes, related, result, translation] = await Promise.all([
    getTally(db, { campaignId: campaign.id }),
    getPublicSupporterNames(db, { campaignId: campaign.id, limit: 30 }),
    getProposalVotes(db, { proposalKey: campaign.proposal_key }),
    getRelatedCampaigns(db, { proposalKey: campaign.proposal_key, excludeId: campaign.id }),
    getMeetingResult(db, campaign),
    getCampaignTranslation(db, { campaignId: campaign.id, locale: input.locale ?? 'en' }),
  ])

  const version = `${campaign.id}@${campaign.updated_at.toISOString()}`
  const earlierVotes = votes.filter((v) => v.meeting_year < campaign.agm_year)
  const threshold = resubmissionThreshold(
    campaign.agm_year,
    earlierVotes.map((v) => v.meeting_year),
  )

  // The campaign's own translation into the page's language, when its editors made one.
  const translatedVersion = translation ? `${version}/${input.locale}@${translation.updated_at.toISOString()}` : version
  return {
    campaign: { ...publicCampaignView(campaign, input.now), ...(translation ? { title: translation.title } : {}) },
    /** The title and proposal are the editors' translation into the page's language (the original is at the English page). */
    translated: translation !== null,
    resolvedHtml: renderMarkdownCached(translatedVersion, translation?.resolved ?? campaign.resolved, 'resolved'),
    supportingHtml: renderMarkdownCached(translatedVersion, translation?.supporting_statement ?? campaign.supporting_statement, 'whereas'),
    keyDates: keyDates(campaign, input.now, input.locale),
    tally: {
      ...tally,
      figures: figuresByIntention(tally),
      names,
      percentOfOutstanding: {
        for: percentOf(tally.sharesByIntention.for, campaign.shares_outstanding, 4),
        pledged: percentOf(tally.sharesPledged, campaign.shares_outstanding, 4),
      },
    },
    history: earlierVotes.map((v) => ({ year: v.meeting_year, supportPercent: v.support_percent })),
    result: result
      ? {
          supportPercent: result.supportPercent,
          sourceUrl: result.sourceUrl,
          ...judgeResult(result, threshold.thresholdPercent),
          votes: { for: result.votesFor, against: result.votesAgainst, abstain: result.abstentions, brokerNonVotes: result.brokerNonVotes },
          /** The shares pledged for on Quorum as a share of the votes cast for: what the campaign brought. */
          pledgedOfFor: result.votesFor && BigInt(result.votesFor) > 0n ? percentOf(tally.sharesByIntention.for, result.votesFor, 1) : null,
        }
      : null,
    threshold,
    related: related.map((r) => ({ slug: r.slug, year: r.agm_year, status: r.status, isDemo: r.is_demo })),
  }
}

export type CampaignPageData = NonNullable<Awaited<ReturnType<typeof getCampaignPage>>>
