import { sql } from 'kysely'
import type { Db } from '../../db/schema'
import { signalMailerWork } from '../mail/index.server'
import { recordAudit } from './audit.server'

// Two switches, each saying what it stops. One campaign's pause (its editors, on its email page)
// holds that campaign's updates: none starts, and one already sending stops after the batch in
// flight. The global switch (owners, on the organizer area's home page) holds every campaign's.
// Both are audited; resuming wakes the mailer at once.

export interface MailPause {
  pausedAt: Date
  /** Who paused it; null if that organizer has since been removed. */
  pausedBy: string | null
}

export async function getGlobalMailPause(db: Db): Promise<MailPause | null> {
  const row = await db
    .selectFrom('mailer_settings')
    .leftJoin('organizers', 'organizers.id', 'mailer_settings.paused_by')
    .select(['mailer_settings.paused_at', 'organizers.email'])
    .executeTakeFirst()
  return row?.paused_at ? { pausedAt: row.paused_at, pausedBy: row.email } : null
}

export async function getCampaignMailPause(db: Db, input: { campaignId: number }): Promise<MailPause | null> {
  const row = await db
    .selectFrom('campaign_mail_pauses')
    .leftJoin('organizers', 'organizers.id', 'campaign_mail_pauses.paused_by')
    .select(['campaign_mail_pauses.paused_at', 'organizers.email'])
    .where('campaign_mail_pauses.campaign_id', '=', input.campaignId)
    .executeTakeFirst()
  return row ? { pausedAt: row.paused_at, pausedBy: row.email } : null
}

/** Pauses or resumes one campaign's sending; `changed` is false when it already was so. */
export async function setCampaignMailPaused(db: Db, input: { campaignId: number; organizerId: number; paused: boolean }): Promise<{ ok: true; changed: boolean }> {
  const changed = await db.transaction().execute(async (trx) => {
    const row = input.paused
      ? await trx
          .insertInto('campaign_mail_pauses')
          .values({ campaign_id: input.campaignId, paused_by: input.organizerId })
          .onConflict((oc) => oc.column('campaign_id').doNothing())
          .returning('campaign_id')
          .executeTakeFirst()
      : await trx.deleteFrom('campaign_mail_pauses').where('campaign_id', '=', input.campaignId).returning('campaign_id').executeTakeFirst()
    if (!row) return false
    await recordAudit(trx, { organizerId: input.organizerId, campaignId: input.campaignId, action: input.paused ? 'mail.campaign_paused' : 'mail.campaign_resumed', entityType: 'campaign', entityId: input.campaignId })
    return true
  })
  if (changed && !input.paused) signalMailerWork()
  return { ok: true, changed }
}

/** Pauses or resumes sending for every campaign. */
export async function setMailerPaused(db: Db, input: { organizerId: number; paused: boolean }): Promise<{ ok: true; changed: boolean }> {
  const changed = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('mailer_settings')
      .set({ paused_at: input.paused ? sql`now()` : null, paused_by: input.paused ? input.organizerId : null })
      .where('paused_at', input.paused ? 'is' : 'is not', null)
      .returning('id')
      .executeTakeFirst()
    if (!row) return false
    await recordAudit(trx, { organizerId: input.organizerId, campaignId: null, action: input.paused ? 'mailer.paused' : 'mailer.resumed', entityType: 'mailer', entityId: null })
    return true
  })
  if (changed && !input.paused) signalMailerWork()
  return { ok: true, changed }
}
