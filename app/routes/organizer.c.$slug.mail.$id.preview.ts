import type { LoaderFunctionArgs } from '@remix-run/node'
import { previewUpdate } from '~/models/updates.server'
import { parseRowId } from '~/schemas/fields'
import { EMAIL_PREVIEW_CSP } from '~/utils/email-preview'
import { requireCampaignRole } from '~/utils/organizer-auth.server'

// The update as recipients will see it: the HTML on its own page (?format=text for the plain
// text). Email HTML relies on inline styles, so this one page allows them, and nothing else:
// no scripts, no forms, sandboxed. It is the only Content-Security-Policy this page sends
// (app/server.ts leaves the app-wide one off it).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign } = await requireCampaignRole(request, context, params.slug, 'viewer')
  const id = parseRowId(params.id)
  if (id === undefined) throw new Response('No such update', { status: 404 })
  const email = await previewUpdate(context.db, { campaignId: campaign.id, updateId: id })
  if (!email) throw new Response('No such update', { status: 404 })
  const text = new URL(request.url).searchParams.get('format') === 'text'
  return new Response(text ? `Subject: ${email.subject}\n\n${email.text}` : email.html, {
    headers: {
      'Content-Type': text ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8',
      'Content-Security-Policy': EMAIL_PREVIEW_CSP,
      'Cache-Control': 'private, no-store',
    },
  })
}
