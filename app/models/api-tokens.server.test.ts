import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { ApiScope } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { authenticateApiRequest, createApiToken, listApiTokens, revokeApiToken } from './api-tokens.server'
import { createOrganizer } from './organizers.server'

// Organizers' API tokens: scopes, campaigns, expiry, revocation, rate limits and the audit log.

let handle: DatabaseHandle
let ownerId: number
let campaign: { id: number; slug: string }
let other: { id: number; slug: string }
let address = 0

beforeAll(async () => {
  handle = await createTestDatabase()
  ownerId = (await createOrganizer(handle.db, { email: 'owner@example.org', password: 'a long enough password' })).id
  campaign = await createCampaign(handle.db)
  other = await createCampaign(handle.db)
})
afterAll(async () => handle?.close())

function use(token: string | null, input: { slug?: string; scope?: ApiScope; rate?: { perToken: number; perAddress: number; windowSeconds: number } } = {}) {
  address += 1
  return authenticateApiRequest(handle.db, {
    authorization: token === null ? null : `Bearer ${token}`,
    slug: input.slug ?? campaign.slug,
    scope: input.scope ?? 'pledges:read',
    clientIp: `192.0.2.${address % 250}`,
    where: { method: 'GET', path: `/api/v1/campaigns/${input.slug ?? campaign.slug}/pledges` },
    rate: input.rate,
  })
}

async function auditActions(tokenId: number) {
  const rows = await handle.db.selectFrom('audit_log').select(['action', 'organizer_id']).where('entity_type', '=', 'api_token').where('entity_id', '=', String(tokenId)).orderBy('id').execute()
  return rows.map((r) => r.action)
}

