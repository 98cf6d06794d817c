import type { NextFunction, Request, Response } from 'express'

// Quorum's pages refuse to be framed (frame-ancestors 'none', X-Frame-Options: DENY) and its
// files to be loaded by other sites (Cross-Origin-Resource-Policy: same-origin). Two addresses
// are made to be shown elsewhere, and only they are opened up, after helmet has set the rest.

export const EMBED_PATHS = ['/embed/c/:slug']
export const BADGE_PATHS = ['/c/:slug/badge.svg']

/** The embeddable tally may be framed by any site; its scripts and styles stay Quorum's own. */
export function allowFraming(_req: Request, res: Response, next: NextFunction) {
  res.removeHeader('X-Frame-Options')
  const policy = res.getHeader('Content-Security-Policy')
  if (typeof policy === 'string') res.setHeader('Content-Security-Policy', policy.replace("frame-ancestors 'none'", 'frame-ancestors *'))
  next()
}

/** The badge may be shown in an <img> on any site. */
export function allowCrossOriginImage(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin')
  next()
}
