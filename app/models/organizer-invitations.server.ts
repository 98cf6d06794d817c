import { sql } from 'kysely'
import type { Db, OrganizerRole } from '../../db/schema'
import { organizerEmailRow, signalEmailQueued } from '../mail/index.server'
import { normalizeEmail } from '../utils/email-address'
import { hashPassword } from '../utils/passwords.server'
import { networkPrefix } from '../utils/network-prefix'
import { type Failure, fieldFailure, formFailure, type Result } from '../utils/result'
import { recordAudit } from './audit.server'
import { currentRole, lockAsOwner } from './campaign-organizers.server'
import { consumeOrganizerToken, newOrganizerToken, peekOrganizerToken } from './organizer-tokens.server'
import { consumeRateLimits, type RateLimit } from './rate-limits.server'
import { signIn } from './sign-in.server'

// Owners invite organizers by email (decision 017). The owner's page says the same thing whether
// or not the address has an account; the invitee's link then either sets the new account's
// password or asks the existing account's password, and joins the campaign with the role chosen.

/** Invitations sent, per invited address and per sender's network: enough for a team, too few for spam. */
export const INVITE_LIMITS = { address: { limit: 3, windowSeconds: 60 * 60 }, network: { limit: 20, windowSeconds: 60 * 60 } }

export type Throttled = Failure & { retryAfterSeconds: number }

