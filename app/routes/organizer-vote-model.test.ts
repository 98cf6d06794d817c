import { readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { createOrganizer, createSession, grantRole } from '../models/organizers.server'
import { bodyLimitFor, MAX_BODY_BYTES } from '../utils/http-guards.server'
import { sessionCookie } from '../utils/organizer-auth.server'
import { action as editAction } from './organizer.c.$slug.edit'
import { action as importAction } from './organizer.c.$slug.imports'
import { loader as projectionLoader } from './organizer.c.$slug.projection'

// The vote model's routes called as Remix calls them: multipart uploads, the pasted 8-K table,
// and the projection's scenario in the query string.

const FIXTURES = path.resolve('tests/fixtures/sec')
let handle: DatabaseHandle
let campaign: Campaign
let cookie = ''

beforeAll(async () => {
  handle = await createTestDatabase()
  campaign = await createCampaign(handle.db, { cusip: '023135106', title: 'Customer Due Diligence', proposal_key: 'route-vote-model' })
  const { id } = await createOrganizer(handle.db, { email: 'vm-editor@example.org', password: 'correct horse battery' })
  await grantRole(handle.db, { campaignId: campaign.id, organizerId: id, role: 'editor' })
  cookie = (await sessionCookie.serialize(await createSession(handle.db, { organizerId: id }))).split(';')[0]!
})
afterAll(async () => handle?.close())

const context = (): AppLoadContext => ({ db: handle.db, cspNonce: '', clientIp: '127.0.0.1' })
const params = () => ({ slug: campaign.slug })
const file = (name: string, body = readFileSync(path.join(FIXTURES, name))) => new File([body], name, { type: 'application/xml' })

function upload(fields: Record<string, string | File>) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return importAction({ request: new Request(`http://localhost/organizer/c/${campaign.slug}/imports`, { method: 'POST', headers: { cookie }, body: form }), params: params(), context: context() }) as Promise<Response>
}
const holderCount = async () => (await handle.db.selectFrom('holders').select('id').where('campaign_id', '=', campaign.id).execute()).length

