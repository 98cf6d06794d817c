import { json } from '@remix-run/node'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { consumeRateLimit } from '../models/rate-limits.server'

/** A field people never see; bots that fill every input fill it too. */
export const HONEYPOT_FIELD = 'website'

export function honeypotFilled(form: FormData): boolean {
  return String(form.get(HONEYPOT_FIELD) ?? '') !== ''
}

const LIMITS = {
  ip: { limit: 20, windowSeconds: 10 * 60 },
  email: { limit: 5, windowSeconds: 60 * 60 },
}

/** Sign-up attempts per client address (counted before the form is even parsed), in PostgreSQL. */
export function checkIpRate(db: Kysely<Database>, input: { ip: string }) {
  return consumeRateLimit(db, { key: `sign-up:ip:${input.ip}`, ...LIMITS.ip })
}

/** Sign-ups per email address: one address cannot be flooded with confirmation emails. */
export function checkEmailRate(db: Kysely<Database>, input: { email: string }) {
  return consumeRateLimit(db, { key: `sign-up:email:${input.email}`, ...LIMITS.email })
}

/** The friendly 429: the page explains, and Retry-After says when to come back. */
export function tooManyRequests(retryAfterSeconds: number) {
  return json(
    { status: 'rate_limited' as const, retryAfterMinutes: Math.ceil(retryAfterSeconds / 60) },
    { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
  )
}
