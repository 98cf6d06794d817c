import type { NextFunction, Request, Response } from 'express'
import { API_CORS_HEADERS } from '../api/responses.server'
import { config } from '../config.server'

// Guards every state-changing request before it reaches Remix.

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Forms here are a few hundred bytes; webhooks a few kilobytes. */
export const MAX_BODY_BYTES = 64 * 1024

/** The one page that takes files: SEC filings for a campaign's vote model (IMPORT_MAX_MEGABYTES). */
const UPLOAD_PATH = /^\/organizer\/c\/[^/]+\/imports$/

export function bodyLimitFor(path: string): number {
  return UPLOAD_PATH.test(path) ? config.importMaxBytes : MAX_BODY_BYTES
}

/**
 * RFC 8058 one-click unsubscribe is POSTed by mail providers' servers, and Resend's webhooks by
 * Resend: neither comes from a page of ours. Both are authenticated by their token or signature.
 * The API is called from partners' servers and pages with a bearer token, never a cookie, so a
 * cross-site request there carries no ambient authority to forge.
 */
export function isExemptFromOriginCheck(path: string): boolean {
  return /^\/u\/[^/]+$/.test(path) || path === '/webhooks/resend' || path.startsWith('/api/v1/')
}

/** CORS preflight for the API: any origin may call it, with a bearer token and JSON. */
export function answerApiPreflight(req: Request, res: Response, next: NextFunction) {
  if (req.method !== 'OPTIONS') return next()
  res
    .set({
      ...API_CORS_HEADERS,
      'Access-Control-Allow-Methods': 'GET, HEAD, POST',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-None-Match',
      'Access-Control-Max-Age': '600',
    })
    .status(204)
    .end()
}

const appOrigin = new URL(config.appUrl).origin

/**
 * The host a request was sent to, as Remix will read it: X-Forwarded-Host when a trusted proxy
 * set it, otherwise Host. An X-Forwarded-Host from anyone else is dropped here, before Remix
 * (which believes it unconditionally) can see it.
 */
function addressedHost(req: Request): string | undefined {
  const trusted = (req.app.get('trust proxy fn') as (address: string | undefined, hop: number) => boolean)(req.socket.remoteAddress, 0)
  if (!trusted) delete req.headers['x-forwarded-host']
  return req.get('x-forwarded-host')?.split(',')[0]?.trim() || req.get('host')
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

/**
 * CSRF protection without tokens: a browser always says where a POST comes from (Origin, and
 * Sec-Fetch-Site in current browsers). A POST is accepted when it names no origin (not from a
 * browser page), or when its Origin is Quorum's own (APP_URL, or the origin the request was
 * sent to) *and* names the host the request was sent to. Anything else is a 403 with a reason:
 * another site's page, an Origin of "null", or an Origin of APP_URL arriving under another Host
 * (a proxy that rewrites Host without X-Forwarded-Host, or a forged request), which Remix
 * itself would otherwise answer with a 500. See docs/security.md.
 */
export function refuseCrossSitePosts(req: Request, res: Response, next: NextFunction) {
  if (!UNSAFE_METHODS.has(req.method)) return next()
  if (isExemptFromOriginCheck(req.path)) {
    // Authenticated by their token or signature, wherever they come from: Remix's own origin
    // check must not see an Origin here either.
    delete req.headers.origin
    return next()
  }
  const fetchSite = req.get('sec-fetch-site')
  const origin = req.get('origin')
  const host = addressedHost(req)
  const ownOrigin = origin !== undefined && (origin === appOrigin || origin === `${req.protocol}://${host}`)
  const sameHost = origin !== undefined && host !== undefined && hostOf(origin) === host
  const crossSite = (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') || (origin !== undefined && !(ownOrigin && sameHost))
  if (crossSite) {
    const message =
      ownOrigin && !sameHost
        ? 'This request names Quorum as its origin but reached another host name: open Quorum at its own address and try again.'
        : 'This form can only be sent from Quorum’s own pages. Reload the page and try again.'
    res.status(403).json({ error: 'cross_site_request', message })
    return
  }
  next()
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/**
 * TRACE (which would echo a request's cookies back), TRACK, CONNECT and made-up methods never
 * reach Remix, which cannot build a Request for some of them: a 405 saying what is allowed.
 */
export function refuseUnknownMethods(req: Request, res: Response, next: NextFunction) {
  if (KNOWN_METHODS.has(req.method)) return next()
  res.status(405).set('Allow', 'GET, HEAD, POST').json({ error: 'method_not_allowed', message: `Quorum does not answer ${req.method} requests: use GET or POST.` })
}

/** Bodies over the limit, or of unknown length, are refused before anyone reads them. */
export function refuseOversizedBodies(req: Request, res: Response, next: NextFunction) {
  if (!UNSAFE_METHODS.has(req.method)) return next()
  const length = req.get('content-length')
  if (length === undefined && req.get('transfer-encoding')) {
    res.status(411).json({ error: 'length_required', message: 'Send the request with a Content-Length header.' })
    return
  }
  const limit = bodyLimitFor(req.path)
  if (length !== undefined && Number(length) > limit) {
    res.status(413).json({ error: 'body_too_large', message: limit === MAX_BODY_BYTES ? `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KB.` : `Uploads are limited to ${Math.round(limit / 1024 / 1024)} MB.` })
    return
  }
  next()
}