describe(`the vote model's routes on ${testDatabaseKind}`, () => {
  test('a 13F upload imports once; the same file again changes nothing; a truncated one is refused with its line', async () => {
    const uploadDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('quorum-upload-')).length
    const dirsBefore = uploadDirs()
    const first = await upload({ intent: '13f', infoTable: file('13f-infotable.xml'), primaryDoc: file('13f-primary-doc.xml') })
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ intent: '13f', ok: true, message: expect.stringMatching(/Imported 13F of Illustrative Index Advisors LLC/) })
    const again = await upload({ intent: '13f', infoTable: file('13f-infotable.xml'), primaryDoc: file('13f-primary-doc.xml') })
    expect(await again.json()).toMatchObject({ ok: true, message: expect.stringMatching(/already imported/) })
    expect(await holderCount()).toBe(1)

    const truncated = readFileSync(path.join(FIXTURES, '13f-infotable.xml')).subarray(0, 900)
    const refused = await upload({ intent: '13f', infoTable: file('cut.xml', truncated), primaryDoc: file('13f-primary-doc.xml') })
    expect(refused.status).toBe(422)
    expect(await refused.json()).toMatchObject({ ok: false, message: expect.stringMatching(/^The file was not imported\. Line \d+: the file is not well-formed XML/) })
    const missing = await upload({ intent: '13f', primaryDoc: file('13f-primary-doc.xml') })
    expect(await missing.json()).toMatchObject({ ok: false, errors: { infoTable: 'Choose the information table to upload' } })
    const noFiler = await upload({ intent: '13f', infoTable: file('13f-infotable.xml'), filerCik: 'abc' })
    expect(await noFiler.json()).toMatchObject({ ok: false, errors: { filerCik: expect.stringMatching(/CIK as up to ten digits/), period: expect.stringMatching(/report period/) } })
    expect(await holderCount()).toBe(1)
    // Uploaded files are deleted once each import is done, imported or refused.
    expect(uploadDirs()).toBe(dirsBefore)
  })

  test('an affiliated holder: refused with the field’s message, then added', async () => {
    const bad = await upload({ intent: 'affiliated', name: 'A founder', shares: 'many', expectedVote: 'against' })
    expect(bad.status).toBe(422)
    expect(await bad.json()).toMatchObject({ errors: { shares: expect.stringMatching(/whole number/) } })
    expect(await (await upload({ intent: 'affiliated', name: 'A founder', shares: '1,000,000', expectedVote: 'against' })).json()).toMatchObject({ ok: true })
    expect(await holderCount()).toBe(2)
  })

  test('an upload that is not multipart is a 415 with a JSON body; only the import page takes large bodies', async () => {
    const response = await (importAction({ request: new Request(`http://localhost/organizer/c/${campaign.slug}/imports`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'intent=13f' }), params: params(), context: context() }) as Promise<Response>).catch((r: Response) => r)
    expect(response.status).toBe(415)
    expect(bodyLimitFor(`/organizer/c/${campaign.slug}/imports`)).toBeGreaterThan(100 * 1024 * 1024)
    expect(bodyLimitFor(`/organizer/c/${campaign.slug}/edit`)).toBe(MAX_BODY_BYTES)
  })

  test('a pasted Item 5.07 table is read back for confirmation; text without one is refused', async () => {
    const paste = (pasted: string) =>
      editAction({ request: new Request(`http://localhost/organizer/c/${campaign.slug}/edit`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ intent: 'paste-507', pasted }) }), params: params(), context: context() }) as Promise<Response>
    const read = await paste(readFileSync(path.join(FIXTURES, '8k-item-507.txt'), 'utf8'))
    expect(await read.json()).toMatchObject({ form: 'paste', pasted: { votesFor: '140617842', votesAgainst: '208303318', abstentions: '2112345', brokerNonVotes: '55123456' }, found: expect.stringMatching(/took line 11/) })
    const refused = await paste('The proposal failed.')
    expect(refused.status).toBe(422)
    expect(await refused.json()).toMatchObject({ error: expect.stringMatching(/Found no “For” and “Against” figures/) })
    // Fetching the 8-K needs the SEC's declared User-Agent, which the tests do not set.
    const fetch8k = await (editAction({ request: new Request(`http://localhost/organizer/c/${campaign.slug}/edit`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ intent: 'fetch-507', address: 'https://www.sec.gov/Archives/edgar/data/1018724/000101872422000015/' }) }), params: params(), context: context() }) as Promise<Response>)
    expect(fetch8k.status).toBe(422)
    expect(await fetch8k.json()).toMatchObject({ fetchError: expect.stringMatching(/needs EDGAR_USER_AGENT/) })
    expect(await handle.db.selectFrom('proposal_votes').select('id').where('proposal_key', '=', 'route-vote-model').execute()).toEqual([])
  })

  test('the projection: no result recorded says what to add; a scenario’s turnout makes one; a bad value is named', async () => {
    const load = async (query: string) => (await (projectionLoader({ request: new Request(`http://localhost/organizer/c/${campaign.slug}/projection${query}`, { headers: { cookie } }), params: params(), context: context() }) as Promise<Response>)).json()
    expect((await load('')).expected).toMatchObject({ ok: false, reason: expect.stringMatching(/No earlier vote on this proposal is recorded/) })
    await handle.db.insertInto('proposal_votes').values({ proposal_key: 'route-vote-model', meeting_year: 2029, recorded_percent: '20' }).execute()
    await handle.db.deleteFrom('holders').where('campaign_id', '=', campaign.id).execute()
    const withTurnout = await load('?turnout=50&band=2')
    expect(withTurnout).toMatchObject({ scenarioChanged: true, scenario: { ok: true, votesCast: '500000', central: { percent: '20.00' }, low: { percent: '18.00' } } })
    const bad = await load('?turnout=150&band=x')
    expect(bad.errors).toMatchObject({ turnout: expect.stringMatching(/from 0.01 to 100/), band: expect.stringMatching(/from 0 to 50/) })
  })

  test('once the meeting has voted, the projection page sets the recorded result beside the model’s range', async () => {
    const load = async () => (await (projectionLoader({ request: new Request(`http://localhost/organizer/c/${campaign.slug}/projection`, { headers: { cookie } }), params: params(), context: context() }) as Promise<Response>)).json()
    expect((await load()).result).toBeNull()
    await handle.db.insertInto('proposal_votes').values({ proposal_key: campaign.proposal_key, meeting_year: campaign.agm_year, votes_for: '260000', votes_against: '740000' }).execute()
    try {
      expect((await load()).result).toEqual({ supportPercent: '26.00' })
    } finally {
      await handle.db.deleteFrom('proposal_votes').where('proposal_key', '=', campaign.proposal_key).where('meeting_year', '=', campaign.agm_year).execute()
    }
  })
})
