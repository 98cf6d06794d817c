import { sql } from 'kysely'
import type { Db, Trx } from '../../db/schema'

/**
 * Records an organizer's change: who, when, what, before and after. Call it with the
 * transaction that makes the change, so the change and its record commit together.
 */
export async function recordAudit(
  trx: Trx | Db,
  input: { organizerId: number | null; campaignId: number | null; action: string; entityType: string; entityId: string | number | null; before?: unknown; after?: unknown },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      organizer_id: input.organizerId,
      campaign_id: input.campaignId,
      action: input.action,
      entity_type: input.entityType,
      entity_id: input.entityId === null ? null : String(input.entityId),
      before: input.before === undefined ? null : JSON.stringify(input.before),
      after: input.after === undefined ? null : JSON.stringify(input.after),
    })
    .execute()
}

/** The audit log of the campaigns an organizer works on (and their own account changes), newest first. */
export async function listAudit(db: Db, input: { organizerId: number; campaignSlug?: string; limit?: number; before?: string }) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('organizers', 'organizers.id', 'audit_log.organizer_id')
    .leftJoin('campaigns', 'campaigns.id', 'audit_log.campaign_id')
    // An update entry names the update by its subject (as it reads now).
    .leftJoin('updates', (join) => join.on(sql<boolean>`audit_log.entity_type = 'update' and audit_log.entity_id = updates.id::text`))
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.entity_type',
      'audit_log.entity_id',
      'audit_log.before',
      'audit_log.after',
      'audit_log.created_at',
      'organizers.email as organizer_email',
      'campaigns.slug as campaign_slug',
      'campaigns.title as campaign_title',
      'campaigns.time_zone as campaign_time_zone',
      'updates.subject as update_subject',
    ])
    .where((eb) =>
      eb.or([
        eb('audit_log.campaign_id', 'in', eb.selectFrom('campaign_organizers').select('campaign_id').where('organizer_id', '=', input.organizerId)),
        eb.and([eb('audit_log.campaign_id', 'is', null), eb('audit_log.organizer_id', '=', input.organizerId)]),
      ]),
    )
  if (input.campaignSlug) query = query.where('campaigns.slug', '=', input.campaignSlug)
  if (input.before) query = query.where('audit_log.id', '<', input.before)
  return query.orderBy('audit_log.id', 'desc').limit(input.limit ?? 50).execute()
}
