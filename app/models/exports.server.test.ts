import type { AppLoadContext } from '@remix-run/node'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { loader as pledgesCsvLoader } from '../routes/organizer.c.$slug.pledges[.]csv'
import { loader as subscribersCsvLoader } from '../routes/organizer.c.$slug.subscribers[.]csv'
import { FOLLOW_FORM_VERSION, PLEDGE_FORM_VERSION } from '../schemas/pledge'
import type { PledgeSubmission } from '../schemas/pledge'
import { EXPORT_RETRY_AFTER_SECONDS, exportSlots } from '../utils/export-slots.server'
import { sessionCookie } from '../utils/organizer-auth.server'
import { exportPledgesCsv, exportSubscribersCsv } from './exports.server'
import { createOrganizer, createSession, grantRole } from './organizers.server'
import { recordFollow, recordPledge } from './pledges.server'
import { confirmByToken, eraseSupporter, unsubscribeFromAll, unsubscribeFromCampaign } from './supporters.server'

let handle: DatabaseHandle
let campaign: Campaign
let other: Campaign
let organizerId: number
const db = () => handle.db
const BOM = '\uFEFF'
const PLEDGES_HEADER = 'Email,Name,Intention,Shares,Holder type,Broker,Status,Voted,Voted at (UTC),Pledged at (UTC),Confirmed at (UTC)'

async function pledge(target: Campaign, overrides: Partial<PledgeSubmission>, confirm = true) {
  const outcome = await recordPledge(db(), { campaign: target, formVersion: PLEDGE_FORM_VERSION, pledge: { ...basePledge, ...overrides } })
  if (confirm && outcome.links.confirmToken) await confirmByToken(db(), { token: outcome.links.confirmToken })
  return outcome.supporterId
}

async function follow(target: Campaign, email: string) {
  const outcome = await recordFollow(db(), { campaign: target, email, formVersion: FOLLOW_FORM_VERSION })
  await confirmByToken(db(), { token: outcome.links.confirmToken! })
  return outcome.supporterId
}

/** The file as written: Response.text() would drop the byte-order mark. */
const read = async (stream: ReadableStream<Uint8Array> | null) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer())

/** Lines of a CSV whose cells hold no line breaks, without the BOM. */
function lines(csv: string): string[] {
  expect(csv.startsWith(BOM)).toBe(true)
  expect(csv.endsWith('\r\n')).toBe(true)
  return csv.slice(1, -2).split('\r\n')
}

let bounced: string
let stopped: string
let erased: string

beforeAll(async () => {
  handle = await createTestDatabase()
  campaign = await createCampaign(db(), { slug: 'export-test' })
  other = await createCampaign(db())
  organizerId = (await createOrganizer(db(), { email: 'exporter@example.org', password: 'a long enough password' })).id

  await pledge(campaign, { email: 'plain@example.org', name: 'Ann Plain', shares: '120', broker: 'Fidelity', intention: 'for' })
  await pledge(campaign, { email: 'tricky@example.org', name: 'Smith, "Jo"\nSecond line', shares: undefined, broker: 'E*TRADE, Inc.', intention: 'against', voted: true })
  await pledge(campaign, { email: 'formula1@example.org', name: '=1+2', broker: '+SUM(A1:A2)' })
  await pledge(campaign, { email: 'formula2@example.org', name: '-1', broker: '@x' })
  await pledge(campaign, { email: 'pending@example.org', name: 'Not Yet', updates: true }, false)
  await pledge(campaign, { email: 'quiet@example.org', name: 'No Updates', updates: false })
  bounced = await pledge(campaign, { email: 'bounced@example.org', name: 'Bounced Person' })
  stopped = await pledge(campaign, { email: 'stopped@example.org', name: 'Stopped Person' })
  erased = await pledge(campaign, { email: 'erased@example.org', name: 'Erased Person' })
  const leaver = await pledge(campaign, { email: 'leaver@example.org', name: 'Left This One' })
  await follow(campaign, 'follower@example.org')
  await pledge(other, { email: 'elsewhere@example.org' })

  await db().updateTable('supporters').set({ suppressed_at: sql`now()`, suppression_reason: 'bounce' }).where('id', '=', bounced).execute()
  await unsubscribeFromAll(db(), { supporterId: stopped })
  await eraseSupporter(db(), { supporterId: erased })
  await unsubscribeFromCampaign(db(), { supporterId: leaver, campaignId: campaign.id })
})
afterAll(async () => handle?.close())

