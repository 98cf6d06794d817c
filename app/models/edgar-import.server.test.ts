import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { type FakeEdgar, startFakeEdgar } from '../../tests/helpers/fake-edgar'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { EdgarClient, parseFilingRef, RateLimiter } from '../sec/edgar-client.server'
import { parseItem507 } from '../sec/item-507'
import { fetchItem507Text, importFromEdgar } from './edgar-import.server'
import { createOrganizer } from './organizers.server'

// The EDGAR client against a local server in EDGAR's layout (tests/helpers/fake-edgar.ts).

const USER_AGENT = 'Quorum tests admin@example.org'
let handle: DatabaseHandle
let edgar: FakeEdgar
let campaign: Campaign
let organizerId: number

/** A clock whose sleeps are recorded and pass at once. */
function fakeClock() {
  let now = 0
  const sleeps: number[] = []
  return { sleeps, now: () => now, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)) }
}
const client = (overrides: Partial<ConstructorParameters<typeof EdgarClient>[0]> = {}) =>
  new EdgarClient({ baseUrl: edgar.url, userAgent: USER_AGENT, requestsPerSecond: 8, clock: fakeClock(), ...overrides })

beforeAll(async () => {
  handle = await createTestDatabase()
  edgar = await startFakeEdgar()
  organizerId = (await createOrganizer(handle.db, { email: 'edgar@example.org', password: 'correct horse battery' })).id
  campaign = await createCampaign(handle.db, { cusip: '023135106', title: 'Customer Due Diligence', company: 'Amazon.com, Inc.', agm_year: 2025, proposal_key: 'edgar-cdd' })
  await handle.db.insertInto('proposal_votes').values({ proposal_key: 'edgar-cdd', meeting_year: 2024, recorded_percent: '30', meeting_date: '2024-05-22' }).execute()
})
afterAll(async () => {
  await edgar?.close()
  await handle?.close()
})

describe(`EDGAR, served locally, on ${testDatabaseKind}`, () => {
  test('no User-Agent, no request', async () => {
    const before = edgar.requests.length
    await expect(client({ userAgent: null }).get('/Archives/edgar/data/9900001/000990000124000001/index.json')).rejects.toThrow(/needs EDGAR_USER_AGENT/)
    await expect(client({ userAgent: 'quorum' }).get('/x')).rejects.toThrow(/needs EDGAR_USER_AGENT/)
    expect(edgar.requests.length).toBe(before)
  })

  test('a 13F and an N-PX by address: the declared User-Agent on every request; the same filing twice changes nothing', async () => {
    const downloads = () => readdirSync(tmpdir()).filter((name) => name.startsWith('quorum-edgar-')).length
    const downloadsBefore = downloads()
    const ref = parseFilingRef({ url: 'https://www.sec.gov/Archives/edgar/data/9900001/000990000124000001/0009900001-24-000001-index.htm' })!
    expect(ref).toEqual({ cik: '9900001', accession: '000990000124000001' })
    const first = await importFromEdgar(handle.db, { campaign, organizerId, form: '13f', ref, client: client() })
    expect(first).toMatchObject({ ok: true, alreadyImported: false, message: expect.stringMatching(/13F of Illustrative Index Advisors LLC/) })
    expect(await importFromEdgar(handle.db, { campaign, organizerId, form: '13f', ref, client: client() })).toMatchObject({ ok: true, alreadyImported: true })
    const holder = await handle.db.selectFrom('holders').select(['shares', 'accession_number']).where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow()
    expect(holder).toEqual({ shares: '13042141', accession_number: '0009900001-24-000001' })
    expect(edgar.requests.every((r) => r.headers['user-agent'] === USER_AGENT)).toBe(true)

    const npx = parseFilingRef({ cik: '0009900001', accession: '0009900001-24-000777' })!
    expect(await importFromEdgar(handle.db, { campaign, organizerId, form: 'npx', ref: npx, client: client() })).toMatchObject({ ok: true, message: expect.stringMatching(/1 matched/) })
    // A 13F offered as an N-PX is refused by its cover page.
    expect(await importFromEdgar(handle.db, { campaign, organizerId, form: 'npx', ref, client: client() })).toMatchObject({ ok: false, formError: expect.stringMatching(/namespace “http:\/\/www.sec.gov\/edgar\/thirteenffiler”/) })
    // Downloaded files are deleted once each import is done.
    expect(downloads()).toBe(downloadsBefore)
  })

  test('busy answers are retried after Retry-After or a growing pause; a missing filing says so', async () => {
    const clock = fakeClock()
    edgar.failNext(2, 503, 3)
    const response = await client({ clock }).get('/Archives/edgar/data/9900001/000990000124000001/index.json')
    expect(response.status).toBe(200)
    expect(clock.sleeps.filter((ms) => ms >= 1000)).toEqual([3000, 3000])
    const backoff = fakeClock()
    edgar.failNext(2, 429)
    await client({ clock: backoff }).get('/Archives/edgar/data/9900001/000990000124000001/index.json')
    expect(backoff.sleeps.filter((ms) => ms >= 1000)).toEqual([1000, 2000])
    edgar.failNext(5, 503)
    await expect(client({ retries: 2 }).get('/Archives/edgar/data/9900001/000990000124000001/index.json')).rejects.toThrow(/answered 503 .* after 3 tries/)
    edgar.failNext(0, 200)
    await expect(client().get('/Archives/edgar/data/1/000000000000000000/index.json')).rejects.toThrow(/EDGAR has no .*check the filing’s address/)
  })

  test('requests are spaced to stay under ten a second', async () => {
    const clock = fakeClock()
    const limiter = new RateLimiter(8, clock)
    const starts: number[] = []
    for (let i = 0; i < 20; i++) {
      await limiter.wait()
      starts.push(clock.now())
    }
    // In any window of one second, at most eight requests start.
    for (let i = 0; i + 8 < starts.length; i++) expect(starts[i + 8]! - starts[i]!).toBeGreaterThanOrEqual(1000)
  })

  test('an 8-K’s Item 5.07 table, read from its HTML', async () => {
    const fetched = await fetchItem507Text({ ref: parseFilingRef({ cik: '1018724', accession: '000101872422000015' })!, client: client() })
    expect(fetched.ok).toBe(true)
    if (!fetched.ok) return
    const read = parseItem507(fetched.text, { title: 'Customer Due Diligence' })
    expect(read).toMatchObject({ ok: true, rows: [{ votesFor: '140617842', votesAgainst: '208303318', abstentions: '2112345', brokerNonVotes: '55123456' }] })
  })
})
