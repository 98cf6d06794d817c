import type { LoaderFunctionArgs } from '@remix-run/node'
import { renderToStaticMarkup } from 'react-dom/server'
import { CampaignBadge } from '~/components/campaign-badge'
import { getEmbedData } from '~/models/embed.server'
import { SlugSchema } from '~/schemas/api'
import { PUBLIC_PAGE_CACHE_CONTROL } from '~/utils/seo'

// GET /c/:slug/badge.svg: an accessible SVG badge for READMEs and partners' pages, cached like
// the public pages. Other sites may show it (see app/utils/embedding.server.ts).
export async function loader({ params, context }: LoaderFunctionArgs) {
  const slug = SlugSchema.safeParse(params.slug)
  const data = slug.success ? await getEmbedData(context.db, { slug: slug.data }) : null
  if (!data) return new Response('Campaign not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
  return new Response(renderToStaticMarkup(<CampaignBadge data={data} />), {
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': PUBLIC_PAGE_CACHE_CONTROL,
    },
  })
}
