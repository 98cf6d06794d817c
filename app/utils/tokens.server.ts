import { createHash, createHmac, randomBytes } from 'node:crypto'

/** A token for an email link: 256 random bits, URL-safe. Only its hash is ever stored. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

/** Tokens look like 43 URL-safe characters; anything else is refused before any lookup. */
export function isWellFormedToken(token: string | undefined): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token)
}

/**
 * A token derived from a secret and a label (e.g. "delivery:42:manage"): as unguessable as a
 * random one, but the same every time it is derived, so a retried email carries the same bytes.
 */
export function deriveToken(secret: string, label: string): string {
  return createHmac('sha256', secret).update(label).digest('base64url')
}
