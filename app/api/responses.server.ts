import { createHash } from 'node:crypto'
import { PUBLIC_PAGE_CACHE_CONTROL } from '../utils/seo'

// How every /api/v1 answer is sent: JSON, an ETag from its bytes (a matching If-None-Match gets
// a 304 without a body), Cache-Control, and CORS so that partners' pages can read it. Errors are
// JSON too, `{ "error": { "code", "message" } }`, never an HTML page.

export const API_CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Retry-After',
}

/** Public figures change with every pledge: the same short shared cache as the public pages. */
export const PUBLIC_API_CACHE_CONTROL = PUBLIC_PAGE_CACHE_CONTROL
/** Answers that depend on a token are never kept by a shared cache. */
export const PRIVATE_API_CACHE_CONTROL = 'private, no-store'

function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"`
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

export function apiJson(request: Request, body: unknown, options: { status?: number; cacheControl?: string; headers?: Record<string, string> } = {}): Response {
  const text = JSON.stringify(body)
  const etag = etagOf(text)
  const headers = new Headers({
    ...API_CORS_HEADERS,
    'Cache-Control': options.cacheControl ?? PUBLIC_API_CACHE_CONTROL,
    ETag: etag,
    ...options.headers,
  })
  const status = options.status ?? 200
  if (status === 200 && (request.method === 'GET' || request.method === 'HEAD') && matches(request.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers })
  }
  headers.set('Content-Type', 'application/json; charset=utf-8')
  return new Response(text, { status, headers })
}

export type ApiErrorCode =
  | 'not_found'
  | 'method_not_allowed'
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'

/** `fields` names each invalid field of a JSON body with what to fix. */
export function apiError(status: number, code: ApiErrorCode, message: string, headers: Record<string, string> = {}, fields?: Record<string, string[] | undefined>): Response {
  return new Response(JSON.stringify({ error: { code, message, ...(fields ? { fields } : {}) } }), {
    status,
    headers: { ...API_CORS_HEADERS, 'Cache-Control': 'no-store', 'Content-Type': 'application/json; charset=utf-8', ...headers },
  })
}

export function methodNotAllowed(allowed: string[]): Response {
  return apiError(405, 'method_not_allowed', `This address answers ${allowed.join(' and ')} only.`, { Allow: allowed.join(', ') })
}
