import type { Db } from '../../db/schema'
import { afterPublicChange } from '../utils/public-page-cache.server'
import { recordAudit } from './audit.server'

// Organizers moderate the public list of supporters' names: a hidden name leaves the campaign
// page at once (the shared pages are dropped) and can be shown again. Both are audited.

export type NameModeration = { ok: true; changed: boolean } | { ok: false; formError: string }

export async function setPublicNameHidden(db: Db, input: { campaignId: number; pledgeId: string; organizerId: number; hidden: boolean }): Promise<NameModeration> {
  return db.transaction().execute(async (trx): Promise<NameModeration> => {
    const pledge = await trx
      .selectFrom('pledges')
      .innerJoin('supporters', 'supporters.id', 'pledges.supporter_id')
      .select(['pledges.id', 'supporters.name', 'pledges.show_name'])
      .where('pledges.id', '=', input.pledgeId)
      .where('pledges.campaign_id', '=', input.campaignId)
      .forUpdate(['pledges'])
      .executeTakeFirst()
    if (!pledge) return { ok: false, formError: 'That pledge is not in this campaign: reload the page and try again.' }
    const changed = input.hidden
      ? await trx
          .insertInto('hidden_public_names')
          .values({ pledge_id: pledge.id, hidden_by: input.organizerId })
          .onConflict((oc) => oc.column('pledge_id').doNothing())
          .returning('pledge_id')
          .executeTakeFirst()
      : await trx.deleteFrom('hidden_public_names').where('pledge_id', '=', pledge.id).returning('pledge_id').executeTakeFirst()
    if (!changed) return { ok: true, changed: false }
    await recordAudit(trx, {
      organizerId: input.organizerId,
      campaignId: input.campaignId,
      action: input.hidden ? 'public_name.hidden' : 'public_name.shown',
      entityType: 'pledge',
      entityId: pledge.id,
      after: { name: pledge.name },
    })
    return { ok: true, changed: true }
  }).then(afterPublicChange)
}
