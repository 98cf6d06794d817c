import type { ActionFunctionArgs } from '@remix-run/node'
import { requireApiCaller } from '~/api/auth.server'
import { apiError, apiJson, methodNotAllowed, PRIVATE_API_CACHE_CONTROL } from '~/api/responses.server'
import { config } from '~/config.server'
import { draftUpdate } from '~/models/updates.server'
import { ApiUpdateDraftSchema } from '~/schemas/api'

// POST /api/v1/campaigns/:slug/updates (token with updates:write): a draft email update. It is
// never sent from here: an organizer reviews and schedules it on the campaign's email page.
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== 'POST') return methodNotAllowed(['POST'])
  const caller = await requireApiCaller(request, context, params.slug, 'updates:write')
  let body: unknown
  try {
    body = await request.json()
  } catch {
    return apiError(400, 'invalid_request', 'Send a JSON object: {"subject", "body", "send_at", "audience"}, with Content-Type: application/json.')
  }
  const parsed = ApiUpdateDraftSchema.safeParse(body)
  if (!parsed.success) {
    const fields = parsed.error.flatten().fieldErrors
    return apiError(422, 'invalid_request', parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join(' '), {}, fields)
  }
  const { subject, body: text, send_at: sendAt, audience } = parsed.data
  const draft = await draftUpdate(context.db, { campaignId: caller.campaign.id, organizerId: caller.organizerId, subject, body: text, sendAt: new Date(sendAt), audience, via: `api_token:${caller.tokenId}` })
  return apiJson(
    request,
    { data: { id: draft.id, status: 'draft', subject, send_at: new Date(sendAt).toISOString(), audience, review_url: `${config.appUrl}/organizer/c/${caller.campaign.slug}/mail` } },
    { status: 201, cacheControl: PRIVATE_API_CACHE_CONTROL },
  )
}

export const loader = () => methodNotAllowed(['POST'])
