import type { CampaignPageData } from '../models/campaign-page.server'
import { formatPercent } from './format'
import { headlineParts } from './public-figures'

// What a campaign's share image (/c/:slug/og.png) says, taken from the campaign page's own data so
// that a link's preview and the page never disagree. NOTE: networks keep a preview for days, so
// the image gives dates as dates ("Tuesday, May 19"), never as "in 3 days".

export const SHARE_IMAGE_WIDTH = 1200
export const SHARE_IMAGE_HEIGHT = 630

export type ShareImageFigure =
  /** The page's headline: number + "people pledged for", number + "shares". */
  | { kind: 'pledges'; people: string; peopleLabel: string; shares: string; sharesLabel: string }
  /** Once the meeting has voted: its official result. */
  | { kind: 'result'; percent: string; label: string }
  /** No confirmed pledge yet. */
  | { kind: 'none'; text: string }

export interface ShareImageContent {
  /** "Amazon.com, Inc. · NASDAQ: AMZN · 2025 annual meeting" */
  eyebrow: string
  title: string
  isDemo: boolean
  /** What the figure is: the campaign page's heading for it. */
  figureLabel: string
  figure: ShareImageFigure
  /** The date that matters now: the broker deadline while voting is open, else the meeting. */
  keyDate: { label: string; date: string; time: string | null }
  /** What a reader can do on the page. */
  action: string
}

export function shareImageContent(page: CampaignPageData): ShareImageContent {
  const { campaign, tally, result } = page
  const pledgedFor = tally.figures.for
  let figure: ShareImageFigure
  if (result) {
    figure = { kind: 'result', percent: formatPercent(result.supportPercent), label: 'of votes cast were for the proposal' }
  } else if (pledgedFor.people === 0) {
    figure = { kind: 'none', text: campaign.status === 'closed' ? 'No pledges were recorded on Quorum for this meeting.' : 'No confirmed pledges yet: yours can be the first.' }
  } else {
    figure = { kind: 'pledges', ...headlineParts(pledgedFor) }
  }
  const date = page.keyDates.find((d) => d.key === (campaign.votingOpen ? 'vote_deadline' : 'agm'))!
  return {
    eyebrow: `${campaign.company} · ${campaign.exchange}: ${campaign.ticker} · ${campaign.agmYear} annual meeting`,
    title: campaign.title,
    isDemo: campaign.isDemo,
    figureLabel: result ? `The ${campaign.agmYear} result` : campaign.status === 'closed' ? 'Pledged on Quorum' : 'Support so far',
    figure,
    keyDate: {
      label: campaign.votingOpen ? 'Broker voting deadline' : campaign.meetingPast ? 'The meeting voted on' : 'Annual meeting',
      date: date.date,
      time: campaign.meetingPast ? null : date.time,
    },
    action: campaign.votingOpen ? 'Pledge your vote' : 'Read the proposal',
  }
}

/** The image's text alternative: what it says, in one sentence or two. */
export function shareImageAlt(content: ShareImageContent): string {
  const figure =
    content.figure.kind === 'pledges'
      ? `${content.figure.people} ${content.figure.peopleLabel} · ${content.figure.shares} ${content.figure.sharesLabel}`
      : content.figure.kind === 'result'
        ? `${content.figure.percent} ${content.figure.label}`
        : content.figure.text.replace(/\.$/, '')
  const when = content.keyDate.time ? `${content.keyDate.date}, ${content.keyDate.time}` : content.keyDate.date
  return `${content.title} (${content.eyebrow}) on Quorum. ${content.figureLabel}: ${figure}. ${content.keyDate.label}: ${when}.`
}

/** The og:image of a campaign's pages: its share image, by absolute URL, with its size and alt text. */
export function shareImageMeta(appUrl: string, page: CampaignPageData) {
  return {
    url: `${appUrl}/c/${page.campaign.slug}/og.png`,
    width: SHARE_IMAGE_WIDTH,
    height: SHARE_IMAGE_HEIGHT,
    alt: shareImageAlt(shareImageContent(page)),
  }
}
