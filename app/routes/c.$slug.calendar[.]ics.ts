import { createHash } from 'node:crypto'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getCalendarFeed } from '~/models/calendar.server'
import { config } from '~/config.server'
import { CALENDAR_CACHE_CONTROL, campaignCalendar } from '~/utils/calendar.server'
import { matchesEtag } from '~/utils/shared-page.server'

// One address for the download and the subscription (webcal:// is the same URL): see decision 015.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const feed = await getCalendarFeed(context.db, { slug: params.slug ?? '' })
  if (!feed) throw new Response('Campaign not found', { status: 404 })
  const ics = campaignCalendar(feed.campaign, { pageUrl: `${config.appUrl}/c/${feed.campaign.slug}`, sequences: feed.sequences })
  const etag = `"${createHash('sha256').update(ics).digest('base64url').slice(0, 32)}"`
  const headers = {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `attachment; filename="${feed.campaign.slug}.ics"`,
    'Cache-Control': CALENDAR_CACHE_CONTROL,
    ETag: etag,
  }
  if (matchesEtag(request.headers.get('If-None-Match') ?? undefined, new Set([etag]))) return new Response(null, { status: 304, headers })
  return new Response(ics, { headers })
}
