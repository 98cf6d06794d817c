import { parseWithZod } from '@conform-to/zod'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { createCampaign as createCampaignRow } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { CampaignSchema, type CampaignValues, NewCampaignSchema, VoteHistorySchema } from '../schemas/campaign'
import { campaignFormValues, createCampaign, instantToWallClock, saveVoteHistory, updateCampaign } from './campaign-editor.server'
import { createOrganizer, grantRole } from './organizers.server'
import { createPublicPageCache } from '../utils/public-page-cache.server'
import { prepareSharedPage } from '../utils/shared-page.server'

let handle: DatabaseHandle
let organizerId: number

beforeAll(async () => {
  handle = await createTestDatabase()
  organizerId = (await createOrganizer(handle.db, { email: 'editor@example.org', password: 'correct horse battery' })).id
})
afterAll(async () => handle?.close())

function formData(fields: Record<string, string>) {
  const data = new FormData()
  for (const [name, value] of Object.entries(fields)) data.append(name, value)
  return data
}

async function editableCampaign(overrides: Parameters<typeof createCampaignRow>[1] = {}) {
  const campaign = await createCampaignRow(handle.db, { time_zone: 'America/Los_Angeles', ...overrides })
  await grantRole(handle.db, { campaignId: campaign.id, organizerId, role: 'editor' })
  return campaign
}

/** The campaign's own form values, changed by `fields`, through the schema as the route does. */
function parse(campaign: Awaited<ReturnType<typeof editableCampaign>>, fields: Record<string, string> = {}) {
  return parseWithZod(formData({ ...campaignFormValues(campaign), ...fields }), { schema: CampaignSchema })
}

function valuesOf(submission: ReturnType<typeof parse>): CampaignValues {
  if (submission.status !== 'success') throw new Error(`invalid: ${JSON.stringify(submission.error)}`)
  return submission.value
}

