import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { importNpxFile, importThirteenFDataset, importThirteenFFiling } from './holder-imports.server'
import { addAffiliatedHolder, correctMatch, linkFund, saveEngagement } from './holders.server'
import { createOrganizer } from './organizers.server'
import { loadHolderBoard } from './targeting.server'
import { DEFAULT_BAND_POINTS, getVoteModel } from './vote-model.server'

// The vote model against a real database: imports (idempotent, refused whole), matching of
// N-PX records to the proposal, the board's classes, and the projection computed by hand.

const FIXTURES = path.resolve('tests/fixtures/sec')
const fixture = (name: string) => path.join(FIXTURES, name)
const dataset = { submission: fixture('13f-dataset/SUBMISSION.tsv'), coverpage: fixture('13f-dataset/COVERPAGE.tsv'), infotable: fixture('13f-dataset/INFOTABLE.tsv') }

let handle: DatabaseHandle
let organizerId: number
let campaign: Campaign
const db = () => handle.db

beforeAll(async () => {
  handle = await createTestDatabase()
  organizerId = (await createOrganizer(handle.db, { email: 'vote-model@example.org', password: 'correct horse battery' })).id
  campaign = await createCampaign(handle.db, { proposal_key: 'cdd-test', title: 'Customer Due Diligence', company: 'Amazon.com, Inc.', agm_year: 2025, cusip: '023135106', shares_outstanding: '2000000000' })
  await handle.db
    .insertInto('proposal_votes')
    .values([
      { proposal_key: 'cdd-test', meeting_year: 2022, recorded_percent: '40.30', meeting_date: '2022-05-25' },
      { proposal_key: 'cdd-test', meeting_year: 2024, votes_for: '300000000', votes_against: '500000000', shares_outstanding: '1000000000', meeting_date: '2024-05-22' },
    ])
    .execute()
})
afterAll(async () => handle?.close())

const counts = async () => ({
  holders: (await db().selectFrom('holders').select('id').where('campaign_id', '=', campaign.id).execute()).length,
  imports: (await db().selectFrom('sec_imports').select('id').where('campaign_id', '=', campaign.id).execute()).length,
  votes: (await db().selectFrom('fund_votes').select('id').where('campaign_id', '=', campaign.id).execute()).length,
  audits: (await db().selectFrom('audit_log').select('id').where('campaign_id', '=', campaign.id).execute()).length,
})
const holder = (cik: string) => db().selectFrom('holders').selectAll().where('campaign_id', '=', campaign.id).where('cik', '=', cik).executeTakeFirstOrThrow()

