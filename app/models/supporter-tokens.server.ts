import { sql } from 'kysely'
import type { Db } from '../../db/schema'
import { generateToken, hashToken, isWellFormedToken } from '../utils/tokens.server'

export type TokenPurpose = 'confirm' | 'manage' | 'unsubscribe' | 'voted'

/**
 * How long each kind of link works. Confirmation links are also single-use. An "I voted" link
 * comes in a reminder weeks before the meeting and may be used until well after it.
 */
export const TOKEN_LIFETIME_DAYS: Record<TokenPurpose, number> = { confirm: 7, manage: 60, unsubscribe: 400, voted: 120 }

/** When a token issued now for `purpose` stops working, as the database reckons now. */
export function tokenExpiry(purpose: TokenPurpose) {
  return sql<Date>`now() + make_interval(days => ${TOKEN_LIFETIME_DAYS[purpose]})`
}

/** Creates a token bound to one supporter (and campaign) for one purpose; returns the plain token. */
export async function issueToken(db: Db, input: { supporterId: string; purpose: TokenPurpose; campaignId?: number | null }): Promise<string> {
  const { plain, rows } = newTokens({ supporterId: input.supporterId, tokens: [input] })
  await db.insertInto('supporter_tokens').values(rows).execute()
  return plain[0]!
}

/** New tokens for one supporter: the plain tokens for the links, and the rows that store their hashes. */
export function newTokens(input: { supporterId: string; tokens: Array<{ purpose: TokenPurpose; campaignId?: number | null }> }) {
  const plain = input.tokens.map(() => generateToken())
  const rows = input.tokens.map((t, i) => ({
    supporter_id: input.supporterId,
    campaign_id: t.campaignId ?? null,
    purpose: t.purpose,
    token_hash: hashToken(plain[i]!),
    expires_at: tokenExpiry(t.purpose),
  }))
  return { plain, rows }
}

export type TokenLookup =
  | { ok: true; supporterId: string; campaignId: number | null; /** The update delivery whose email carried the link. */ deliveryId?: string | null }
  | { ok: false; reason: 'invalid' | 'expired' | 'used' }

/** A token's owner if it is valid for `purpose`, without using it up. */
export async function peekToken(db: Db, input: { token: string | undefined; purpose: TokenPurpose }): Promise<TokenLookup> {
  if (!isWellFormedToken(input.token)) return { ok: false, reason: 'invalid' }
  const row = await db
    .selectFrom('supporter_tokens')
    .select(['supporter_id', 'campaign_id', 'used_at', 'delivery_id', sql<boolean>`expires_at <= now()`.as('expired')])
    .where('token_hash', '=', hashToken(input.token))
    .where('purpose', '=', input.purpose)
    .executeTakeFirst()
  if (!row) return { ok: false, reason: 'invalid' }
  if (row.expired) return { ok: false, reason: 'expired' }
  if (row.used_at) return { ok: false, reason: 'used' }
  return { ok: true, supporterId: row.supporter_id, campaignId: row.campaign_id, deliveryId: row.delivery_id }
}

/** Uses up a single-use token atomically: of two concurrent uses, exactly one succeeds. */
export async function consumeToken(db: Db, input: { token: string | undefined; purpose: TokenPurpose }): Promise<TokenLookup> {
  if (!isWellFormedToken(input.token)) return { ok: false, reason: 'invalid' }
  const row = await db
    .updateTable('supporter_tokens')
    .set({ used_at: sql`now()` })
    .where('token_hash', '=', hashToken(input.token))
    .where('purpose', '=', input.purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['supporter_id', 'campaign_id'])
    .executeTakeFirst()
  if (row) return { ok: true, supporterId: row.supporter_id, campaignId: row.campaign_id }
  const why = await peekToken(db, input)
  return why.ok ? { ok: false, reason: 'used' } : why
}
