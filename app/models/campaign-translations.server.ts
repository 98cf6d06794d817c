import { sql } from 'kysely'
import type { Db } from '../../db/schema'
import type { Locale, TranslatedLocale } from '../i18n/locales'
import { afterPublicChange } from '../utils/public-page-cache.server'
import type { Result } from '../utils/result'
import { recordAudit } from './audit.server'

// A campaign's own words (title, Resolved clause, supporting statement) in German or Spanish,
// entered by its editors. The public page in that language shows them, with a link to the
// original; a language without one shows the original. Saving empties the shared pages at once.

export interface CampaignTranslationValues {
  title: string
  resolved: string
  supportingStatement: string
}

export async function getCampaignTranslation(db: Db, input: { campaignId: number; locale: Locale }) {
  if (input.locale === 'en') return null
  return (
    (await db
      .selectFrom('campaign_translations')
      .select(['title', 'resolved', 'supporting_statement', 'updated_at'])
      .where('campaign_id', '=', input.campaignId)
      .where('locale', '=', input.locale)
      .executeTakeFirst()) ?? null
  )
}

export async function listCampaignTranslations(db: Db, input: { campaignId: number }) {
  return db.selectFrom('campaign_translations').selectAll().where('campaign_id', '=', input.campaignId).execute()
}

/** Saves (or, with every field empty, removes) a campaign's translation into one language, audited. */
export async function saveCampaignTranslation(
  db: Db,
  input: { organizerId: number; campaignId: number; locale: TranslatedLocale; values: CampaignTranslationValues | null },
): Promise<Result<{ changed: boolean }>> {
  return db
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom('campaign_translations')
        .select(['title', 'resolved', 'supporting_statement'])
        .where('campaign_id', '=', input.campaignId)
        .where('locale', '=', input.locale)
        .forUpdate()
        .executeTakeFirst()
      const after = input.values ? { title: input.values.title, resolved: input.values.resolved, supporting_statement: input.values.supportingStatement } : null
      if (JSON.stringify(before ?? null) === JSON.stringify(after)) return { ok: true as const, changed: false }
      if (after) {
        await trx
          .insertInto('campaign_translations')
          .values({ campaign_id: input.campaignId, locale: input.locale, ...after })
          .onConflict((oc) => oc.columns(['campaign_id', 'locale']).doUpdateSet({ ...after, updated_at: sql`now()` }))
          .execute()
      } else {
        await trx.deleteFrom('campaign_translations').where('campaign_id', '=', input.campaignId).where('locale', '=', input.locale).execute()
      }
      await recordAudit(trx, {
        organizerId: input.organizerId,
        campaignId: input.campaignId,
        action: after ? 'campaign_translation.saved' : 'campaign_translation.removed',
        entityType: 'campaign_translation',
        entityId: input.locale,
        before: before ?? undefined,
        after: after ?? undefined,
      })
      return { ok: true as const, changed: true }
    })
    .then(afterPublicChange)
}
