import type { Kysely } from 'kysely'
import { confirmByToken } from '../../app/models/supporters.server'
import { createOrganizer, createSession, grantRole } from '../../app/models/organizers.server'
import { recordPledge } from '../../app/models/pledges.server'
import { proposeSchedule } from '../../app/models/updates.server'
import { sessionCookie } from '../../app/utils/organizer-auth.server'
import type { Database } from '../../db/schema'
import { basePledge, createCampaign } from './fixtures'

/**
 * A small world for tests that send requests to the whole app: a live campaign with an owner
 * (signed in), its scheduled updates, a confirmed supporter with working /me and /u links, a
 * second unconfirmed pledge with its /confirm link, and a draft and a closed campaign.
 */
export async function seedAppWorld(db: Kysely<Database>) {
  const live = await createCampaign(db)
  const draft = await createCampaign(db, { status: 'draft' })
  const closed = await createCampaign(db, { status: 'closed' })
  const confirmed = await recordPledge(db, { campaign: live, pledge: { ...basePledge, email: 'confirmed@example.org' }, formVersion: 'test' })
  await confirmByToken(db, { token: confirmed.links.confirmToken! })
  const pending = await recordPledge(db, { campaign: live, pledge: { ...basePledge, email: 'pending@example.org', broker: 'Vanguard' }, formVersion: 'test' })
  const owner = await createOrganizer(db, { email: 'owner@example.org', password: 'a long enough password' })
  for (const campaign of [live, draft, closed]) await grantRole(db, { campaignId: campaign.id, organizerId: owner.id, role: 'owner' })
  await proposeSchedule(db, { campaignId: live.id, organizerId: owner.id })
  const updateIds = (await db.selectFrom('updates').select('id').where('campaign_id', '=', live.id).execute()).map((u) => u.id)
  const cookie = (await sessionCookie.serialize(await createSession(db, { organizerId: owner.id }))).split(';')[0]!
  return {
    live,
    draft,
    closed,
    owner,
    cookie,
    updateIds,
    manageToken: confirmed.links.manageToken,
    unsubscribeToken: confirmed.links.unsubscribeToken,
    confirmToken: pending.links.confirmToken!,
  }
}

export type AppWorld = Awaited<ReturnType<typeof seedAppWorld>>