describe(`API tokens on ${testDatabaseKind}`, () => {
  test('a token is shown once and stored only as its hash; its creation is audited without it', async () => {
    const created = await createApiToken(handle.db, { actorId: ownerId, campaignId: campaign.id, name: 'CRM sync', scopes: ['pledges:read'], expiresInDays: 30 })
    expect(created.token).toMatch(/^qrm_[A-Za-z0-9_-]{43}$/)
    const row = await handle.db.selectFrom('api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()
    expect(row.token_hash.equals(createHash('sha256').update(created.token).digest())).toBe(true)
    expect(JSON.stringify(row)).not.toContain(created.token.slice(4))
    expect(row.token_prefix).toBe(created.token.slice(0, 10))
    expect(Math.round((row.expires_at.getTime() - row.created_at.getTime()) / 86_400_000)).toBe(30)
    const audit = await handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'api_token.created').where('entity_id', '=', String(created.id)).executeTakeFirstOrThrow()
    expect(audit.organizer_id).toBe(ownerId)
    expect(JSON.stringify(audit.after)).not.toContain(created.token.slice(4))
    const [listed] = await listApiTokens(handle.db, { campaignId: campaign.id })
    expect(listed).toMatchObject({ name: 'CRM sync', scopes: ['pledges:read'], active: true, created_by_email: 'owner@example.org' })
  })

  test('a token does what its scopes allow, on its own campaign only; each use and refusal is audited', async () => {
    const { id, token } = await createApiToken(handle.db, { actorId: ownerId, campaignId: campaign.id, name: 'Reader', scopes: ['pledges:read', 'subscribers:read'], expiresInDays: 7 })
    const allowed = await use(token)
    expect(allowed).toEqual({ ok: true, caller: { tokenId: id, organizerId: ownerId, campaign: { id: campaign.id, slug: campaign.slug } } })
    expect((await use(token, { scope: 'subscribers:read' })).ok).toBe(true)

    const noScope = await use(token, { scope: 'updates:write' })
    expect(noScope).toMatchObject({ ok: false, status: 403, code: 'forbidden' })
    if (!noScope.ok) expect(noScope.message).toContain('updates:write')
    const elsewhere = await use(token, { slug: other.slug })
    expect(elsewhere).toMatchObject({ ok: false, status: 403, code: 'forbidden' })

    expect(await auditActions(id)).toEqual(['api_token.created', 'api_token.used', 'api_token.used', 'api_token.refused', 'api_token.refused'])
    const row = await handle.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.last_used_at).not.toBeNull()
  })

  test('no token, a malformed one or an unknown one is a 401', async () => {
    for (const token of [null, 'qrm_short', `qrm_${'A'.repeat(43)}`, `xyz_${'A'.repeat(43)}`]) {
      expect(await use(token), String(token)).toMatchObject({ ok: false, status: 401, code: 'unauthorized' })
    }
  })

  test('a revoked token stops working at once; revoking twice says so; both audited', async () => {
    const { id, token } = await createApiToken(handle.db, { actorId: ownerId, campaignId: campaign.id, name: 'Short-lived', scopes: ['pledges:read'], expiresInDays: 7 })
    expect((await use(token)).ok).toBe(true)
    expect(await revokeApiToken(handle.db, { actorId: ownerId, campaignId: campaign.id, tokenId: id })).toEqual({ ok: true })
    const after = await use(token)
    expect(after).toMatchObject({ ok: false, status: 401 })
    if (!after.ok) expect(after.message).toContain('revoked')
    expect(await revokeApiToken(handle.db, { actorId: ownerId, campaignId: campaign.id, tokenId: id })).toMatchObject({ ok: false })
    // Another campaign's owner page cannot revoke it either.
    expect(await revokeApiToken(handle.db, { actorId: ownerId, campaignId: other.id, tokenId: id })).toMatchObject({ ok: false })
    expect(await auditActions(id)).toEqual(['api_token.created', 'api_token.used', 'api_token.revoked'])
    const [listed] = (await listApiTokens(handle.db, { campaignId: campaign.id })).filter((t) => t.id === id)
    expect(listed).toMatchObject({ active: false })
    expect(listed!.revoked_at).not.toBeNull()
  })

  test('an expired token is a 401 that says when it expired', async () => {
    const { id, token } = await createApiToken(handle.db, { actorId: ownerId, campaignId: campaign.id, name: 'Old', scopes: ['pledges:read'], expiresInDays: 7 })
    await handle.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute()
    const result = await use(token)
    expect(result).toMatchObject({ ok: false, status: 401 })
    if (!result.ok) expect(result.message).toContain('expired')
  })

  test('uses past the per-token limit are refused with a Retry-After, and audited as such', async () => {
    const { id, token } = await createApiToken(handle.db, { actorId: ownerId, campaignId: campaign.id, name: 'Busy', scopes: ['pledges:read'], expiresInDays: 7 })
    const rate = { perToken: 3, perAddress: 1000, windowSeconds: 60 }
    const results = []
    for (let i = 0; i < 5; i++) results.push(await use(token, { rate }))
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false])
    expect(results[3]).toMatchObject({ ok: false, status: 429, code: 'rate_limited' })
    expect((results[3] as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0)
    expect((await auditActions(id)).filter((a) => a === 'api_token.rate_limited')).toHaveLength(2)
  })

  test('one client address is limited across tokens, even with tokens that do not exist', async () => {
    const rate = { perToken: 1000, perAddress: 2, windowSeconds: 60 }
    const fixed = (token: string | null) =>
      authenticateApiRequest(handle.db, { authorization: token, slug: campaign.slug, scope: 'pledges:read', clientIp: '198.51.100.7', where: { method: 'GET', path: '/x' }, rate })
    expect((await fixed(null)).ok).toBe(false)
    expect(await fixed(`Bearer qrm_${'B'.repeat(43)}`)).toMatchObject({ status: 401 })
    expect(await fixed(`Bearer qrm_${'C'.repeat(43)}`)).toMatchObject({ status: 429 })
  })

  test('the database refuses scopes it does not know and tokens with none', async () => {
    const insert = (scopes: string[]) =>
      handle.db
        .insertInto('api_tokens')
        .values({ campaign_id: campaign.id, name: 'x', token_hash: Buffer.from(scopes.join()), token_prefix: 'qrm_x', scopes: scopes as ApiScope[], expires_at: new Date() })
        .execute()
    await expect(insert(['admin'])).rejects.toThrow()
    await expect(insert([])).rejects.toThrow()
  })
})
