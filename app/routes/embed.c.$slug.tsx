import type { LoaderFunctionArgs } from '@remix-run/node'
import { renderToStaticMarkup } from 'react-dom/server'
import { EmbedTally } from '~/components/embed-tally'
import { getEmbedData } from '~/models/embed.server'
import { SlugSchema } from '~/schemas/api'
import embedStylesHref from '~/styles/embed.css'
import progressStylesHref from '~/styles/progress.css'
import tokensHref from '~/styles/tokens.css'
import { PUBLIC_PAGE_CACHE_CONTROL } from '~/utils/seo'

// GET /embed/c/:slug: the tally for partners' <iframe>s (the only page others may frame; see
// app/server.ts). Static HTML without scripts, cached like the public pages.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const slug = SlugSchema.safeParse(params.slug)
  const data = slug.success ? await getEmbedData(context.db, { slug: slug.data }) : null
  if (!data) return new Response('Campaign not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
  const html = `<!DOCTYPE html>${renderToStaticMarkup(<EmbedTally data={data} stylesHrefs={[tokensHref, progressStylesHref, embedStylesHref]} />)}`
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': PUBLIC_PAGE_CACHE_CONTROL } })
}
