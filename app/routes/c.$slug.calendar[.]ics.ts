import type { LoaderFunctionArgs } from '@remix-run/node'
import { getPublicCampaign } from '~/models/campaigns.server'
import { config } from '~/config.server'
import { campaignCalendar } from '~/utils/calendar.server'

export async function loader({ params, context }: LoaderFunctionArgs) {
  const campaign = await getPublicCampaign(context.db, { slug: params.slug ?? '' })
  if (!campaign) throw new Response('Campaign not found', { status: 404 })
  const ics = campaignCalendar(campaign, { pageUrl: `${config.appUrl}/c/${campaign.slug}` })
  return new Response(ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${campaign.slug}.ics"`,
      'Cache-Control': 'public, max-age=300',
    },
  })
}
