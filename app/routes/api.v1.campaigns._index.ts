import type { LoaderFunctionArgs } from '@remix-run/node'
import { apiJson, methodNotAllowed } from '~/api/responses.server'
import { config } from '~/config.server'
import { listApiCampaigns } from '~/models/public-api.server'

// GET /api/v1/campaigns: every public campaign with its tally (see app/api/openapi.ts).
export async function loader({ request, context }: LoaderFunctionArgs) {
  return apiJson(request, { data: await listApiCampaigns(context.db, { appUrl: config.appUrl }) })
}

export const action = () => methodNotAllowed(['GET'])
