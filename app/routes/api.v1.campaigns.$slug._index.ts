import type { LoaderFunctionArgs } from '@remix-run/node'
import { apiError, apiJson, methodNotAllowed } from '~/api/responses.server'
import { config } from '~/config.server'
import { getApiCampaign } from '~/models/public-api.server'
import { SlugSchema } from '~/schemas/api'

// GET /api/v1/campaigns/:slug: one campaign's dates, tally, result and threshold.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = SlugSchema.safeParse(params.slug)
  const campaign = slug.success ? await getApiCampaign(context.db, { slug: slug.data, appUrl: config.appUrl }) : null
  if (!campaign) return apiError(404, 'not_found', `No public campaign has the slug “${params.slug}”. GET /api/v1/campaigns lists them.`)
  return apiJson(request, { data: campaign })
}

export const action = () => methodNotAllowed(['GET'])