const auditCount = async () => Number((await handle.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)

describe(`campaign editor on ${testDatabaseKind}`, () => {
  test('wall-clock times are read in the campaign’s time zone, both ways, across daylight saving', async () => {
    const campaign = await editableCampaign()
    const summer = valuesOf(parse(campaign, { agmAt: '2022-05-25T09:00', voteDeadline: '2022-05-24T20:59', recordDate: '2022-03-31' }))
    expect(summer.agmAt.toISOString()).toBe('2022-05-25T16:00:00.000Z')
    expect(summer.voteDeadline.toISOString()).toBe('2022-05-25T03:59:00.000Z') // 11:59 p.m. Eastern
    const winter = valuesOf(parse(campaign, { agmAt: '2022-01-10T09:00', voteDeadline: '2022-01-09T20:59', recordDate: '2021-12-01' }))
    expect(winter.agmAt.toISOString()).toBe('2022-01-10T17:00:00.000Z')
    expect(instantToWallClock(new Date('2022-05-25T16:00:00Z'), 'America/Los_Angeles')).toBe('2022-05-25T09:00')
    expect(instantToWallClock(new Date('2022-05-25T16:00:00Z'), 'Europe/London')).toBe('2022-05-25T17:00')
    expect(instantToWallClock(new Date('2022-05-25T16:00:00Z'), 'UTC')).toBe('2022-05-25T16:00')
  })

  test('refusals name the field and say what to do', async () => {
    const campaign = await editableCampaign()
    const errors = (fields: Record<string, string>) => {
      const submission = parse(campaign, fields)
      expect(submission.status).toBe('error')
      return submission.status === 'error' ? (submission.error ?? {}) : {}
    }
    expect(errors({ recordDate: '2030-05-02' }).recordDate).toEqual(['The record date must come before the voting deadline: check both dates'])
    expect(errors({ voteDeadline: '2030-05-01T10:00', agmAt: '2030-05-01T09:00' }).voteDeadline?.[0]).toMatch(/deadline must be before the meeting/)
    expect(errors({ sharesOutstanding: '0' }).sharesOutstanding?.[0]).toMatch(/positive whole number/)
    expect(errors({ sharesOutstanding: '-5' }).sharesOutstanding?.[0]).toMatch(/positive whole number/)
    expect(errors({ timeZone: 'PST' }).timeZone?.[0]).toMatch(/Choose a time zone from the list/)
    expect(errors({ timeZone: 'Mars/Olympus_Mons' }).timeZone?.[0]).toMatch(/Choose a time zone/)
    expect(errors({ meetingUrl: 'javascript:alert(1)' }).meetingUrl?.[0]).toMatch(/https:\/\//)
    expect(errors({ senderEmail: 'nobody' }).senderEmail?.[0]).toMatch(/name@example.org/)
    expect(errors({ agmAt: '2030-02-30T09:00' }).agmAt?.[0]).toMatch(/date and a time/)
    const slugError = (slug: string) => {
      const submission = parseWithZod(formData({ ...campaignFormValues(campaign), slug }), { schema: NewCampaignSchema })
      return submission.status === 'error' ? submission.error?.slug?.[0] : undefined
    }
    expect(slugError('Not A Slug!')).toMatch(/lower-case letters, digits and single hyphens/)
    expect(slugError('new')).toMatch(/reserved/)
    // Zone names are stored as Intl spells them.
    expect(valuesOf(parse(campaign, { timeZone: 'america/los_angeles' })).timeZone).toBe('America/Los_Angeles')
    // Shares outstanding may pass 2^53: they stay a decimal string.
    expect(valuesOf(parse(campaign, { sharesOutstanding: '10,500,000,000,000,000' })).sharesOutstanding).toBe('10500000000000000')
  })

  test('a save writes the changed fields and exactly one audit entry with before and after, and moves updated_at', async () => {
    const campaign = await editableCampaign()
    const before = await auditCount()
    const result = await updateCampaign(handle.db, {
      organizerId,
      campaignId: campaign.id,
      values: valuesOf(parse(campaign, { title: 'A Better Title', agmAt: '2030-05-01T10:00' })),
      version: campaign.updated_at.toISOString(),
    })
    expect(result).toEqual({ ok: true, changed: ['title', 'agm_at'] })
    const saved = await handle.db.selectFrom('campaigns').selectAll().where('id', '=', campaign.id).executeTakeFirstOrThrow()
    expect(saved.title).toBe('A Better Title')
    expect(saved.agm_at.toISOString()).toBe('2030-05-01T17:00:00.000Z')
    expect(saved.updated_at.getTime()).toBeGreaterThan(campaign.updated_at.getTime())
    expect(await auditCount()).toBe(before + 1)
    const entry = await handle.db.selectFrom('audit_log').selectAll().where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ organizer_id: organizerId, action: 'campaign.updated', entity_type: 'campaign', entity_id: String(campaign.id) })
    expect(entry.before).toEqual({ title: 'A Test Proposal', agm_at: '2030-05-01T16:00:00.000Z' })
    expect(entry.after).toEqual({ title: 'A Better Title', agm_at: '2030-05-01T17:00:00.000Z' })
  })

  test('a save drops the shared public pages: the next reader sees the edit, not a copy kept for a minute', async () => {
    const campaign = await editableCampaign()
    const pages = createPublicPageCache({
      ttlMs: 60_000,
      maxStaleMs: 60_000,
      render: async () => {
        const { title } = await handle.db.selectFrom('campaigns').select('title').where('id', '=', campaign.id).executeTakeFirstOrThrow()
        return prepareSharedPage({ html: `<h1>${title}</h1>`, headers: {} })
      },
    })
    const read = async () => (await pages.get(`/c/${campaign.slug}`))!.variants.identity.body.toString()
    expect(await read()).toBe('<h1>A Test Proposal</h1>')
    await updateCampaign(handle.db, { organizerId, campaignId: campaign.id, values: valuesOf(parse(campaign, { title: 'Edited Just Now' })) })
    expect(await read()).toBe('<h1>Edited Just Now</h1>')
    pages.close()
  })

  test('an unchanged form, a stale form and a failing write leave everything as it was', async () => {
    const campaign = await editableCampaign()
    const row = () => handle.db.selectFrom('campaigns').selectAll().where('id', '=', campaign.id).executeTakeFirstOrThrow()
    const before = await auditCount()
    const stored = await row()

    expect(await updateCampaign(handle.db, { organizerId, campaignId: campaign.id, values: valuesOf(parse(campaign)) })).toEqual({ ok: true, changed: [] })
    const stale = await updateCampaign(handle.db, { organizerId, campaignId: campaign.id, values: valuesOf(parse(campaign, { title: 'Stale' })), version: '2000-01-01T00:00:00.000Z' })
    expect(stale).toMatchObject({ ok: false, formError: expect.stringMatching(/Someone else saved this campaign/) })

    // Past the schema, the database's own check refuses a deadline after the meeting: the
    // update and its audit entry roll back together.
    const values = valuesOf(parse(campaign, { title: 'Never saved' }))
    await expect(updateCampaign(handle.db, { organizerId, campaignId: campaign.id, values: { ...values, voteDeadline: new Date('2031-01-01T00:00:00Z') } })).rejects.toThrow()
    expect(await row()).toEqual(stored)
    expect(await auditCount()).toBe(before)
  })

  test('creating makes the creator the owner, in one transaction with its audit entry', async () => {
    const template = await editableCampaign()
    const fields = { ...campaignFormValues(template), slug: `created-${Date.now()}`, status: 'draft' }
    const submission = parseWithZod(formData(fields), { schema: NewCampaignSchema })
    if (submission.status !== 'success') throw new Error(JSON.stringify(submission.error))
    const result = await createCampaign(handle.db, { organizerId, values: submission.value })
    expect(result).toEqual({ ok: true, slug: fields.slug })
    const created = await handle.db.selectFrom('campaigns').selectAll().where('slug', '=', fields.slug).executeTakeFirstOrThrow()
    expect(created.proposal_key).toBe(fields.slug)
    expect(created.status).toBe('draft')
    const role = await handle.db.selectFrom('campaign_organizers').select('role').where('campaign_id', '=', created.id).where('organizer_id', '=', organizerId).executeTakeFirst()
    expect(role?.role).toBe('owner')
    const entry = await handle.db.selectFrom('audit_log').selectAll().where('campaign_id', '=', created.id).executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ action: 'campaign.created', before: null })
    expect(entry.after).toMatchObject({ slug: fields.slug, title: 'A Test Proposal', vote_deadline: '2030-05-01T03:59:00.000Z' })

    const before = await auditCount()
    expect(await createCampaign(handle.db, { organizerId, values: submission.value })).toMatchObject({ ok: false, fieldErrors: { slug: [expect.any(String)] } })
    const foreign = { ...submission.value, slug: `other-${Date.now()}`, proposalKey: 'someone-elses-proposal' }
    expect(await createCampaign(handle.db, { organizerId, values: foreign })).toMatchObject({ ok: false, fieldErrors: { proposalKey: [expect.any(String)] } })
    // A proposal the organizer edits may be filed again: the new campaign shares its history.
    const again = await createCampaign(handle.db, { organizerId, values: { ...foreign, proposalKey: 'test-proposal' } })
    expect(again.ok).toBe(true)
    expect(await auditCount()).toBe(before + 1)
  })

  test('vote history: rows added, changed and removed, one audit entry listing the changed years; support derived from votes', async () => {
    const campaign = await editableCampaign({ proposal_key: `history-${Date.now()}` })
    const save = async (fields: Record<string, string>) => {
      const submission = parseWithZod(formData(fields), { schema: VoteHistorySchema })
      if (submission.status !== 'success') return submission.error
      return saveVoteHistory(handle.db, { organizerId, campaignId: campaign.id, rows: submission.value.votes })
    }
    const stored = () => handle.db.selectFrom('proposal_votes').select(['meeting_year', 'support_percent', 'recorded_percent', 'votes_for', 'shares_outstanding']).where('proposal_key', '=', campaign.proposal_key).orderBy('meeting_year').execute()
    const year2023 = { 'votes[1].meetingYear': '2023', 'votes[1].votesFor': '1,000', 'votes[1].votesAgainst': '3000', 'votes[1].sharesOutstanding': '10 000', 'votes[1].supportPercent': '99' }
    expect(await save({ 'votes[0].meetingYear': '2022', 'votes[0].supportPercent': '40.3', ...year2023, 'votes[2].meetingYear': '', 'votes[2].supportPercent': '' })).toEqual({ ok: true, changedYears: [2022, 2023] })
    // With the votes known, the typed percentage is not kept: support is for ÷ (for + against).
    expect(await stored()).toEqual([
      { meeting_year: 2022, support_percent: '40.30', recorded_percent: '40.30', votes_for: null, shares_outstanding: null },
      { meeting_year: 2023, support_percent: '25.00', recorded_percent: null, votes_for: '1000', shares_outstanding: '10000' },
    ])
    const before = await auditCount()
    expect(await save({ 'votes[0].meetingYear': '2022', 'votes[0].supportPercent': '40.30', ...year2023 })).toEqual({ ok: true, changedYears: [] })
    expect(await auditCount()).toBe(before)
    expect(await save({ 'votes[0].meetingYear': '2022', 'votes[0].supportPercent': '41', 'votes[1].meetingYear': '2023', 'votes[1].supportPercent': '34.18', 'votes[1].remove': 'on' })).toEqual({ ok: true, changedYears: [2022, 2023] })
    expect(await stored()).toEqual([{ meeting_year: 2022, support_percent: '41.00', recorded_percent: '41.00', votes_for: null, shares_outstanding: null }])
    const entry = await handle.db.selectFrom('audit_log').selectAll().where('campaign_id', '=', campaign.id).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(entry.action).toBe('vote_history.updated')
    expect(entry.before).toMatchObject({ '2022': { recorded_percent: '40.30' }, '2023': { votes_for: '1000', votes_against: '3000' } })
    expect(entry.after).toMatchObject({ '2022': { recorded_percent: '41.00' }, '2023': null })

    expect(await save({ 'votes[0].meetingYear': '2022', 'votes[0].supportPercent': '40', 'votes[1].meetingYear': '2022', 'votes[1].supportPercent': '41' })).toMatchObject({ 'votes[1].meetingYear': [expect.stringMatching(/listed twice/)] })
    expect(await save({ 'votes[0].meetingYear': '2022', 'votes[0].supportPercent': '140' })).toMatchObject({ 'votes[0].supportPercent': [expect.stringMatching(/from 0 to 100/)] })
    expect(await save({ 'votes[0].meetingYear': '2022', 'votes[0].votesFor': '1000' })).toMatchObject({ 'votes[0].votesAgainst': [expect.stringMatching(/both the votes for and the votes against/)] })
    expect(await save({ 'votes[0].meetingYear': '2022', 'votes[0].abstentions': '5' })).toMatchObject({ 'votes[0].votesFor': [expect.stringMatching(/votes for and against .*or, if only a percentage is known/)] })
    expect(await save({ 'votes[0].meetingYear': '2022', 'votes[0].supportPercent': '4', 'votes[0].meetingDate': '2021-05-01' })).toMatchObject({ 'votes[0].meetingDate': [expect.stringMatching(/fall in 2022/)] })
  })
})
