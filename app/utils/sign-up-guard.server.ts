import { json } from '@remix-run/node'
import type { Db } from '../../db/schema'
import { consumeRateLimits } from '../models/rate-limits.server'
import { formatTimeIn } from './dates'

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
export function checkSignUpRate(db: Db, input: { ip: string; email?: string }) {
  return consumeRateLimits(db, [
    { key: `sign-up:ip:${input.ip}`, ...LIMITS.ip },
    ...(input.email ? [{ key: `sign-up:email:${input.email}`, ...LIMITS.email }] : []),
  ])
}

/** "Please try again in about 12 minutes (after 3:42 p.m. EDT)": when the limit lets them back in. */
export function retryMessage(retryAfterSeconds: number, timeZone: string, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
  const at = formatTimeIn(new Date(now.getTime() + retryAfterSeconds * 1000), timeZone)
  return (
    'There have been many sign-ups from your connection or for this address in a short time. ' +
    `Please try again in about ${minutes === 1 ? 'a minute' : `${minutes} minutes`} (after ${at}). What you typed is still in the form.`
  )
}

/**
 * The friendly 429: Retry-After says when to come back, and `result` (conform's reply, with the
 * message as its form error) puts the person's values back into the form.
 */
export function tooManyRequests<Result>(retryAfterSeconds: number, result: Result) {
  return json({ status: 'rate_limited' as const, retryAfterSeconds, result }, { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } })
}
