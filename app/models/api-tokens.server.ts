import { sql } from 'kysely'
import type { ApiScope, Db } from '../../db/schema'
import { generateToken, hashToken } from '../utils/tokens.server'
import { recordAudit } from './audit.server'
import { consumeRateLimit } from './rate-limits.server'

// Organizers' API tokens. An owner creates one for one campaign with the scopes it needs; the
// token is shown once and only its hash is kept. Every use is rate-limited (per client address,
// then per token) and written to the audit log, refused uses by a known token included.

const TOKEN_PREFIX = 'qrm_'
/** Requests a minute, per token and per client address. */
export const API_TOKEN_RATE = { perToken: 120, perAddress: 600, windowSeconds: 60 }

export async function createApiToken(
  db: Db,
  input: { actorId: number; campaignId: number; name: string; scopes: ApiScope[]; expiresInDays: number },
): Promise<{ ok: true; id: number; token: string; expiresAt: Date }> {
  const token = `${TOKEN_PREFIX}${generateToken()}`
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        campaign_id: input.campaignId,
        name: input.name,
        token_hash: hashToken(token),
        token_prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        scopes: [...new Set(input.scopes)].sort(),
        created_by: input.actorId,
        expires_at: sql<Date>`now() + make_interval(days => ${input.expiresInDays})`,
      })
      .returning(['id', 'expires_at', 'scopes', 'token_prefix'])
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      organizerId: input.actorId,
      campaignId: input.campaignId,
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: row.id,
      after: { name: input.name, prefix: row.token_prefix, scopes: row.scopes, expiresAt: row.expires_at.toISOString() },
    })
    return { ok: true as const, id: row.id, token, expiresAt: row.expires_at }
  })
}

export async function listApiTokens(db: Db, input: { campaignId: number }) {
  return db
    .selectFrom('api_tokens')
    .leftJoin('organizers', 'organizers.id', 'api_tokens.created_by')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.token_prefix',
      'api_tokens.scopes',
      'api_tokens.created_at',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'organizers.email as created_by_email',
      sql<boolean>`api_tokens.revoked_at is null and api_tokens.expires_at > now()`.as('active'),
    ])
    .where('api_tokens.campaign_id', '=', input.campaignId)
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id', 'desc')
    .execute()
}

export async function revokeApiToken(db: Db, input: { actorId: number; campaignId: number; tokenId: number }): Promise<{ ok: true } | { ok: false; formError: string }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: sql`now()`, revoked_by: input.actorId })
      .where('id', '=', input.tokenId)
      .where('campaign_id', '=', input.campaignId)
      .where('revoked_at', 'is', null)
      .returning(['id', 'name', 'token_prefix'])
      .executeTakeFirst()
    if (!row) return { ok: false as const, formError: 'That token is already revoked, or is not one of this campaign’s.' }
    await recordAudit(trx, {
      organizerId: input.actorId,
      campaignId: input.campaignId,
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: row.id,
      before: { name: row.name, prefix: row.token_prefix },
    })
    return { ok: true as const }
  })
}

export interface ApiCaller {
  tokenId: number
  /** The organizer who created the token: changes made through it are theirs in the audit log. */
  organizerId: number | null
  campaign: { id: number; slug: string }
}

export type ApiAuthentication =
  | { ok: true; caller: ApiCaller }
  | { ok: false; status: 401 | 403 | 429; code: 'unauthorized' | 'forbidden' | 'rate_limited'; message: string; retryAfterSeconds?: number }

/**
 * Checks a request's token for a campaign and a scope, counts the use against the rate limits
 * and audits it. `authorization` is the raw header; `where` says what was asked for.
 */
export async function authenticateApiRequest(
  db: Db,
  input: { authorization: string | null; slug: string; scope: ApiScope; clientIp: string; where: { method: string; path: string }; rate?: typeof API_TOKEN_RATE },
): Promise<ApiAuthentication> {
  const rate = input.rate ?? API_TOKEN_RATE
  const byAddress = await consumeRateLimit(db, { key: `api:address:${input.clientIp}`, limit: rate.perAddress, windowSeconds: rate.windowSeconds })
  if (!byAddress.ok) return tooMany(byAddress.retryAfterSeconds)

  const match = /^Bearer (qrm_[A-Za-z0-9_-]{43})$/.exec(input.authorization ?? '')
  if (!match) return { ok: false, status: 401, code: 'unauthorized', message: 'Send an API token as “Authorization: Bearer qrm_…”. A campaign’s owners create tokens on its Embed and API page.' }

  const token = await db
    .selectFrom('api_tokens')
    .innerJoin('campaigns', 'campaigns.id', 'api_tokens.campaign_id')
    .select(['api_tokens.id', 'api_tokens.scopes', 'api_tokens.created_by', 'api_tokens.revoked_at', 'api_tokens.expires_at', 'campaigns.id as campaign_id', 'campaigns.slug'])
    .select(sql<boolean>`api_tokens.expires_at <= now()`.as('expired'))
    .where('api_tokens.token_hash', '=', hashToken(match[1]!))
    .executeTakeFirst()
  if (!token) return { ok: false, status: 401, code: 'unauthorized', message: 'This API token is not valid. Check that it was copied whole.' }
  if (token.revoked_at) return { ok: false, status: 401, code: 'unauthorized', message: 'This API token has been revoked. Ask one of the campaign’s owners for a new one.' }
  if (token.expired) return { ok: false, status: 401, code: 'unauthorized', message: `This API token expired on ${token.expires_at.toISOString()}. Ask one of the campaign’s owners for a new one.` }

  const caller: ApiCaller = { tokenId: token.id, organizerId: token.created_by, campaign: { id: token.campaign_id, slug: token.slug } }
  const refusal =
    token.slug !== input.slug
      ? `This token is for the campaign “${token.slug}”, not “${input.slug}”.`
      : !token.scopes.includes(input.scope)
        ? `This token may not do this: it needs the ${input.scope} scope. Its scopes: ${token.scopes.join(', ')}.`
        : null
  const byToken = refusal ? ({ ok: true } as const) : await consumeRateLimit(db, { key: `api:token:${token.id}`, limit: rate.perToken, windowSeconds: rate.windowSeconds })
  const outcome = refusal ? 'refused' : byToken.ok ? 'allowed' : 'rate_limited'

  await db.transaction().execute(async (trx) => {
    if (outcome === 'allowed') await trx.updateTable('api_tokens').set({ last_used_at: sql`now()` }).where('id', '=', token.id).execute()
    await recordAudit(trx, {
      organizerId: token.created_by,
      campaignId: token.campaign_id,
      action: `api_token.${outcome === 'allowed' ? 'used' : outcome}`,
      entityType: 'api_token',
      entityId: token.id,
      after: { scope: input.scope, method: input.where.method, path: input.where.path, ip: input.clientIp },
    })
  })
  if (refusal) return { ok: false, status: 403, code: 'forbidden', message: refusal }
  if (!byToken.ok) return tooMany(byToken.retryAfterSeconds)
  return { ok: true, caller }
}

function tooMany(retryAfterSeconds: number): ApiAuthentication {
  return { ok: false, status: 429, code: 'rate_limited', message: `Too many requests: try again in ${retryAfterSeconds} s.`, retryAfterSeconds }
}