export function throttledFailure(retryAfterSeconds: number, what: string): Throttled {
  const minutes = Math.ceil(retryAfterSeconds / 60)
  return { ok: false, formError: `Too many ${what} in a short time. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, retryAfterSeconds }
}

/** Limits keyed by an address and by the network a request came from (its /24 or /48). */
export function addressAndNetworkLimits(prefix: string, email: string, clientIp: string, limits: typeof INVITE_LIMITS): RateLimit[] {
  return [
    { key: `${prefix}:address:${normalizeEmail(email)}`, ...limits.address },
    { key: `${prefix}:network:${networkPrefix(clientIp) ?? clientIp}`, ...limits.network },
  ]
}

export async function inviteOrganizer(
  db: Db,
  input: { actorId: number; campaignId: number; email: string; role: OrganizerRole; clientIp: string },
): Promise<Result<{ invitationId: string }> | Throttled> {
  const email = normalizeEmail(input.email)
  const counted = await consumeRateLimits(db, addressAndNetworkLimits('invite', email, input.clientIp, INVITE_LIMITS))
  if (!counted.ok) return throttledFailure(counted.retryAfterSeconds, 'invitations')
  const outcome = await db.transaction().execute(async (trx) => {
    const refused = await lockAsOwner(trx, input)
    if (refused) return refused
    const member = await trx
      .selectFrom('campaign_organizers')
      .innerJoin('organizers', 'organizers.id', 'campaign_organizers.organizer_id')
      .select('campaign_organizers.role')
      .where('campaign_organizers.campaign_id', '=', input.campaignId)
      .where('organizers.email', '=', email)
      .executeTakeFirst()
    // The list on the same page names everyone on the campaign already: this reveals nothing new.
    if (member) return fieldFailure('email', `${email} already works on this campaign as ${member.role}: change the role in the list instead.`)
    // An invitation that ran out unused is no longer listed, so it must not block a new one.
    await trx
      .updateTable('organizer_tokens')
      .set({ revoked_at: sql`now()` })
      .where('purpose', '=', 'invite')
      .where('campaign_id', '=', input.campaignId)
      .where('email', '=', email)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '<=', sql<Date>`now()`)
      .execute()
    const token = newOrganizerToken('invite')
    const row = await trx
      .insertInto('organizer_tokens')
      .values({ purpose: 'invite', token_hash: token.hash, email, campaign_id: input.campaignId, role: input.role, created_by: input.actorId, expires_at: token.expiresAt })
      .onConflict((oc) => oc.expression(sql`campaign_id, email`).where(sql<boolean>`purpose = 'invite' and used_at is null and revoked_at is null`).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!row) return fieldFailure('email', `An invitation to ${email} is waiting already: revoke it below to send a new one.`)
    const campaign = await trx.selectFrom('campaigns').select(['title', 'company']).where('id', '=', input.campaignId).executeTakeFirstOrThrow()
    const actor = await trx.selectFrom('organizers').select(['email', 'name']).where('id', '=', input.actorId).executeTakeFirstOrThrow()
    await trx
      .insertInto('email_queue')
      .values(
        organizerEmailRow({
          to: email,
          campaignId: input.campaignId,
          payload: { kind: 'organizer_invite', token: token.plain, invitationId: row.id, campaignTitle: campaign.title, company: campaign.company, role: input.role, invitedBy: actor.name ?? actor.email },
        }),
      )
      .execute()
    await recordAudit(trx, { organizerId: input.actorId, campaignId: input.campaignId, action: 'organizer.invited', entityType: 'organizer_invitation', entityId: row.id, after: { email, role: input.role } })
    return { ok: true as const, invitationId: row.id }
  })
  if (outcome.ok) signalEmailQueued()
  return outcome
}

/** Invitations to the campaign that can still be accepted, newest first. */
export async function listPendingInvitations(db: Db, input: { campaignId: number }) {
  return db
    .selectFrom('organizer_tokens')
    .leftJoin('organizers', 'organizers.id', 'organizer_tokens.created_by')
    .select(['organizer_tokens.id', 'organizer_tokens.email', 'organizer_tokens.role', 'organizer_tokens.created_at as createdAt', 'organizer_tokens.expires_at as expiresAt', 'organizers.email as invitedBy'])
    .where('organizer_tokens.purpose', '=', 'invite')
    .where('organizer_tokens.campaign_id', '=', input.campaignId)
    .where('organizer_tokens.used_at', 'is', null)
    .where('organizer_tokens.revoked_at', 'is', null)
    .where('organizer_tokens.expires_at', '>', sql<Date>`now()`)
    .orderBy('organizer_tokens.id', 'desc')
    .execute()
}

/** Revokes a pending invitation: its link stops working, and its email, if still waiting, is not sent. */
export async function revokeInvitation(db: Db, input: { actorId: number; campaignId: number; invitationId: string }): Promise<Result<{ changed: boolean }>> {
  return db.transaction().execute(async (trx) => {
    const refused = await lockAsOwner(trx, input)
    if (refused) return refused
    const revoked = await trx
      .updateTable('organizer_tokens')
      .set({ revoked_at: sql`now()`, revoked_by: input.actorId })
      .where('id', '=', input.invitationId)
      .where('purpose', '=', 'invite')
      .where('campaign_id', '=', input.campaignId)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning(['email', 'role'])
      .executeTakeFirst()
    if (!revoked) return { ok: true as const, changed: false }
    await trx
      .updateTable('email_queue')
      .set({ status: 'failed', last_error: 'invitation revoked', payload: '{}' })
      .where('kind', '=', 'organizer_invite')
      .where('status', '=', 'queued')
      .where(sql<boolean>`payload->>'invitationId' = ${input.invitationId}`)
      .execute()
    await recordAudit(trx, { organizerId: input.actorId, campaignId: input.campaignId, action: 'organizer.invitation_revoked', entityType: 'organizer_invitation', entityId: input.invitationId, before: { email: revoked.email, role: revoked.role } })
    return { ok: true as const, changed: true }
  })
}

export type InvitationView =
  | { ok: true; email: string; role: OrganizerRole; campaign: { slug: string; title: string; company: string }; hasAccount: boolean }
  | { ok: false; reason: 'invalid' | 'expired' | 'used' }

/** What an invitation's link shows: the campaign, the role, and whether the address has an account (the link's holder may know). */
export async function getInvitation(db: Db, input: { token: string | undefined }): Promise<InvitationView> {
  const token = await peekOrganizerToken(db, { token: input.token, purpose: 'invite' })
  if (!token.ok) return token
  const campaign = await db.selectFrom('campaigns').select(['slug', 'title', 'company']).where('id', '=', token.campaignId!).executeTakeFirst()
  if (!campaign) return { ok: false, reason: 'invalid' }
  const account = await db.selectFrom('organizers').select('id').where('email', '=', token.email).executeTakeFirst()
  return { ok: true, email: token.email, role: token.role!, campaign, hasAccount: Boolean(account) }
}

export type AcceptOutcome = Result<{ organizerId: number; slug: string }> | Throttled | { ok: false; reason: 'invalid' | 'expired' | 'used' }

/**
 * Accepts an invitation. A new address sets its account's password here; an address with an
 * account signs in with its password (throttled as sign-in is). Either way the token is used up
 * in the transaction that grants the role, so a link accepts once.
 */
export async function acceptInvitation(db: Db, input: { token: string; password: string; name?: string | null; clientIp: string }): Promise<AcceptOutcome> {
  const invitation = await peekOrganizerToken(db, { token: input.token, purpose: 'invite' })
  if (!invitation.ok) return invitation
  const existing = await db.selectFrom('organizers').select('id').where('email', '=', invitation.email).executeTakeFirst()
  let organizerId: number | null = null
  let newHash: string | null = null
  if (existing) {
    const signedIn = await signIn(db, { email: invitation.email, password: input.password, clientIp: input.clientIp })
    if (!signedIn.ok && signedIn.reason === 'throttled') return throttledFailure(signedIn.retryAfterSeconds, 'failed sign-ins')
    if (!signedIn.ok) return fieldFailure('password', 'That is not the password of this account. Forgot it? Reset it from the sign-in page, then open this link again.')
    organizerId = signedIn.organizer.id
  } else {
    newHash = await hashPassword(input.password)
  }
  const accepting = db.transaction().execute(async (trx): Promise<AcceptOutcome> => {
    const used = await consumeOrganizerToken(trx, { token: input.token, purpose: 'invite' })
    if (!used) return { ok: false, reason: 'used' }
    if (newHash) {
      const created = await trx
        .insertInto('organizers')
        .values({ email: used.email, name: input.name || null, password_hash: newHash })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('id')
        .executeTakeFirst()
      // An account for this address appeared meanwhile: its password decides, so the link stays unused.
      if (!created) throw new RolledBack(formFailure('An account with this address was just created. Open the link again and sign in with its password.'))
      organizerId = created.id
    }
    const campaign = await trx.selectFrom('campaigns').select(['id', 'slug']).where('id', '=', used.campaignId!).forUpdate().executeTakeFirst()
    if (!campaign || organizerId === null) throw new RolledBack({ ok: false, reason: 'invalid' })
    // Someone added meanwhile keeps the role they have.
    if (!(await currentRole(trx, { campaignId: campaign.id, organizerId }))) {
      await trx.insertInto('campaign_organizers').values({ campaign_id: campaign.id, organizer_id: organizerId, role: used.role! }).execute()
    }
    await recordAudit(trx, {
      organizerId,
      campaignId: campaign.id,
      action: 'organizer.joined',
      entityType: 'organizer_invitation',
      entityId: used.id,
      after: { email: used.email, role: used.role, newAccount: Boolean(newHash) },
    })
    return { ok: true as const, organizerId, slug: campaign.slug }
  })
  return accepting.catch((error: unknown) => {
    if (error instanceof RolledBack) return error.outcome
    throw error
  })
}

/** Thrown inside a transaction to undo it and answer with an expected failure. */
class RolledBack extends Error {
  constructor(readonly outcome: AcceptOutcome) {
    super('rolled back')
  }
}
