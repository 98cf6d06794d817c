import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireApiCaller } from '~/api/auth.server'
import { pageLinks, readPageQuery } from '~/api/paging.server'
import { apiJson, methodNotAllowed, PRIVATE_API_CACHE_CONTROL } from '~/api/responses.server'
import { config } from '~/config.server'
import { listPledgeSignatures } from '~/models/api-osdi.server'

// GET /api/v1/campaigns/:slug/pledges (token with pledges:read): confirmed pledges as OSDI
// signatures, oldest first, a page at a time.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, params.slug, 'pledges:read')
  const query = readPageQuery(request)
  const page = await listPledgeSignatures(context.db, { campaignId: caller.campaign.id, ...query, campaignUrl: `${config.appUrl}/c/${caller.campaign.slug}` })
  return apiJson(
    request,
    { per_page: query.limit, _links: pageLinks(request, page.nextCursor), _embedded: { 'osdi:signatures': page.items } },
    { cacheControl: PRIVATE_API_CACHE_CONTROL, headers: { Vary: 'Authorization' } },
  )
}

export const action = () => methodNotAllowed(['GET'])