describe(`the vote model on ${testDatabaseKind}`, () => {
  test('13F: a filing, then the quarter’s data set; the same filing again changes nothing', async () => {
    const filing = { campaign, organizerId, infoTable: fixture('13f-infotable.xml'), primaryDoc: fixture('13f-primary-doc.xml') }
    expect(await importThirteenFFiling(db(), filing)).toMatchObject({ ok: true, alreadyImported: false, message: expect.stringMatching(/13F of Illustrative Index Advisors LLC for 2024-03-31: 1 holder/) })
    expect(await holder('9900001')).toMatchObject({ name: 'Illustrative Index Advisors LLC', shares: '13042141', voting_sole: '11000000', voting_shared: '1000000', voting_none: '1042141', report_period: '2024-03-31', source: '13f_xml' })
    const before = await counts()
    expect(await importThirteenFFiling(db(), filing)).toMatchObject({ ok: true, alreadyImported: true, message: expect.stringMatching(/already imported .*nothing changed/) })
    expect(await counts()).toEqual(before)

    expect(await importThirteenFDataset(db(), { campaign, organizerId, files: dataset })).toMatchObject({ ok: true, alreadyImported: false })
    expect(await holder('9900001')).toMatchObject({ shares: '12500000', source: '13f_dataset', accession_number: '0009900001-24-000003' })
    expect(await holder('9900002')).toMatchObject({ shares: '3000000', name: 'Illustrative Stewardship Fund Management' })
    const after = await counts()
    expect(await importThirteenFDataset(db(), { campaign, organizerId, files: dataset })).toMatchObject({ ok: true, alreadyImported: true })
    expect(await counts()).toEqual(after)
  })

  test('an older quarter never replaces a newer one', async () => {
    const result = await importThirteenFFiling(db(), { campaign, organizerId, infoTable: fixture('13f-infotable.xml'), accessionNumber: '0009900001-24-000099', filer: { cik: '9900001', name: 'Illustrative Index Advisors LLC', period: '2023-12-31' } })
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/1 left as they were \(a more recent report is held\)/) })
    expect(await holder('9900001')).toMatchObject({ shares: '12500000', report_period: '2024-03-31' })
  })

  test('bad files are refused whole, naming the line; nothing stored changes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'quorum-bad-'))
    const truncated = path.join(dir, 'truncated.xml')
    writeFileSync(truncated, readFileSync(fixture('13f-infotable.xml'), 'utf8').slice(0, 1500))
    const before = await counts()
    const refused = await importThirteenFFiling(db(), { campaign, organizerId, infoTable: truncated, primaryDoc: fixture('13f-primary-doc.xml') })
    expect(refused).toMatchObject({ ok: false, formError: expect.stringMatching(/^The file was not imported\. Line \d+: the file is not well-formed XML/) })
    const wrongForm = await importThirteenFFiling(db(), { campaign, organizerId, infoTable: fixture('npx-vote-table.xml'), primaryDoc: fixture('13f-primary-doc.xml') })
    expect(wrongForm).toMatchObject({ ok: false, formError: expect.stringMatching(/Line 3: this is not a Form 13F information table/) })
    const other = await createCampaign(db(), { cusip: '594918104', company: 'Microsoft Corporation' })
    const wrongCompany = await importThirteenFFiling(db(), { campaign: other, organizerId, infoTable: fixture('13f-infotable.xml'), primaryDoc: fixture('13f-primary-doc.xml') })
    expect(wrongCompany).toMatchObject({ ok: false, formError: expect.stringMatching(/lists 4 holding\(s\), none of CUSIP 594918104 \(Microsoft Corporation\)/) })
    const noCusip = await createCampaign(db(), { cusip: null })
    expect(await importNpxFile(db(), { campaign: noCusip, organizerId, file: fixture('npx-2021.csv'), format: 'csv' })).toMatchObject({ ok: false, formError: expect.stringMatching(/Set Example Corp’s CUSIP in the campaign editor first/) })
    const badCsv = path.join(dir, 'bad.csv')
    writeFileSync(badCsv, readFileSync(fixture('npx-2021.csv'), 'utf8').replace(',Against,For', ',Maybe,For'))
    expect(await importNpxFile(db(), { campaign, organizerId, file: badCsv, format: 'csv' })).toMatchObject({ ok: false, formError: expect.stringMatching(/Line 2: how_voted should be FOR, AGAINST/) })
    expect(await counts()).toEqual(before)
  })

  test('N-PX: records matched to the proposal by CUSIP, meeting date and wording; the board’s classes follow', async () => {
    const xml = await importNpxFile(db(), { campaign, organizerId, file: fixture('npx-vote-table.xml'), format: 'xml', primaryDoc: fixture('npx-primary-doc.xml'), accessionNumber: '0009900001-24-000777' })
    expect(xml).toMatchObject({ ok: true, message: expect.stringMatching(/4 vote record\(s\) on Amazon.com, Inc., 1 matched to this proposal/) })
    const csv = await importNpxFile(db(), { campaign, organizerId, file: fixture('npx-2021.csv'), format: 'csv' })
    expect(csv).toMatchObject({ ok: true, message: expect.stringMatching(/3 vote record\(s\) .*2 matched/) })
    expect(await importNpxFile(db(), { campaign, organizerId, file: fixture('npx-2021.csv'), format: 'csv' })).toMatchObject({ ok: true, alreadyImported: true })

    const matched = await db().selectFrom('fund_votes').select(['fund_name', 'matched_year', 'how_voted', 'with_management', 'vote_description']).where('campaign_id', '=', campaign.id).where('matched_year', 'is not', null).orderBy('matched_year').execute()
    expect(matched.map((m) => [m.fund_name, m.matched_year, m.how_voted])).toEqual([
      ['Illustrative Index Advisors LLC', 2022, 'against'],
      ['Illustrative Stewardship Fund', 2022, 'for'],
      ['Illustrative Index Advisors LLC', 2024, 'for'],
    ])

    let board = await loadHolderBoard(db(), { campaign })
    const index = board.find((r) => r.cik === '9900001')!
    expect(index).toMatchObject({ class: 'for', lean: { kind: 'for' }, leanSource: 'record', percentOfOutstanding: '0.63' })
    expect(index.history.map((h) => [h.year, h.votedFor, h.votedAgainst])).toEqual([[2024, '9500000', '0'], [2022, '0', '9000000']])
    expect(board.find((r) => r.cik === '9900002')).toMatchObject({ class: 'for', history: [{ year: 2022, votedFor: '2500000' }] })

    // An organizer says the 2024 record is not this proposal: the class falls back to 2022's vote.
    const cdd2024 = await db().selectFrom('fund_votes').select('id').where('campaign_id', '=', campaign.id).where('matched_year', '=', 2024).executeTakeFirstOrThrow()
    expect(await correctMatch(db(), { campaignId: campaign.id, organizerId, fundVoteId: cdd2024.id, matches: false })).toEqual({ ok: true })
    board = await loadHolderBoard(db(), { campaign })
    expect(board.find((r) => r.cik === '9900001')).toMatchObject({ class: 'against', lean: { kind: 'against' } })
    expect(await correctMatch(db(), { campaignId: campaign.id, organizerId, fundVoteId: cdd2024.id, matches: true })).toEqual({ ok: true })
    expect((await loadHolderBoard(db(), { campaign })).find((r) => r.cik === '9900001')).toMatchObject({ class: 'for' })
    const audit = await db().selectFrom('audit_log').select(['action', 'after']).where('campaign_id', '=', campaign.id).where('action', '=', 'fund_vote.match').execute()
    expect(audit.map((a) => a.after)).toEqual([{ matched_year: null }, { matched_year: 2024 }])
  })

  test('a fund without a CIK is tied to its holder by an organizer', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'quorum-npx-'))
    const csv = path.join(dir, 'no-cik.csv')
    writeFileSync(csv, 'fund_name,issuer_name,cusip,meeting_date,vote_description,how_voted,shares_voted\nIllustrative Technology Fund,Amazon.com Inc,023135106,2024-05-22,Report on customer due diligence,Against,700\n')
    const affiliated = await addAffiliatedHolder(db(), { campaignId: campaign.id, organizerId, name: 'Illustrative founder', shares: '240000000', expectedVote: 'against', note: 'From the proxy statement’s ownership table' })
    expect(affiliated.ok).toBe(true)
    await importNpxFile(db(), { campaign, organizerId, file: csv, format: 'csv' })
    const stewardship = await holder('9900002')
    expect(await linkFund(db(), { campaignId: campaign.id, organizerId, fundKey: 'name:illustrative technology fund', holderId: stewardship.id })).toEqual({ ok: true })
    const row = (await loadHolderBoard(db(), { campaign })).find((r) => r.cik === '9900002')!
    expect(row).toMatchObject({ class: 'against', history: [{ year: 2024, votedAgainst: '700' }, { year: 2022, votedFor: '2500000' }] })
    expect(await linkFund(db(), { campaignId: campaign.id, organizerId, fundKey: 'name:illustrative technology fund', holderId: null })).toEqual({ ok: true })
    expect((await loadHolderBoard(db(), { campaign })).find((r) => r.cik === '9900002')).toMatchObject({ class: 'for' })
  })

  test('engagement: saved with its audit entry; an unchanged form writes nothing', async () => {
    const h = await holder('9900002')
    const values = { status: 'met' as const, expectedVote: null, contact: 'stewardship@example.org', notes: 'Asked for our briefing', nextStepOn: '2025-04-01' }
    expect(await saveEngagement(db(), { campaignId: campaign.id, organizerId, holderId: h.id, values })).toEqual({ ok: true, changed: true })
    const audits = (await counts()).audits
    expect(await saveEngagement(db(), { campaignId: campaign.id, organizerId, holderId: h.id, values })).toEqual({ ok: true, changed: false })
    expect((await counts()).audits).toBe(audits)
    const entry = await db().selectFrom('audit_log').select(['action', 'before', 'after']).where('action', '=', 'holder.engagement').executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ before: { status: 'not_contacted', contact: null }, after: { status: 'met', contact: 'stewardship@example.org', next_step_on: '2025-04-01' } })
    expect(await saveEngagement(db(), { campaignId: campaign.id + 1000, organizerId, holderId: h.id, values })).toMatchObject({ ok: false })
  })

  test('the projection, by hand, and a scenario that moves it', async () => {
    // 2024: 300M for, 500M against of 1,000M outstanding → 1,600M cast of 2,000M now; pool rate 37.5%.
    // Known for: 9900001 12.5M (voted for in 2024) + 9900002 3M (2022, for) = 15.5M; against: the founder 240M.
    // Pool 1,600M − 255.5M = 1,344.5M → central 15.5M + 504.1875M = 519,687,500 (32.48%).
    const scenario = { turnoutPercent: null, bandPoints: DEFAULT_BAND_POINTS, flips: {} }
    const model = await getVoteModel(db(), { campaign, scenario })
    expect(model.threshold.thresholdPercent).toBe(25) // the third vote in five years: 2022, 2024, 2025
    expect(model.expected).toMatchObject({ ok: true, votesCast: '1600000000', knownFor: '15500000', knownAgainst: '240000000', pool: '1344500000', central: { votesFor: '519687500', percent: '32.48' } })

    const index = (await holder('9900001')).id
    const flipped = await getVoteModel(db(), { campaign, scenario: { ...scenario, flips: { [index]: 'against' } } })
    expect(flipped.scenarioChanged).toBe(true)
    expect(flipped.scenario).toMatchObject({ ok: true, knownFor: '3000000', knownAgainst: '252500000', central: { votesFor: '507187500', percent: '31.70' } })
    if (!flipped.scenario.ok) return
    expect(flipped.scenario.targets[0]).toMatchObject({ key: 'resubmission', status: 'reached' })
    expect(flipped.scenario.targets[1]).toMatchObject({ key: 'majority', status: 'out_of_reach', switches: [{ id: index, shares: '12500000' }], shortfall: '280312501' })
  })
})
