import type { Db } from '../../db/schema'
import { GENERIC_GUIDE_KEY } from '../utils/broker-match'
import { renderMarkdownCached } from '../utils/markdown.server'
import { listBrokerGuides } from './broker-guides.server'
import { keyDates, publicCampaignView } from './campaign-page.server'
import { getPublicCampaign } from './campaigns.server'
import { getMeetingResult } from './meeting-results.server'
import type { Locale } from '../i18n/locales'

// What the public voting guides show of the broker guides: the list on /c/:slug/vote, and one
// broker's guide at /c/:slug/vote/:key beside the campaign's own deadline.

export interface GuideListItem {
  key: string
  name: string
  generic: boolean
}

/** The campaign's broker guides, for the voting guide's list; empty for a market without guides. */
export async function getBrokerGuideList(db: Db, input: { slug: string }): Promise<GuideListItem[]> {
  const campaign = await getPublicCampaign(db, { slug: input.slug })
  if (!campaign) return []
  return (await listBrokerGuides(db, campaign)).map((g) => ({ key: g.key, name: g.name, generic: g.key === GENERIC_GUIDE_KEY }))
}

/** One broker's guide page, or null when the campaign or the guide is unknown. */
export async function getBrokerGuidePage(db: Db, input: { slug: string; key: string; now: Date; locale?: Locale }) {
  const campaign = await getPublicCampaign(db, { slug: input.slug })
  if (!campaign) return null
  const guides = await listBrokerGuides(db, campaign)
  const guide = guides.find((g) => g.key === input.key)
  if (!guide) return null
  const result = await getMeetingResult(db, campaign)
  const dates = keyDates(campaign, input.now, input.locale)
  return {
    campaign: publicCampaignView(campaign, input.now),
    deadline: dates.find((d) => d.key === 'vote_deadline')!,
    meeting: dates.find((d) => d.key === 'agm')!,
    result: result ? { supportPercent: result.supportPercent } : null,
    guide: {
      key: guide.key,
      name: guide.name,
      generic: guide.key === GENERIC_GUIDE_KEY,
      cutoffNote: guide.cutoff_note,
      stepsHtml: renderMarkdownCached(`broker-guide-${guide.id}@${guide.updated_at.toISOString()}`, guide.steps, `guide-${guide.key}`),
    },
    others: guides.filter((g) => g.key !== guide.key).map((g) => ({ key: g.key, name: g.name, generic: g.key === GENERIC_GUIDE_KEY })),
  }
}
