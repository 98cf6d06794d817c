import type { AppLoadContext } from '@remix-run/node'
import type { ApiScope } from '../../db/schema'
import { authenticateApiRequest, type ApiCaller } from '../models/api-tokens.server'
import { apiError } from './responses.server'

/**
 * The caller of a token-protected API address, or a thrown JSON 401/403/429. Every call is
 * rate-limited and audited by the model.
 */
export async function requireApiCaller(request: Request, context: AppLoadContext, slug: string | undefined, scope: ApiScope): Promise<ApiCaller> {
  const result = await authenticateApiRequest(context.db, {
    authorization: request.headers.get('authorization'),
    slug: slug ?? '',
    scope,
    clientIp: context.clientIp,
    where: { method: request.method, path: new URL(request.url).pathname },
  })
  if (result.ok) return result.caller
  const headers: Record<string, string> = result.retryAfterSeconds ? { 'Retry-After': String(result.retryAfterSeconds) } : {}
  if (result.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="Quorum API"'
  throw apiError(result.status, result.code, result.message, headers)
}
