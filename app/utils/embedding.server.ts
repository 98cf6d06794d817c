import type { NextFunction, Request, Response } from 'express'

// Quorum's pages refuse to be framed (frame-ancestors 'none', X-Frame-Options: DENY) and its
// files to be loaded by other sites (Cross-Origin-Resource-Policy: same-origin). The embed and
// two images (the badge, the share image) are made to be shown elsewhere, and only they are
// opened up, after helmet has set the rest: on the shared page (app/server.ts) when it is
// rendered, and in Express for any other request.

export const EMBED_PATHS = ['/embed/c/:slug']
export const IMAGE_PATHS = ['/c/:slug/badge.svg', '/c/:slug/og.png']

const EMBED_PATH = /^\/embed\/c\/[^/]+$/
const IMAGE_PATH = /^\/c\/[^/]+\/(?:badge\.svg|og\.png)$/

/** Security headers (lower-case names) as the page at `path` should carry them. */
export function openedForEmbedding(path: string, headers: Record<string, string>): Record<string, string> {
  if (EMBED_PATH.test(path)) {
    const { 'x-frame-options': _denied, ...rest } = headers
    const policy = rest['content-security-policy']
    return policy ? { ...rest, 'content-security-policy': allowAnyFramer(policy) } : rest
  }
  if (IMAGE_PATH.test(path)) return { ...headers, 'cross-origin-resource-policy': 'cross-origin' }
  return headers
}

// The embeddable tally may be framed by any site; its scripts and styles stay Quorum's own.
const allowAnyFramer = (policy: string) => policy.replace("frame-ancestors 'none'", 'frame-ancestors *')

export function allowFraming(_req: Request, res: Response, next: NextFunction) {
  res.removeHeader('X-Frame-Options')
  const policy = res.getHeader('Content-Security-Policy')
  if (typeof policy === 'string') res.setHeader('Content-Security-Policy', allowAnyFramer(policy))
  next()
}

/** The badge and the share image may be shown in an <img> on any site. */
export function allowCrossOriginImage(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin')
  next()
}
