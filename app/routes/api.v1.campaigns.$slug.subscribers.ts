import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireApiCaller } from '~/api/auth.server'
import { pageLinks, readPageQuery } from '~/api/paging.server'
import { apiJson, methodNotAllowed, PRIVATE_API_CACHE_CONTROL } from '~/api/responses.server'
import { listSubscriberPeople } from '~/models/api-osdi.server'

// GET /api/v1/campaigns/:slug/subscribers (token with subscribers:read): the campaign's mailing
// list as OSDI people, a page at a time.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context, params.slug, 'subscribers:read')
  const query = readPageQuery(request)
  const page = await listSubscriberPeople(context.db, { campaignId: caller.campaign.id, ...query })
  return apiJson(
    request,
    { per_page: query.limit, _links: pageLinks(request, page.nextCursor), _embedded: { 'osdi:people': page.items } },
    { cacheControl: PRIVATE_API_CACHE_CONTROL, headers: { Vary: 'Authorization' } },
  )
}

export const action = () => methodNotAllowed(['GET'])
