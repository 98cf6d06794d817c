import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { createOrganizer } from './organizers.server'
import { listPledgePage } from './pledge-table.server'
import { setPublicNameHidden } from './public-names.server'
import { getPublicSupporterNames } from './tally.server'

let handle: DatabaseHandle
let organizerId: number
beforeAll(async () => {
  handle = await createTestDatabase()
  organizerId = (await createOrganizer(handle.db, { email: 'moderator@example.org', password: 'a long enough password' })).id
})
afterAll(async () => handle?.close())

const db = () => handle.db

async function pledger(campaign: Campaign, name: string, options: { confirmed?: boolean; showName?: boolean; intention?: 'for' | 'against' } = {}) {
  const confirmed = options.confirmed ?? true
  const supporter = await db()
    .insertInto('supporters')
    .values({ email: `${name.replace(/\W/g, '').toLowerCase() || 'x'}-${Math.random()}@example.org`, name, confirmed_at: confirmed ? new Date() : null })
    .returning('id')
    .executeTakeFirstOrThrow()
  return db()
    .insertInto('pledges')
    .values({ campaign_id: campaign.id, supporter_id: supporter.id, intention: options.intention ?? 'for', status: confirmed ? 'confirmed' : 'pending', confirmed_at: confirmed ? new Date() : null, show_name: options.showName ?? true, form_version: 't' })
    .returning('id')
    .executeTakeFirstOrThrow()
}

describe(`the public list of supporters' names on ${testDatabaseKind}`, () => {
  test('shows only confirmed supporters pledged for who chose to be shown, cleaned of controls and overrides', async () => {
    const campaign = await createCampaign(db())
    await pledger(campaign, 'Ada')
    await pledger(campaign, 'Rene\u0301e \u202Eevil')
    await pledger(campaign, 'Pending Pat', { confirmed: false })
    await pledger(campaign, 'Shy Sam', { showName: false })
    await pledger(campaign, 'Against Al', { intention: 'against' })
    await pledger(campaign, '\u202E\u200F')
    const names = await getPublicSupporterNames(db(), { campaignId: campaign.id, limit: 30 })
    expect(names.sort()).toEqual(['Ada', 'Renée evil'])
  })

  test('an organizer hides a name and shows it again; each is audited, repeating changes nothing', async () => {
    const campaign = await createCampaign(db())
    const pledge = await pledger(campaign, 'Mallory')
    await pledger(campaign, 'Bob')
    const hide = (hidden: boolean) => setPublicNameHidden(db(), { campaignId: campaign.id, pledgeId: pledge.id, organizerId, hidden })

    expect(await hide(true)).toEqual({ ok: true, changed: true })
    expect(await hide(true)).toEqual({ ok: true, changed: false })
    expect(await getPublicSupporterNames(db(), { campaignId: campaign.id, limit: 30 })).toEqual(['Bob'])
    const row = (await listPledgePage(db(), { campaignId: campaign.id, query: { sort: 'newest' } })).rows.find((r) => r.id === pledge.id)!
    expect(row).toMatchObject({ name: 'Mallory', show_name: true, name_hidden: true })

    expect(await hide(false)).toEqual({ ok: true, changed: true })
    expect((await getPublicSupporterNames(db(), { campaignId: campaign.id, limit: 30 })).sort()).toEqual(['Bob', 'Mallory'])
    const audit = await db().selectFrom('audit_log').select(['action', 'organizer_id', 'entity_id', 'after']).where('campaign_id', '=', campaign.id).orderBy('id').execute()
    expect(audit).toEqual([
      { action: 'public_name.hidden', organizer_id: organizerId, entity_id: pledge.id, after: { name: 'Mallory' } },
      { action: 'public_name.shown', organizer_id: organizerId, entity_id: pledge.id, after: { name: 'Mallory' } },
    ])
  })

  test('a pledge of another campaign cannot be moderated from this one', async () => {
    const campaign = await createCampaign(db())
    const elsewhere = await createCampaign(db())
    const pledge = await pledger(elsewhere, 'Eve')
    expect(await setPublicNameHidden(db(), { campaignId: campaign.id, pledgeId: pledge.id, organizerId, hidden: true })).toMatchObject({ ok: false })
    expect(await getPublicSupporterNames(db(), { campaignId: elsewhere.id, limit: 30 })).toEqual(['Eve'])
  })
})
