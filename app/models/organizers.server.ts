import { sql } from 'kysely'
import type { OrganizerRole, Db } from '../../db/schema'
import { dummyPasswordHash, hashPassword, verifyPassword } from '../utils/passwords.server'
import { generateToken, hashToken } from '../utils/tokens.server'
import { isCampaignSlug } from '../schemas/fields'
import { normalizeEmail } from '../utils/email-address'
import { fieldFailure, type Result } from '../utils/result'

export const MIN_PASSWORD_LENGTH = 12
/** How long an organizer stays signed in: the session row and the cookie both end then. */
export const SESSION_DAYS = 14
const ROLE_RANK: Record<OrganizerRole, number> = { viewer: 1, editor: 2, owner: 3 }

export function roleAtLeast(role: OrganizerRole, needed: OrganizerRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed]
}

export async function createOrganizer(db: Db, input: { email: string; password: string; name?: string | null }) {
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new Error(`A password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
  return db
    .insertInto('organizers')
    .values({ email: normalizeEmail(input.email), name: input.name ?? null, password_hash: await hashPassword(input.password) })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow()
}

export async function grantRole(db: Db, input: { campaignId: number; organizerId: number; role: OrganizerRole }) {
  await db
    .insertInto('campaign_organizers')
    .values({ campaign_id: input.campaignId, organizer_id: input.organizerId, role: input.role })
    .onConflict((oc) => oc.columns(['campaign_id', 'organizer_id']).doUpdateSet({ role: input.role }))
    .execute()
}

/** The organizer for these credentials, or null. Unknown addresses take as long as wrong passwords. */
export async function verifyLogin(db: Db, input: { email: string; password: string }) {
  const organizer = await db.selectFrom('organizers').select(['id', 'email', 'password_hash']).where('email', '=', normalizeEmail(input.email)).executeTakeFirst()
  const valid = await verifyPassword(input.password, organizer?.password_hash ?? (await dummyPasswordHash()))
  return organizer && valid ? { id: organizer.id, email: organizer.email } : null
}

/** Starts a session; the cookie carries the returned id, the database only its hash. */
export async function createSession(db: Db, input: { organizerId: number }): Promise<string> {
  const id = generateToken()
  await db
    .insertInto('organizer_sessions')
    .values({ id_hash: hashToken(id), organizer_id: input.organizerId, expires_at: sql`now() + make_interval(days => ${SESSION_DAYS})` })
    .execute()
  return id
}

/** The organizer of a live session: not expired, not signed out, not older than a password change. */
export async function getSessionOrganizer(db: Db, input: { sessionId: string }) {
  return db
    .selectFrom('organizer_sessions')
    .innerJoin('organizers', 'organizers.id', 'organizer_sessions.organizer_id')
    .select(['organizers.id', 'organizers.email', 'organizers.name'])
    .where('organizer_sessions.id_hash', '=', hashToken(input.sessionId))
    .where('organizer_sessions.expires_at', '>', sql<Date>`now()`)
    .where('organizer_sessions.created_at', '>=', sql<Date>`organizers.password_changed_at`)
    .executeTakeFirst()
}

export async function endSession(db: Db, input: { sessionId: string }) {
  await db.deleteFrom('organizer_sessions').where('id_hash', '=', hashToken(input.sessionId)).execute()
}

/** A new password ends every session of the organizer (the caller starts a fresh one). */
export async function changePassword(db: Db, input: { organizerId: number; currentPassword: string; newPassword: string }): Promise<Result> {
  const organizer = await db.selectFrom('organizers').select(['password_hash']).where('id', '=', input.organizerId).executeTakeFirstOrThrow()
  if (!(await verifyPassword(input.currentPassword, organizer.password_hash))) return fieldFailure('currentPassword', 'That is not your current password')
  const hash = await hashPassword(input.newPassword)
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('organizers').set({ password_hash: hash, password_changed_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', input.organizerId).execute()
    await trx.deleteFrom('organizer_sessions').where('organizer_id', '=', input.organizerId).execute()
  })
  return { ok: true as const }
}

/** The campaigns an organizer works on, with their role. */
export async function listOrganizerCampaigns(db: Db, input: { organizerId: number }) {
  return db
    .selectFrom('campaign_organizers')
    .innerJoin('campaigns', 'campaigns.id', 'campaign_organizers.campaign_id')
    .select(['campaigns.id', 'campaigns.slug', 'campaigns.title', 'campaigns.company', 'campaigns.agm_year', 'campaigns.status', 'campaigns.is_demo', 'campaign_organizers.role'])
    .where('campaign_organizers.organizer_id', '=', input.organizerId)
    .orderBy('campaigns.agm_at', 'desc')
    .execute()
}

/** The organizer's role on a campaign (by slug), or null when they have none. */
export async function getCampaignRole(db: Db, input: { organizerId: number; slug: string }) {
  if (!isCampaignSlug(input.slug)) return undefined
  return db
    .selectFrom('campaigns')
    .innerJoin('campaign_organizers', 'campaign_organizers.campaign_id', 'campaigns.id')
    .selectAll('campaigns')
    .select('campaign_organizers.role')
    .where('campaigns.slug', '=', input.slug)
    .where('campaign_organizers.organizer_id', '=', input.organizerId)
    .executeTakeFirst()
}
