import { json } from '@remix-run/node'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { consumeRateLimits } from '../models/rate-limits.server'

/** A field people never see; bots that fill every input fill it too. */
export const HONEYPOT_FIELD = 'website'

export function honeypotFilled(form: FormData): boolean {
  return String(form.get(HONEYPOT_FIELD) ?? '') !== ''
}

const LIMITS = {
  ip: { limit: 20, windowSeconds: 10 * 60 },
  email: { limit: 5, windowSeconds: 60 * 60 },
}

/**
 * Counts a sign-up attempt: always per client address, and per email address once the form has
 * given a valid one (so one address cannot be flooded with confirmation emails). One statement.
 */
export function checkSignUpRate(db: Kysely<Database>, input: { ip: string; email?: string }) {
  return consumeRateLimits(db, [
    { key: `sign-up:ip:${input.ip}`, ...LIMITS.ip },
    ...(input.email ? [{ key: `sign-up:email:${input.email}`, ...LIMITS.email }] : []),
  ])
}

/** The friendly 429: the page explains, and Retry-After says when to come back. */
export function tooManyRequests(retryAfterSeconds: number) {
  return json(
    { status: 'rate_limited' as const, retryAfterMinutes: Math.ceil(retryAfterSeconds / 60) },
    { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
  )
}
