import type { Db } from '../../db/schema'
import { verifyLogin } from './organizers.server'
import { consumeRateLimits, type RateLimit, refundRateLimits } from './rate-limits.server'

// Failed sign-ins are throttled per address and per account. Each attempt is counted, in one
// upsert that returns the new counts, *before* its password is checked: however many guesses
// arrive at once, at most the limit of them reach the password check. A sign-in that succeeds
// gives its count back, so only failures use up the allowance.

export const SIGN_IN_LIMITS = { ip: { limit: 20, windowSeconds: 15 * 60 }, account: { limit: 8, windowSeconds: 15 * 60 } }

export type SignInOutcome =
  | { ok: true; organizer: { id: number; email: string } }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }
  | { ok: false; reason: 'wrong_credentials' }

export async function signIn(db: Db, input: { email: string; password: string; clientIp: string }): Promise<SignInOutcome> {
  const limits: RateLimit[] = [
    { key: `login:ip:${input.clientIp}`, ...SIGN_IN_LIMITS.ip },
    { key: `login:account:${input.email.trim().toLowerCase()}`, ...SIGN_IN_LIMITS.account },
  ]
  const counted = await consumeRateLimits(db, limits)
  if (!counted.ok) return { ok: false, reason: 'throttled', retryAfterSeconds: counted.retryAfterSeconds }
  const organizer = await verifyLogin(db, { email: input.email, password: input.password })
  if (!organizer) return { ok: false, reason: 'wrong_credentials' }
  await refundRateLimits(db, { keys: limits.map((l) => l.key) })
  return { ok: true, organizer }
}
