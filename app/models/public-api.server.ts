import type { Db } from '../../db/schema'
import { figuresByIntention, type IntentionFigure } from '../utils/public-figures'
import { resubmissionThreshold } from '../utils/resubmission'
import { percentOf, type Tally } from '../utils/tally'
import { getProposalVotes, getPublicCampaign, listPublicCampaigns } from './campaigns.server'
import { getMeetingResult, judgeResult, type MeetingResult } from './meeting-results.server'
import { getTally } from './tally.server'

// What the public read API (/api/v1) says about campaigns. Figures come from the same modules
// as the public pages (public-figures, getMeetingResult), so the API never disagrees with them.
// Field names are snake_case and stable: app/api/openapi.ts documents every one.

type CampaignLinks = { self: string; page: string; embed: string; badge: string }

function links(appUrl: string, slug: string): CampaignLinks {
  return {
    self: `${appUrl}/api/v1/campaigns/${slug}`,
    page: `${appUrl}/c/${slug}`,
    embed: `${appUrl}/embed/c/${slug}`,
    badge: `${appUrl}/c/${slug}/badge.svg`,
  }
}

function apiTally(tally: Tally, sharesOutstanding: string) {
  const figures = figuresByIntention(tally)
  return {
    /** The headline: people and shares pledged for. */
    pledged_for: figures.for,
    by_intention: figures as Record<string, IntentionFigure>,
    confirmed_pledges: tally.supporters,
    voted: tally.voted,
    shares_pledged: tally.sharesPledged,
    percent_of_outstanding: {
      for: percentOf(tally.sharesByIntention.for, sharesOutstanding, 4),
      pledged: percentOf(tally.sharesPledged, sharesOutstanding, 4),
    },
  }
}

const judged = (j: ReturnType<typeof judgeResult>) => ({ clears_threshold: j.clearsThreshold, majority: j.majority })

function apiResult(result: MeetingResult | null, thresholdPercent: number | null) {
  if (!result) return null
  return {
    year: result.year,
    support_percent: result.supportPercent,
    votes_for: result.votesFor,
    votes_against: result.votesAgainst,
    source_url: result.sourceUrl,
    ...(thresholdPercent === null ? {} : judged(judgeResult(result, thresholdPercent))),
  }
}

export async function listApiCampaigns(db: Db, input: { appUrl: string }) {
  const campaigns = await listPublicCampaigns(db)
  return campaigns.map((c) => ({
    slug: c.slug,
    title: c.title,
    company: c.company,
    ticker: c.ticker,
    exchange: c.exchange,
    agm_year: c.agm_year,
    agm_at: c.agm_at.toISOString(),
    time_zone: c.time_zone,
    status: c.status as 'live' | 'closed',
    is_demo: c.is_demo,
    shares_outstanding: c.shares_outstanding,
    tally: apiTally(c.tally, c.shares_outstanding),
    result: apiResult(c.result, null),
    links: links(input.appUrl, c.slug),
  }))
}

export async function getApiCampaign(db: Db, input: { slug: string; appUrl: string }) {
  const campaign = await getPublicCampaign(db, { slug: input.slug })
  if (!campaign) return null
  const [tally, votes, result] = await Promise.all([
    getTally(db, { campaignId: campaign.id }),
    getProposalVotes(db, { proposalKey: campaign.proposal_key }),
    getMeetingResult(db, campaign),
  ])
  // resubmissionThreshold counts only the votes before this campaign's meeting.
  const threshold = resubmissionThreshold(
    campaign.agm_year,
    votes.map((v) => v.meeting_year),
  )
  return {
    slug: campaign.slug,
    title: campaign.title,
    summary: campaign.summary,
    company: campaign.company,
    ticker: campaign.ticker,
    exchange: campaign.exchange,
    agm_year: campaign.agm_year,
    proxy_item: campaign.proxy_item,
    status: campaign.status as 'live' | 'closed',
    is_demo: campaign.is_demo,
    legend: campaign.legend,
    time_zone: campaign.time_zone,
    dates: {
      record_date: campaign.record_date,
      vote_deadline: campaign.vote_deadline.toISOString(),
      agm_at: campaign.agm_at.toISOString(),
    },
    meeting: {
      format: campaign.meeting_format,
      url: campaign.meeting_url,
      location: campaign.meeting_location,
      proxy_statement_url: campaign.proxy_statement_url,
    },
    shares_outstanding: campaign.shares_outstanding,
    tally: apiTally(tally, campaign.shares_outstanding),
    result: apiResult(result, threshold.thresholdPercent),
    threshold: {
      times_voted: threshold.timesVoted,
      threshold_percent: threshold.thresholdPercent,
      window: threshold.window,
      majority_percent: 50,
    },
    history: votes
      .filter((v) => v.meeting_year < campaign.agm_year)
      .map((v) => ({ year: v.meeting_year, support_percent: String(v.support_percent), source_url: v.source_url })),
    links: links(input.appUrl, campaign.slug),
  }
}

export type ApiCampaign = NonNullable<Awaited<ReturnType<typeof getApiCampaign>>>