describe(`the pledges CSV on ${testDatabaseKind}`, () => {
  test('a header, then every pledge oldest first, with commas, quotes and line breaks escaped', async () => {
    const csv = await read((await exportPledgesCsv(db(), { campaign, organizerId })).body)
    expect(csv.startsWith(`${BOM}${PLEDGES_HEADER}\r\n`)).toBe(true)
    expect(csv).toMatch(/^plain@example\.org,Ann Plain,for,120,retail,Fidelity,confirmed,no,,\d{4}-\d\d-\d\dT[\d:.]+Z,\d{4}-\d\d-\d\dT[\d:.]+Z\r$/m)
    expect(csv).toMatch(/^tricky@example\.org,"Smith, ""Jo""\nSecond line",against,,retail,"E\*TRADE, Inc\.",confirmed,yes,\d{4}-[^,]+Z,/m)
    expect(csv).toMatch(/^pending@example\.org,Not Yet,for,100,retail,Fidelity,pending,no,,[^,]+Z,\r$/m)
  })

  test('cells that a spreadsheet would run as formulas are defused with an apostrophe', async () => {
    const csv = await read((await exportPledgesCsv(db(), { campaign, organizerId })).body)
    expect(csv).toContain("\r\nformula1@example.org,'=1+2,for,100,retail,'+SUM(A1:A2),confirmed,")
    expect(csv).toContain("\r\nformula2@example.org,'-1,for,100,retail,'@x,confirmed,")
  })

  test('suppressed supporters are left out entirely, erased ones are gone, other campaigns stay out', async () => {
    const csv = await read((await exportPledgesCsv(db(), { campaign, organizerId })).body)
    for (const absent of ['bounced@', 'stopped@', 'erased@', 'Erased Person', 'elsewhere@', 'follower@']) expect(csv).not.toContain(absent)
    const emails = csv
      .slice(1)
      .split('\r\n')
      .map((line) => line.split(',')[0])
      .filter((cell) => cell?.includes('@'))
    expect(emails).toEqual(['plain@example.org', 'tricky@example.org', 'formula1@example.org', 'formula2@example.org', 'pending@example.org', 'quiet@example.org', 'leaver@example.org'])
  })

  test('small batches give the same file: each row once, even when pledges share an instant', async () => {
    await db().updateTable('pledges').set({ created_at: sql<Date>`'2030-02-01T00:00:00.000001Z'::timestamptz` }).where('campaign_id', '=', campaign.id).execute()
    try {
      const whole = await read((await exportPledgesCsv(db(), { campaign, organizerId })).body)
      for (const batchSize of [1, 2, 3, 7, 8]) {
        expect(await read((await exportPledgesCsv(db(), { campaign, organizerId, batchSize })).body), `batch ${batchSize}`).toBe(whole)
      }
      expect(lines(whole.replace(/"[^"]*"/g, 'Q'))).toHaveLength(8)
    } finally {
      await sql`update pledges set created_at = consent_at where campaign_id = ${campaign.id}`.execute(db())
    }
  })

  test('an empty campaign gives just the header', async () => {
    const empty = await createCampaign(db())
    expect(await read((await exportPledgesCsv(db(), { campaign: empty, organizerId })).body)).toBe(`${BOM}${PLEDGES_HEADER}\r\n`)
  })
})

describe(`the subscribers CSV on ${testDatabaseKind}`, () => {
  test('confirmed, subscribed, reachable supporters only, with whether they pledged', async () => {
    const csv = await read((await exportSubscribersCsv(db(), { campaign, organizerId, batchSize: 2 })).body)
    const [header, ...rows] = lines(csv.replace(/"[^"]*"/g, (quoted) => quoted.replace(/\n/g, ' ')))
    expect(header).toBe('Email,Name,Subscribed since (UTC),Has pledged')
    const byEmail = Object.fromEntries(rows.map((row) => [row.split(',')[0], row]))
    expect(Object.keys(byEmail).sort()).toEqual(['follower@example.org', 'formula1@example.org', 'formula2@example.org', 'plain@example.org', 'tricky@example.org'])
    expect(byEmail['plain@example.org']).toMatch(/^plain@example\.org,Ann Plain,\d{4}-\d\d-\d\dT[\d:.]+Z,yes$/)
    expect(byEmail['follower@example.org']).toMatch(/^follower@example\.org,,[^,]+Z,no$/)
    expect(byEmail['formula1@example.org']).toContain(",'=1+2,")
  })

  test('a withdrawn pledge is not "has pledged"', async () => {
    await db().updateTable('pledges').set({ status: 'withdrawn' }).where('campaign_id', '=', campaign.id).where('supporter_id', '=', sql<string>`(select id from supporters where email = 'plain@example.org')`).execute()
    const csv = await read((await exportSubscribersCsv(db(), { campaign, organizerId })).body)
    expect(csv).toMatch(/\r\nplain@example\.org,Ann Plain,[^,]+Z,no\r\n/)
    await db().updateTable('pledges').set({ status: 'confirmed' }).where('campaign_id', '=', campaign.id).where('status', '=', 'withdrawn').execute()
  })
})

describe(`export routes on ${testDatabaseKind}`, () => {
  let cookie: string
  const context = (): AppLoadContext => ({ db: db(), cspNonce: '', clientIp: '127.0.0.1' })
  const get = (loader: typeof pledgesCsvLoader, slug: string, file: string, headers: Record<string, string> = { cookie }) =>
    loader({ request: new Request(`http://localhost/organizer/c/${slug}/${file}`, { headers }), params: { slug }, context: context() }).catch((thrown: unknown) => thrown as Response)

  beforeAll(async () => {
    await grantRole(db(), { campaignId: campaign.id, organizerId, role: 'viewer' })
    cookie = (await sessionCookie.serialize(await createSession(db(), { organizerId }))).split(';')[0]!
  })

  test('a viewer downloads the pledges: a private, streamed CSV attachment, and the download is audited', async () => {
    await db().deleteFrom('audit_log').execute()
    const response = await get(pledgesCsvLoader, campaign.slug, 'pledges.csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="export-test-pledges-\d{4}-\d\d-\d\d\.csv"$/)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(response.body).toBeInstanceOf(ReadableStream)
    const csv = await read(response.body)
    expect(csv.startsWith(`${BOM}${PLEDGES_HEADER}\r\n`)).toBe(true)
    expect(csv).toContain('plain@example.org')

    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'export.pledges').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ organizer_id: organizerId, campaign_id: campaign.id, entity_type: 'campaign', entity_id: String(campaign.id) })
    expect(audit[0]!.after).toMatchObject({ filename: expect.stringMatching(/^export-test-pledges-.*\.csv$/) })
  })

  test('a viewer downloads the subscribers, audited as export.subscribers', async () => {
    await db().deleteFrom('audit_log').execute()
    const response = await get(subscribersCsvLoader, campaign.slug, 'subscribers.csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toMatch(/filename="export-test-subscribers-[\d-]+\.csv"/)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(await response.text()).toContain('follower@example.org')
    const audit = await db().selectFrom('audit_log').select(['organizer_id', 'entity_type', 'entity_id']).where('action', '=', 'export.subscribers').execute()
    expect(audit).toEqual([{ organizer_id: organizerId, entity_type: 'campaign', entity_id: String(campaign.id) }])
  })

  test('signed out: to the sign-in page; no role on the campaign: not found; nothing audited', async () => {
    const count = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
    const audited = await count()
    const signedOut = await get(pledgesCsvLoader, campaign.slug, 'pledges.csv', {})
    expect(signedOut.status).toBe(302)
    expect(signedOut.headers.get('location')).toMatch(/^\/organizer\/login\?redirectTo=/)
    expect((await get(subscribersCsvLoader, other.slug, 'subscribers.csv')).status).toBe(404)
    expect((await get(pledgesCsvLoader, 'no-such-campaign', 'pledges.csv')).status).toBe(404)
    expect(await count()).toBe(audited)
  })
})

describe(`downloads at once and their readers on ${testDatabaseKind}`, () => {
  test('a third download at once by one organizer, or a fifth in all, is a 429 with Retry-After; a finished or cancelled one gives its slot back', async () => {
    const organizers = await Promise.all(
      ['a', 'b', 'c'].map(async (name) => {
        const { id } = await createOrganizer(db(), { email: `slots-${name}@example.org`, password: 'a long enough password' })
        await grantRole(db(), { campaignId: campaign.id, organizerId: id, role: 'viewer' })
        return (await sessionCookie.serialize(await createSession(db(), { organizerId: id }))).split(';')[0]!
      }),
    )
    const download = (cookie: string) =>
      pledgesCsvLoader({ request: new Request(`http://localhost/organizer/c/${campaign.slug}/pledges.csv`, { headers: { cookie } }), params: { slug: campaign.slug }, context: { db: db(), cspNonce: '', clientIp: '127.0.0.1' } }).catch(
        (thrown: unknown) => thrown as Response,
      )
    const [a, b, c] = organizers as [string, string, string]
    // Bodies not read yet: each holds its slot, as a slow client's would.
    const running = [await download(a), await download(a)]
    expect(running.map((r) => r.status)).toEqual([200, 200])
    const third = await download(a)
    expect(third.status).toBe(429)
    expect(third.headers.get('retry-after')).toBe(String(EXPORT_RETRY_AFTER_SECONDS))
    expect(await third.json()).toEqual({ error: 'too_many_exports', message: expect.stringContaining('You already have 2 downloads running') })

    running.push(await download(b), await download(b))
    const fifth = await download(c)
    expect(fifth.status).toBe(429)
    expect((await fifth.json()).message).toMatch(/preparing 4 downloads/)

    await running[0]!.body!.cancel() // the client went away
    expect(await read((await download(c)).body)).toContain('plain@example.org') // read to the end: its slot is free again
    const last = await download(c)
    expect(last.status).toBe(200)
    expect(exportSlots.active).toBe(4)
    for (const response of running.slice(1)) await read(response.body)
    await last.body!.cancel()
    expect(exportSlots.active).toBe(0)
  })

  test('a batch is read only when the reader is ready for it, and none once the reader has gone', async () => {
    let asked = 0
    let answer: (ready: boolean) => void = () => {}
    let done = 0
    const csv = await exportPledgesCsv(db(), {
      campaign,
      organizerId,
      batchSize: 2,
      readerReady: () => {
        asked += 1
        return new Promise((resolve) => (answer = resolve))
      },
      onDone: () => (done += 1),
    })
    const reader = csv.body.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('Email,Name')
    expect(asked).toBe(0) // nothing read ahead of the reader
    const next = reader.read()
    await vi.waitFor(() => expect(asked).toBe(1))
    answer(true)
    expect(new TextDecoder().decode((await next).value).split('\r\n')).toHaveLength(3) // two rows
    const after = reader.read()
    await vi.waitFor(() => expect(asked).toBe(2))
    answer(false) // the client disconnected
    expect(await after).toEqual({ done: true, value: undefined })
    expect(done).toBe(1)
  })
})
