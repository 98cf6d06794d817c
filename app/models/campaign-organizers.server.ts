import type { OrganizerRole, Db, Trx } from '../../db/schema'
import { recordAudit } from './audit.server'
import { type Failure, formFailure, type Result } from '../utils/result'

// Who works on a campaign, and with which role (people join by invitation: organizer-invitations.server.ts). A campaign always keeps at least one owner:
// every change locks the campaign row first, so two owners demoting each other at the same
// moment cannot both succeed.

type Changed = Result<{ changed: boolean }>

const LAST_OWNER = 'A campaign needs at least one owner: make someone else an owner first.'

export async function listCampaignOrganizers(db: Db, input: { campaignId: number }) {
  return db
    .selectFrom('campaign_organizers')
    .innerJoin('organizers', 'organizers.id', 'campaign_organizers.organizer_id')
    .select(['organizers.id', 'organizers.email', 'organizers.name', 'campaign_organizers.role', 'campaign_organizers.created_at as addedAt'])
    .where('campaign_organizers.campaign_id', '=', input.campaignId)
    .orderBy((eb) => eb.case().when('campaign_organizers.role', '=', 'owner').then(0).when('campaign_organizers.role', '=', 'editor').then(1).else(2).end())
    .orderBy('organizers.email')
    .execute()
}

/** Locks the campaign row, then checks that the actor is (still) one of its owners. */
export async function lockAsOwner(trx: Trx, input: { actorId: number; campaignId: number }): Promise<Failure | null> {
  const campaign = await trx.selectFrom('campaigns').select('id').where('id', '=', input.campaignId).forUpdate().executeTakeFirst()
  if (!campaign) return formFailure('This campaign no longer exists.')
  if ((await currentRole(trx, { campaignId: input.campaignId, organizerId: input.actorId })) !== 'owner') {
    return formFailure('Only the campaign’s owners can change who works on it.')
  }
  return null
}

/** The organizer's role on the campaign, or null. */
export async function currentRole(trx: Trx, input: { campaignId: number; organizerId: number }) {
  const row = await trx.selectFrom('campaign_organizers').select('role').where('campaign_id', '=', input.campaignId).where('organizer_id', '=', input.organizerId).executeTakeFirst()
  return row?.role ?? null
}

async function otherOwners(trx: Trx, input: { campaignId: number; organizerId: number }) {
  const row = await trx
    .selectFrom('campaign_organizers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('campaign_id', '=', input.campaignId)
    .where('role', '=', 'owner')
    .where('organizer_id', '!=', input.organizerId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function changeCampaignRole(db: Db, input: { actorId: number; campaignId: number; organizerId: number; role: OrganizerRole }): Promise<Changed> {
  return db.transaction().execute(async (trx) => {
    const refused = await lockAsOwner(trx, input)
    if (refused) return refused
    const role = await currentRole(trx, input)
    if (!role) return formFailure('That organizer no longer works on this campaign.')
    if (role === input.role) return { ok: true as const, changed: false }
    if (role === 'owner' && (await otherOwners(trx, input)) === 0) return formFailure(LAST_OWNER)
    await trx.updateTable('campaign_organizers').set({ role: input.role }).where('campaign_id', '=', input.campaignId).where('organizer_id', '=', input.organizerId).execute()
    const { email } = await trx.selectFrom('organizers').select('email').where('id', '=', input.organizerId).executeTakeFirstOrThrow()
    await recordAudit(trx, {
      organizerId: input.actorId,
      campaignId: input.campaignId,
      action: 'organizer.role_changed',
      entityType: 'campaign_organizer',
      entityId: input.organizerId,
      before: { email, role },
      after: { email, role: input.role },
    })
    return { ok: true as const, changed: true }
  })
}

export async function removeCampaignOrganizer(db: Db, input: { actorId: number; campaignId: number; organizerId: number }): Promise<Changed> {
  return db.transaction().execute(async (trx) => {
    const refused = await lockAsOwner(trx, input)
    if (refused) return refused
    const role = await currentRole(trx, input)
    if (!role) return { ok: true as const, changed: false }
    if (role === 'owner' && (await otherOwners(trx, input)) === 0) return formFailure(LAST_OWNER)
    const { email } = await trx.selectFrom('organizers').select('email').where('id', '=', input.organizerId).executeTakeFirstOrThrow()
    await trx.deleteFrom('campaign_organizers').where('campaign_id', '=', input.campaignId).where('organizer_id', '=', input.organizerId).execute()
    await recordAudit(trx, {
      organizerId: input.actorId,
      campaignId: input.campaignId,
      action: 'organizer.removed',
      entityType: 'campaign_organizer',
      entityId: input.organizerId,
      before: { email, role },
    })
    return { ok: true as const, changed: true }
  })
}
