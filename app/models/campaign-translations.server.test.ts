import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { CampaignTranslationSchema } from '../schemas/campaign-translation'
import { getCampaignPage } from './campaign-page.server'
import { getCampaignTranslation, saveCampaignTranslation } from './campaign-translations.server'
import { createOrganizer } from './organizers.server'

// A campaign's own words in German or Spanish: saved and audited, shown on the page in that
// language only (with the original everywhere else), removed by emptying them.

let handle: DatabaseHandle
let campaign: Campaign
let organizerId: number

beforeAll(async () => {
  handle = await createTestDatabase()
  campaign = await createCampaign(handle.db)
  organizerId = (await createOrganizer(handle.db, { email: 'translator@example.org', password: 'a long enough password' })).id
})
afterAll(async () => handle?.close())

const db = () => handle.db
const now = new Date()
const german = { title: 'Sorgfaltspflicht gegenüber Kunden', resolved: '**Beschluss:** Die Aktionäre fordern einen Bericht.', supportingStatement: 'Die Begründung[^1].\n\n[^1]: <https://example.org>' }

describe(`campaign translations on ${testDatabaseKind}`, () => {
  test('a saved German translation shows on the German page only; English and Spanish keep the original', async () => {
    expect(await saveCampaignTranslation(db(), { organizerId, campaignId: campaign.id, locale: 'de', values: german })).toEqual({ ok: true, changed: true })
    const de = (await getCampaignPage(db(), { slug: campaign.slug, now, locale: 'de' }))!
    expect(de.translated).toBe(true)
    expect(de.campaign.title).toBe(german.title)
    expect(de.resolvedHtml).toContain('<strong>Beschluss:</strong> Die Aktionäre fordern einen Bericht.')
    expect(de.supportingHtml).toContain('href="https://example.org"')
    for (const locale of ['en', 'es'] as const) {
      const page = (await getCampaignPage(db(), { slug: campaign.slug, now, locale }))!
      expect(page.translated).toBe(false)
      expect(page.campaign.title).toBe(campaign.title)
    }
  })

  test('saving the same text again changes nothing; each change and the removal are audited', async () => {
    expect(await saveCampaignTranslation(db(), { organizerId, campaignId: campaign.id, locale: 'de', values: german })).toEqual({ ok: true, changed: false })
    const changed = { ...german, title: 'Sorgfaltspflicht' }
    await saveCampaignTranslation(db(), { organizerId, campaignId: campaign.id, locale: 'de', values: changed })
    expect((await getCampaignTranslation(db(), { campaignId: campaign.id, locale: 'de' }))?.title).toBe('Sorgfaltspflicht')
    await saveCampaignTranslation(db(), { organizerId, campaignId: campaign.id, locale: 'de', values: null })
    expect(await getCampaignTranslation(db(), { campaignId: campaign.id, locale: 'de' })).toBeNull()
    const audit = await db().selectFrom('audit_log').select(['action', 'entity_id', 'organizer_id']).where('entity_type', '=', 'campaign_translation').orderBy('id').execute()
    expect(audit).toEqual([
      { action: 'campaign_translation.saved', entity_id: 'de', organizer_id: organizerId },
      { action: 'campaign_translation.saved', entity_id: 'de', organizer_id: organizerId },
      { action: 'campaign_translation.removed', entity_id: 'de', organizer_id: organizerId },
    ])
    expect((await getCampaignPage(db(), { slug: campaign.slug, now, locale: 'de' }))!.translated).toBe(false)
  })

  test('the form takes all three texts or none, in German or Spanish only; the database refuses English', async () => {
    expect(CampaignTranslationSchema.safeParse({ locale: 'es', title: 'Título' }).error?.issues.map((i) => i.path[0])).toEqual(['resolved', 'supportingStatement'])
    expect(CampaignTranslationSchema.safeParse({ locale: 'es' }).success).toBe(true)
    expect(CampaignTranslationSchema.safeParse({ locale: 'en', ...german }).success).toBe(false)
    await expect(
      db().insertInto('campaign_translations').values({ campaign_id: campaign.id, locale: 'en' as 'de', title: 'x', resolved: 'x', supporting_statement: 'x' }).execute(),
    ).rejects.toThrow()
  })
})
