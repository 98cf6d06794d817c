import { sql } from 'kysely'
import type { Db, OrganizerRole } from '../../db/schema'
import { generateToken, hashToken, isWellFormedToken } from '../utils/tokens.server'

// One-time links for organizers (decision 017): an invitation to a campaign, or a password reset.
// Only a token's hash is stored, with its purpose; a token is looked up under one purpose only,
// so an invitation's link can never reset a password, nor the reverse. Using one is a single
// conditional update: of two concurrent uses, exactly one succeeds.

export type OrganizerTokenPurpose = 'invite' | 'reset'

/** How long each link works, in minutes: an invitation waits for a week, a reset for an hour. */
export const ORGANIZER_TOKEN_MINUTES: Record<OrganizerTokenPurpose, number> = { invite: 7 * 24 * 60, reset: 60 }

export function newOrganizerToken(purpose: OrganizerTokenPurpose) {
  const plain = generateToken()
  return { plain, hash: hashToken(plain), expiresAt: sql<Date>`now() + make_interval(mins => ${ORGANIZER_TOKEN_MINUTES[purpose]})` }
}

export interface OrganizerTokenRow {
  id: string
  email: string
  organizerId: number | null
  campaignId: number | null
  role: OrganizerRole | null
}

export type OrganizerTokenLookup = ({ ok: true } & OrganizerTokenRow) | { ok: false; reason: 'invalid' | 'expired' | 'used' }

/** The token's row if it works for `purpose` now, without using it. */
export async function peekOrganizerToken(db: Db, input: { token: string | undefined; purpose: OrganizerTokenPurpose }): Promise<OrganizerTokenLookup> {
  if (!isWellFormedToken(input.token)) return { ok: false, reason: 'invalid' }
  const row = await db
    .selectFrom('organizer_tokens')
    .select(['id', 'email', 'organizer_id', 'campaign_id', 'role', 'used_at', 'revoked_at', sql<boolean>`expires_at <= now()`.as('expired')])
    .where('token_hash', '=', hashToken(input.token))
    .where('purpose', '=', input.purpose)
    .executeTakeFirst()
  // A revoked invitation reads as one that never was: its link says nothing about why.
  if (!row || row.revoked_at) return { ok: false, reason: 'invalid' }
  if (row.used_at) return { ok: false, reason: 'used' }
  if (row.expired) return { ok: false, reason: 'expired' }
  return { ok: true, id: row.id, email: row.email, organizerId: row.organizer_id, campaignId: row.campaign_id, role: row.role }
}

/** Uses the token up (in the caller's transaction); null when it no longer works for `purpose`. */
export async function consumeOrganizerToken(db: Db, input: { token: string; purpose: OrganizerTokenPurpose }): Promise<OrganizerTokenRow | null> {
  if (!isWellFormedToken(input.token)) return null
  const row = await db
    .updateTable('organizer_tokens')
    .set({ used_at: sql`now()` })
    .where('token_hash', '=', hashToken(input.token))
    .where('purpose', '=', input.purpose)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['id', 'email', 'organizer_id', 'campaign_id', 'role'])
    .executeTakeFirst()
  return row ? { id: row.id, email: row.email, organizerId: row.organizer_id, campaignId: row.campaign_id, role: row.role } : null
}

/** Drops links that ended (used, revoked or expired) over 30 days ago: their hashes serve nobody. The audit log keeps what happened. */
export async function pruneOrganizerTokens(db: Db): Promise<void> {
  await db
    .deleteFrom('organizer_tokens')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<', sql<Date>`now() - interval '30 days'`),
        eb('used_at', '<', sql<Date>`now() - interval '30 days'`),
        eb('revoked_at', '<', sql<Date>`now() - interval '30 days'`),
      ]),
    )
    .execute()
}
