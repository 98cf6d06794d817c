import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { changeCampaignRole, listCampaignOrganizers, removeCampaignOrganizer } from './campaign-organizers.server'
import { createOrganizer, grantRole } from './organizers.server'

let handle: DatabaseHandle
let sequence = 0

beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(async () => handle?.close())

async function organizer() {
  sequence += 1
  return createOrganizer(handle.db, { email: `organizer-${sequence}@example.org`, password: 'correct horse battery' })
}

async function campaignWithOwner() {
  const campaign = await createCampaign(handle.db)
  const owner = await organizer()
  await grantRole(handle.db, { campaignId: campaign.id, organizerId: owner.id, role: 'owner' })
  return { campaign, owner }
}

const roles = async (campaignId: number) => Object.fromEntries((await listCampaignOrganizers(handle.db, { campaignId })).map((o) => [o.email, o.role]))
const auditOf = (campaignId: number) => handle.db.selectFrom('audit_log').selectAll().where('campaign_id', '=', campaignId).orderBy('id').execute()

describe(`organizers of a campaign on ${testDatabaseKind}`, () => {
  // Adding people is by invitation: organizer-accounts.server.test.ts.
  test('an owner changes an organizer’s role and removes them, each audited', async () => {
    const { campaign, owner } = await campaignWithOwner()
    const other = await organizer()
    await grantRole(handle.db, { campaignId: campaign.id, organizerId: other.id, role: 'viewer' })
    expect(await changeCampaignRole(handle.db, { actorId: owner.id, campaignId: campaign.id, organizerId: other.id, role: 'editor' })).toEqual({ ok: true, changed: true })
    expect(await roles(campaign.id)).toEqual({ [owner.email]: 'owner', [other.email]: 'editor' })
    expect(await removeCampaignOrganizer(handle.db, { actorId: owner.id, campaignId: campaign.id, organizerId: other.id })).toEqual({ ok: true, changed: true })
    expect(await roles(campaign.id)).toEqual({ [owner.email]: 'owner' })
    const audit = await auditOf(campaign.id)
    expect(audit.map((a) => [a.action, a.organizer_id, a.before, a.after])).toEqual([
      ['organizer.role_changed', owner.id, { email: other.email, role: 'viewer' }, { email: other.email, role: 'editor' }],
      ['organizer.removed', owner.id, { email: other.email, role: 'editor' }, null],
    ])
  })

  test('non-owners are refused, and nothing is written', async () => {
    const { campaign, owner } = await campaignWithOwner()
    const editor = await organizer()
    await grantRole(handle.db, { campaignId: campaign.id, organizerId: editor.id, role: 'editor' })
    expect(await removeCampaignOrganizer(handle.db, { actorId: editor.id, campaignId: campaign.id, organizerId: owner.id })).toMatchObject({ ok: false, formError: expect.stringMatching(/Only the campaign’s owners/) })
    expect(await changeCampaignRole(handle.db, { actorId: editor.id, campaignId: campaign.id, organizerId: editor.id, role: 'owner' })).toMatchObject({ ok: false })
    expect(await roles(campaign.id)).toEqual({ [owner.email]: 'owner', [editor.email]: 'editor' })
    expect(await auditOf(campaign.id)).toEqual([])
  })

  test('the last owner can neither step down nor be removed', async () => {
    const { campaign, owner } = await campaignWithOwner()
    const refusal = { ok: false, formError: 'A campaign needs at least one owner: make someone else an owner first.' }
    expect(await changeCampaignRole(handle.db, { actorId: owner.id, campaignId: campaign.id, organizerId: owner.id, role: 'editor' })).toMatchObject(refusal)
    expect(await removeCampaignOrganizer(handle.db, { actorId: owner.id, campaignId: campaign.id, organizerId: owner.id })).toMatchObject(refusal)
    expect(await roles(campaign.id)).toEqual({ [owner.email]: 'owner' })
    expect(await auditOf(campaign.id)).toEqual([])

    // With a second owner, either may step down, but not both.
    const second = await organizer()
    await grantRole(handle.db, { campaignId: campaign.id, organizerId: second.id, role: 'owner' })
    expect(await changeCampaignRole(handle.db, { actorId: owner.id, campaignId: campaign.id, organizerId: owner.id, role: 'viewer' })).toEqual({ ok: true, changed: true })
    expect(await removeCampaignOrganizer(handle.db, { actorId: second.id, campaignId: campaign.id, organizerId: second.id })).toMatchObject(refusal)
    expect(await roles(campaign.id)).toEqual({ [second.email]: 'owner', [owner.email]: 'viewer' })
  })

  test('two owners demoting each other at the same moment leave one owner', async () => {
    const { campaign, owner } = await campaignWithOwner()
    const second = await organizer()
    await grantRole(handle.db, { campaignId: campaign.id, organizerId: second.id, role: 'owner' })
    const results = await Promise.all([
      changeCampaignRole(handle.db, { actorId: owner.id, campaignId: campaign.id, organizerId: second.id, role: 'editor' }),
      changeCampaignRole(handle.db, { actorId: second.id, campaignId: campaign.id, organizerId: owner.id, role: 'editor' }),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(Object.values(await roles(campaign.id)).filter((r) => r === 'owner')).toHaveLength(1)
    expect(await auditOf(campaign.id)).toHaveLength(1)
  })
})
