import type { NextFunction, Request, Response } from 'express'
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
 */
export function isExemptFromOriginCheck(path: string): boolean {
  return /^\/u\/[^/]+$/.test(path) || path === '/webhooks/resend'
}

const appOrigin = new URL(config.appUrl).origin

/**
 * CSRF protection without tokens: a browser always says where a POST comes from (Origin, and
 * Sec-Fetch-Site in current browsers); anything from another site is refused.
 */
export function refuseCrossSitePosts(req: Request, res: Response, next: NextFunction) {
  if (!UNSAFE_METHODS.has(req.method) || isExemptFromOriginCheck(req.path)) return next()
  const fetchSite = req.get('sec-fetch-site')
  const origin = req.get('origin')
  const ownOrigins = [appOrigin, `${req.protocol}://${req.get('host')}`]
  const crossSite = (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') || (origin !== undefined && !ownOrigins.includes(origin))
  if (crossSite) {
    res.status(403).json({ error: 'cross_site_request', message: 'This form can only be sent from Quorum’s own pages. Reload the page and try again.' })
    return
  }
  next()
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
