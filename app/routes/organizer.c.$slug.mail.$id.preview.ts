import type { LoaderFunctionArgs } from '@remix-run/node'
import { previewUpdate } from '~/models/updates.server'
import { requireCampaignRole } from '~/utils/organizer-auth.server'

// The update as recipients will see it: the HTML on its own page (?format=text for the plain
// text). Email HTML relies on inline styles, so this one page allows them, and nothing else:
// no scripts, no forms, sandboxed.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign } = await requireCampaignRole(request, context, params.slug, 'viewer')
  const email = await previewUpdate(context.db, { campaignId: campaign.id, updateId: Number(params.id) })
  if (!email) throw new Response('No such update', { status: 404 })
  const text = new URL(request.url).searchParams.get('format') === 'text'
  return new Response(text ? `Subject: ${email.subject}\n\n${email.text}` : email.html, {
    headers: {
      'Content-Type': text ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'; sandbox",
      'Cache-Control': 'private, no-store',
    },
  })
}
