import type { LoaderFunctionArgs } from '@remix-run/node'
import { openApiDocument } from '~/api/openapi'
import { apiJson, methodNotAllowed } from '~/api/responses.server'
import { config } from '~/config.server'

// The API's own description (OpenAPI 3.1); it changes only with a release.
export async function loader({ request }: LoaderFunctionArgs) {
  return apiJson(request, openApiDocument(config.appUrl), { cacheControl: 'public, max-age=3600' })
}

export const action = () => methodNotAllowed(['GET'])
