import type { LoaderFunctionArgs } from '@remix-run/node'
import { config } from '~/config.server'
import { getCampaignPage } from '~/models/campaign-page.server'
import { SlugSchema } from '~/schemas/api'
import { PUBLIC_PAGE_CACHE_CONTROL } from '~/utils/seo'
import { shareImageContent } from '~/utils/share-image-content'
import { renderShareImage } from '~/utils/share-image.server'

// GET /c/:slug/og.png: the image a link to the campaign unfurls into (og:image), drawn from the
// campaign page's own figures. Cached like the public pages and shown by other sites (see
// app/utils/public-page-cache.server.ts and app/utils/embedding.server.ts).
export async function loader({ params, context }: LoaderFunctionArgs) {
  const slug = SlugSchema.safeParse(params.slug)
  const page = slug.success ? await getCampaignPage(context.db, { slug: slug.data, now: new Date() }) : null
  if (!page) return new Response('Campaign not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
  const png = await renderShareImage(shareImageContent(page), { host: new URL(config.appUrl).host })
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png', 'Cache-Control': PUBLIC_PAGE_CACHE_CONTROL } })
}
