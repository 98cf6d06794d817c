import { sql } from 'kysely'
import type { Db } from '../../db/schema'
import { organizerEmailRow, signalEmailQueued } from '../mail/index.server'
import { normalizeEmail } from '../utils/email-address'
import { hashPassword } from '../utils/passwords.server'
import type { Result } from '../utils/result'
import { recordAudit } from './audit.server'
import { addressAndNetworkLimits, type Throttled, throttledFailure } from './organizer-invitations.server'
import { consumeOrganizerToken, newOrganizerToken, peekOrganizerToken } from './organizer-tokens.server'
import { consumeRateLimits } from './rate-limits.server'

// "Forgot your password?" (decision 017). Asking does the same work whether or not an account
// uses the address — the same statements, a token row and a queued email — so neither the
// answer, nor its timing, nor the queue tells anyone which addresses have accounts. Only the
// email, read by the address's owner, says whether one does.

/** Per address and per network: a few tries an hour is plenty for a person, little for a spammer. */
export const RESET_LIMITS = { address: { limit: 3, windowSeconds: 60 * 60 }, network: { limit: 10, windowSeconds: 60 * 60 } }

export async function requestPasswordReset(db: Db, input: { email: string; clientIp: string }): Promise<{ ok: true } | Throttled> {
  const email = normalizeEmail(input.email)
  const counted = await consumeRateLimits(db, addressAndNetworkLimits('reset', email, input.clientIp, RESET_LIMITS))
  if (!counted.ok) return throttledFailure(counted.retryAfterSeconds, 'password reset requests')
  await db.transaction().execute(async (trx) => {
    const organizer = await trx.selectFrom('organizers').select('id').where('email', '=', email).executeTakeFirst()
    const token = newOrganizerToken('reset')
    await trx.insertInto('organizer_tokens').values({ purpose: 'reset', token_hash: token.hash, email, organizer_id: organizer?.id ?? null, expires_at: token.expiresAt }).execute()
    await trx.insertInto('email_queue').values(organizerEmailRow({ to: email, campaignId: null, payload: { kind: 'password_reset', token: token.plain } })).execute()
  })
  signalEmailQueued()
  return { ok: true }
}

/** Whether a reset link works now (for the page that asks for the new password). Links for addresses without an account never do. */
export async function checkResetToken(db: Db, input: { token: string | undefined }): Promise<{ ok: true; email: string } | { ok: false; reason: 'invalid' | 'expired' | 'used' }> {
  const token = await peekOrganizerToken(db, { token: input.token, purpose: 'reset' })
  if (!token.ok) return token
  if (token.organizerId === null) return { ok: false, reason: 'invalid' }
  return { ok: true, email: token.email }
}

/**
 * Sets a new password from a reset link, once. It ends every session of the account and every
 * other reset link it had, in the same transaction.
 */
export async function resetPassword(db: Db, input: { token: string; newPassword: string }): Promise<Result<{ organizerId: number }> | { ok: false; reason: 'invalid' | 'expired' | 'used' }> {
  const checked = await checkResetToken(db, input)
  if (!checked.ok) return checked
  const hash = await hashPassword(input.newPassword)
  return db.transaction().execute(async (trx) => {
    const used = await consumeOrganizerToken(trx, { token: input.token, purpose: 'reset' })
    if (!used || used.organizerId === null) return { ok: false as const, reason: 'used' as const }
    const organizerId = used.organizerId
    await trx.updateTable('organizers').set({ password_hash: hash, password_changed_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', organizerId).execute()
    await trx.deleteFrom('organizer_sessions').where('organizer_id', '=', organizerId).execute()
    await trx.updateTable('organizer_tokens').set({ used_at: sql`now()` }).where('purpose', '=', 'reset').where('organizer_id', '=', organizerId).where('used_at', 'is', null).execute()
    await recordAudit(trx, { organizerId, campaignId: null, action: 'password.reset', entityType: 'organizer', entityId: organizerId })
    return { ok: true as const, organizerId }
  })
}
