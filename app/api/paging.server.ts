import { decodeCursor } from '../models/api-osdi.server'
import { PageQuerySchema } from '../schemas/api'
import { apiError } from './responses.server'

/** `after` and `limit` from a list's query string, or a thrown JSON 400 that says what to fix. */
export function readPageQuery(request: Request): { afterId: string | null; limit: number } {
  const url = new URL(request.url)
  const parsed = PageQuerySchema.safeParse({ after: url.searchParams.get('after') ?? undefined, limit: url.searchParams.get('limit') ?? undefined })
  if (!parsed.success) throw apiError(400, 'invalid_request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' '))
  const afterId = parsed.data.after === undefined ? null : decodeCursor(parsed.data.after)
  if (parsed.data.after !== undefined && afterId === null) throw apiError(400, 'invalid_request', 'after: Use the cursor from the previous page’s next link.')
  return { afterId, limit: parsed.data.limit }
}

/** The HAL links of a page: itself, and the next page while there is one. */
export function pageLinks(request: Request, nextCursor: string | null) {
  const self = new URL(request.url)
  const links: { self: { href: string }; next?: { href: string } } = { self: { href: self.toString() } }
  if (nextCursor) {
    const next = new URL(self)
    next.searchParams.set('after', nextCursor)
    links.next = { href: next.toString() }
  }
  return links
}
