import type { AppLoadContext } from '@remix-run/node'
import { renderToString } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { TallyPanel } from '../components/tally-panel'
import { getCampaignPage } from '../models/campaign-page.server'
import { processEmailQueue } from '../mail/sign-up-queue.server'
import { getTally } from '../models/tally.server'
import { SHARES_FORMAT_MESSAGE } from '../schemas/fields'
import { action as confirmAction, loader as confirmLoader } from './confirm.$token'
import { action as followAction } from './c.$slug.follow'
import { action as pledgeAction } from './c.$slug.pledge'
import { loader as exportLoader } from './me.$token.export[.]json'
import { action as meAction, loader as meLoader } from './me.$token._index'
import { action as unsubscribeAction } from './u.$token'

// Actions called as Remix calls them, with real Requests. Every bad input must get a clear,
// specific answer, and must leave everything already stored exactly as it was.

let handle: DatabaseHandle
let live: Campaign
let closed: Campaign
let ipCounter = 0

beforeAll(async () => {
  handle = await createTestDatabase()
  live = await createCampaign(handle.db, { shares_outstanding: '1000000', company: 'Example Corp' })
  closed = await createCampaign(handle.db, { status: 'closed' })
})
afterAll(async () => handle?.close())

function context(ip = `198.51.100.${++ipCounter % 250}`): AppLoadContext {
  return { db: handle.db, cspNonce: 'n', clientIp: ip }
}

function post(path: string, fields: Record<string, string> | string, headers: Record<string, string> = {}) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: typeof fields === 'string' ? fields : new URLSearchParams(fields),
  })
}

type ErrorBody = { result: { error: Record<string, string[]> } }

const valid = { email: 'valid@example.org', intention: 'for', shares: '120', holderType: 'retail', broker: 'Fidelity', updates: 'on', website: '' }

async function submitPledge(fields: Record<string, string> | string, slug = live.slug, ctx = context()) {
  const result = await pledgeAction({ request: post(`/c/${slug}/pledge`, fields), params: { slug }, context: ctx }).catch((thrown: unknown) => thrown)
  return result as Response
}

/** Everything a bad submission could have touched. */
async function snapshot() {
  const tables = ['supporters', 'pledges', 'pledge_events', 'subscriptions', 'supporter_tokens', 'email_queue', 'outbox_messages'] as const
  const counts = await Promise.all(tables.map((t) => handle.db.selectFrom(t).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()))
  const pledges = await handle.db.selectFrom('pledges').select(['id', 'intention', 'shares', 'broker', 'status', 'updated_at']).orderBy('id').execute()
  return { counts: counts.map((c) => c.n), pledges }
}

async function expectFieldError(fields: Record<string, string>, field: string, message: RegExp) {
  const before = await snapshot()
  const response = await submitPledge(fields)
  expect(response.status).toBe(400)
  const body = await response.json()
  expect(body.result.error[field]?.join(' '), `error for ${field}`).toMatch(message)
  // The input is kept so the form shows it again next to the error.
  expect(body.result.initialValue).toMatchObject(Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'website')))
  expect(await snapshot()).toEqual(before)
}

describe(`bad input to the pledge form on ${testDatabaseKind}`, () => {
  test('a valid pledge is accepted and redirects to "check your email"', async () => {
    const response = await submitPledge(valid)
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`/c/${live.slug}/pledged`)
    await processEmailQueue(handle.db)
    const outbox = await handle.db.selectFrom('outbox_messages').selectAll().where('to_email', '=', 'valid@example.org').execute()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]!.subject).toBe('Confirm your pledge: A Test Proposal')
    expect(outbox[0]!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
    expect(outbox[0]!.text).toContain('http://localhost:3000/confirm/')
  })

  test('malformed, over-long and missing emails', async () => {
    await expectFieldError({ ...valid, email: 'not-an-email' }, 'email', /Enter a valid email address/)
    await expectFieldError({ ...valid, email: 'a@b' }, 'email', /Enter a valid email address/)
    await expectFieldError({ ...valid, email: `${'x'.repeat(250)}@example.org` }, 'email', /at most 254 characters/)
    const { email: _email, ...withoutEmail } = valid
    await expectFieldError(withoutEmail, 'email', /Enter your email address/)
  })

  test('shares that are negative, fractional, 30 digits, words, or above shares outstanding', async () => {
    await expectFieldError({ ...valid, shares: '-5' }, 'shares', /whole number/)
    await expectFieldError({ ...valid, shares: '1.5' }, 'shares', /whole number/)
    await expectFieldError({ ...valid, shares: '9'.repeat(30) }, 'shares', /more than the 1,000,000 shares Example Corp has outstanding/)
    await expectFieldError({ ...valid, shares: 'many' }, 'shares', /whole number/)
    await expectFieldError({ ...valid, shares: '1000001' }, 'shares', /more than the 1,000,000 shares/)
  })

  test('unknown intention or holder type, and a missing intention', async () => {
    await expectFieldError({ ...valid, intention: 'maybe' }, 'intention', /Choose how you intend to vote/)
    await expectFieldError({ ...valid, holderType: 'alien' }, 'holderType', /Choose how you hold your shares/)
    const { intention: _intention, ...withoutIntention } = valid
    await expectFieldError(withoutIntention, 'intention', /Choose how you intend to vote/)
    await expectFieldError({ ...valid, showName: 'on' }, 'name', /Enter the name to show/)
  })

  test('an unknown campaign is a 404 and a closed one says so', async () => {
    const before = await snapshot()
    expect((await submitPledge(valid, 'no-such-campaign')).status).toBe(404)
    const closedResponse = await submitPledge(valid, closed.slug)
    expect(closedResponse.status).toBe(422)
    expect((await closedResponse.json()).result.error['']).toEqual(['This campaign has closed: it no longer takes pledges.'])
    expect(await snapshot()).toEqual(before)
  })

  test('a campaign that closes while its copy is still cached takes no pledge, and nothing is stored', async () => {
    const closing = await createCampaign(handle.db)
    expect((await submitPledge({ ...valid, email: 'before-close@example.org' }, closing.slug)).status).toBe(302) // caches the live campaign
    await handle.db.updateTable('campaigns').set({ status: 'closed' }).where('id', '=', closing.id).execute()
    const before = await snapshot()
    const response = await submitPledge({ ...valid, email: 'after-close@example.org' }, closing.slug)
    expect(response.status).toBe(422)
    expect((await response.json()).result.error['']).toEqual(['This campaign has closed: it no longer takes pledges.'])
    expect(await snapshot()).toEqual(before)
    expect(await handle.db.selectFrom('supporters').select('id').where('email', '=', 'after-close@example.org').execute()).toEqual([])
  })

  test('a 10 MB body is refused with a 413 and a JSON reason', async () => {
    const before = await snapshot()
    const huge = `email=big%40example.org&intention=for&name=${'x'.repeat(10 * 1024 * 1024)}`
    const response = await submitPledge(huge)
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: 'body_too_large' })
    const declared = await pledgeAction({ request: post(`/c/${live.slug}/pledge`, 'email=a', { 'content-length': String(10 * 1024 * 1024) }), params: { slug: live.slug }, context: context() }).catch((r: Response) => r)
    expect(declared.status).toBe(413)
    expect(await snapshot()).toEqual(before)
  })

  test('the honeypot answers like success and stores nothing', async () => {
    const before = await snapshot()
    const response = await submitPledge({ ...valid, email: 'bot@example.org', website: 'http://spam.example' })
    expect(response.status).toBe(302)
    expect(await snapshot()).toEqual(before)
  })

  test('too many sign-ups from one address get a friendly 429 with Retry-After', async () => {
    const ctx = context('203.0.113.77')
    let last: Response | undefined
    for (let i = 0; i < 21; i++) last = await submitPledge({ ...valid, email: `flood-${i}@example.org` }, live.slug, ctx)
    expect(last!.status).toBe(429)
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0)
    const body = await last!.json()
    expect(body).toMatchObject({ status: 'rate_limited' })
    // The form comes back with what was typed, and says when to try again.
    expect(body.result.initialValue).toMatchObject({ email: 'flood-20@example.org', intention: 'for', shares: '120', broker: 'Fidelity' })
    expect(body.result.error['']![0]).toMatch(/^There have been many sign-ups .* Please try again in about (a minute|\d+ minutes) \(after \d{1,2}:\d{2} [ap]\.m\. E[SD]T\)\. What you typed is still in the form\.$/)
  })

  test('share counts: grouped in threes is accepted, anything else is refused with what to type', async () => {
    await expectFieldError({ ...valid, email: 'g1@example.org', shares: '12,34' }, 'shares', /e\.g\. 1200 or 1,200/)
    await expectFieldError({ ...valid, email: 'g2@example.org', shares: '1,0,0' }, 'shares', /commas only between groups of three digits/)
    await expectFieldError({ ...valid, email: 'g3@example.org', shares: '0' }, 'shares', /Enter at least 1 share/)
    expect((await submitPledge({ ...valid, email: 'grouped@example.org', shares: '1,234' })).status).toBe(302)
    expect((await submitPledge({ ...valid, email: 'spaced@example.org', shares: '2 345' })).status).toBe(302)
    const stored = await handle.db.selectFrom('pledges').innerJoin('supporters', 'supporters.id', 'pledges.supporter_id').select(['email', 'shares']).where('email', 'in', ['grouped@example.org', 'spaced@example.org']).orderBy('email').execute()
    expect(stored).toEqual([
      { email: 'grouped@example.org', shares: '1234' },
      { email: 'spaced@example.org', shares: '2345' },
    ])
  })

  test('HTML and script in name and broker are stored as text and shown escaped', async () => {
    const name = '<script>alert("name")</script>'
    const broker = '<img src=x onerror=alert(1)>'
    expect((await submitPledge({ ...valid, email: 'html@example.org', name, showName: 'on', broker })).status).toBe(302)
    const stored = await handle.db.selectFrom('supporters').innerJoin('pledges', 'pledges.supporter_id', 'supporters.id').select(['supporters.name', 'pledges.broker']).where('email', '=', 'html@example.org').executeTakeFirstOrThrow()
    expect(stored).toEqual({ name, broker })

    const token = await confirmTokenFor('html@example.org')
    expect((await confirmAction({ request: post(`/confirm/${token}`, ''), params: { token }, context: context() })).status).toBe(302)
    const page = await getCampaignPage(handle.db, { slug: live.slug, now: new Date() })
    expect(page!.tally.names).toContain(name)
    const html = renderToString(<TallyPanel tally={page!.tally} closed={false} />)
    expect(html).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;')
    expect(html).not.toContain('<script>')
  })

  test('50 concurrent submissions with one email: the email limit admits exactly 5, making one supporter and one pledge', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => submitPledge({ ...valid, email: 'same@example.org', shares: String(i + 1) }, live.slug, context(`192.0.2.${i}`))),
    )
    const statuses = responses.map((r) => r.status)
    expect(statuses.filter((s) => s === 302)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(45)
    const pledges = await handle.db.selectFrom('pledges').innerJoin('supporters', 'supporters.id', 'pledges.supporter_id').select('pledges.id').where('email', '=', 'same@example.org').execute()
    expect(pledges).toHaveLength(1)
    const created = await handle.db.selectFrom('pledge_events').select('kind').where('pledge_id', '=', pledges[0]!.id).where('kind', '=', 'created').execute()
    expect(created).toHaveLength(1)
  })

  test('the follow form rejects a bad address and accepts a good one', async () => {
    const before = await snapshot()
    const bad = await followAction({ request: post(`/c/${live.slug}/follow`, { email: 'nope' }), params: { slug: live.slug }, context: context() })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as ErrorBody).result.error.email).toEqual(['Enter a valid email address, e.g. name@example.org'])
    expect(await snapshot()).toEqual(before)
    const good = await followAction({ request: post(`/c/${live.slug}/follow`, { email: 'follow@example.org' }), params: { slug: live.slug }, context: context() })
    expect(good.status).toBe(302)
  })
})

async function confirmTokenFor(email: string): Promise<string> {
  await processEmailQueue(handle.db)
  const message = await handle.db.selectFrom('outbox_messages').select('text').where('to_email', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow()
  return message.text.match(/\/confirm\/([\w-]{43})/)![1]!
}

async function manageTokenFor(email: string): Promise<string> {
  await processEmailQueue(handle.db)
  const message = await handle.db.selectFrom('outbox_messages').select('text').where('to_email', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow()
  return message.text.match(/\/me\/([\w-]{43})/)![1]!
}

describe(`email links on ${testDatabaseKind}`, () => {
  test('the confirmation GET only shows a page; the POST confirms; a reused link gets a friendly 410', async () => {
    await submitPledge({ ...valid, email: 'linker@example.org' })
    const token = await confirmTokenFor('linker@example.org')
    const shown = await confirmLoader({ request: new Request(`http://localhost/confirm/${token}`), params: { token }, context: context() })
    expect(await shown.json()).toEqual({ state: 'ready' })
    const supporter = () => handle.db.selectFrom('supporters').select('confirmed_at').where('email', '=', 'linker@example.org').executeTakeFirstOrThrow()
    expect((await supporter()).confirmed_at).toBeNull()

    const confirmed = await confirmAction({ request: post(`/confirm/${token}`, ''), params: { token }, context: context() })
    expect(confirmed.status).toBe(302)
    expect(confirmed.headers.get('location')).toMatch(/^\/me\/[\w-]{43}\?confirmed$/)
    expect((await supporter()).confirmed_at).toBeInstanceOf(Date)

    const reused = await confirmAction({ request: post(`/confirm/${token}`, ''), params: { token }, context: context() })
    expect(reused.status).toBe(410)
    expect(await reused.json()).toEqual({ state: 'used' })
  })

  test('tampered and other-purpose tokens are refused everywhere, and change nothing', async () => {
    await submitPledge({ ...valid, email: 'tamper@example.org' })
    const confirmToken = await confirmTokenFor('tamper@example.org')
    const manageToken = await manageTokenFor('tamper@example.org')
    const before = await snapshot()
    const tampered = `${confirmToken.slice(0, 42)}${confirmToken.endsWith('x') ? 'y' : 'x'}`
    for (const token of [tampered, manageToken, '../../etc/passwd', '']) {
      const response = await confirmAction({ request: post(`/confirm/x`, ''), params: { token }, context: context() })
      expect(response.status).toBe(410)
    }
    const meWithConfirm = await meLoader({ request: new Request('http://localhost/me/x'), params: { token: confirmToken }, context: context() })
    expect(meWithConfirm.status).toBe(410)
    const exportWithConfirm = await exportLoader({ request: new Request('http://localhost/me/x/export.json'), params: { token: confirmToken }, context: context() })
    expect(exportWithConfirm.status).toBe(410)
    const unsubscribeWithManage = await unsubscribeAction({ request: post('/u/x', 'List-Unsubscribe=One-Click'), params: { token: manageToken }, context: context() })
    expect(unsubscribeWithManage.status).toBe(404)
    expect(await snapshot()).toEqual(before)
  })

  test('at /me a supporter changes a pledge; bad shares are refused next to the field', async () => {
    await submitPledge({ ...valid, email: 'owner@example.org', shares: '10' })
    const token = await manageTokenFor('owner@example.org')
    const overview = await (await meLoader({ request: new Request(`http://localhost/me/${token}`), params: { token }, context: context() })).json()
    const pledgeId = overview.overview!.pledges[0]!.id
    const change = { intent: 'change-pledge', pledgeId, intention: 'against', shares: '20', holderType: 'retail', broker: '' }

    const before = await snapshot()
    const bad = await meAction({ request: post(`/me/${token}`, { ...change, shares: '-1' }), params: { token }, context: context() })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as ErrorBody).result.error.shares).toEqual([SHARES_FORMAT_MESSAGE])
    expect(await snapshot()).toEqual(before)

    const good = await meAction({ request: post(`/me/${token}`, change), params: { token }, context: context() })
    expect(await good.json()).toMatchObject({ saved: 3 })
    const row = await handle.db.selectFrom('pledges').select(['intention', 'shares', 'broker']).where('id', '=', pledgeId).executeTakeFirstOrThrow()
    expect(row).toEqual({ intention: 'against', shares: '20', broker: null })

    const foreign = await meAction({ request: post(`/me/${token}`, { ...change, pledgeId: '1' }), params: { token }, context: context() })
    expect(foreign.status).toBe(404)
  })

  test('/me acts only on published campaigns the supporter belongs to: a draft, a stranger’s or an unknown id is a 4xx and changes nothing', async () => {
    await submitPledge({ ...valid, email: 'member@example.org' })
    const token = await manageTokenFor('member@example.org')
    const draft = await createCampaign(handle.db, { status: 'draft', title: 'Unpublished Draft Title' })
    const stranger = await createCampaign(handle.db, { title: 'Someone Else’s Campaign' })
    const before = await snapshot()
    for (const campaignId of [String(draft.id), String(stranger.id), '999999', '2147483647']) {
      for (const intent of ['resubscribe', 'unsubscribe']) {
        const response = await meAction({ request: post(`/me/${token}`, { intent, campaignId }), params: { token }, context: context() })
        expect(response.status, `${intent} ${campaignId}`).toBe(404)
        expect(await response.json()).toEqual({ error: 'That campaign is not one of yours: reload the page and use its buttons.' })
      }
    }
    for (const campaignId of ['99999999999', '1.5', '-1', 'abc', '']) {
      const response = await meAction({ request: post(`/me/${token}`, { intent: 'resubscribe', campaignId }), params: { token }, context: context() })
      expect(response.status, campaignId).toBe(400)
    }
    expect(await snapshot()).toEqual(before)
    const page = await (await meLoader({ request: new Request(`http://localhost/me/${token}`), params: { token }, context: context() })).json()
    expect(JSON.stringify(page)).not.toContain('Unpublished Draft Title')

    // Their own campaign still works both ways.
    for (const intent of ['unsubscribe', 'resubscribe']) {
      const own = await meAction({ request: post(`/me/${token}`, { intent, campaignId: String(live.id) }), params: { token }, context: context() })
      expect(await own.json()).toEqual({ done: intent })
    }
  })

  test('a pledge cannot change once its campaign has closed: /me says so and the tally stays put', async () => {
    const closing = await createCampaign(handle.db)
    await submitPledge({ ...valid, email: 'late@example.org' }, closing.slug)
    const token = await manageTokenFor('late@example.org')
    const confirmToken = await confirmTokenFor('late@example.org')
    await confirmAction({ request: post(`/confirm/${confirmToken}`, ''), params: { token: confirmToken }, context: context() })
    const page = await (await meLoader({ request: new Request(`http://localhost/me/${token}`), params: { token }, context: context() })).json()
    const pledgeId = page.overview!.pledges.find((p: { slug: string }) => p.slug === closing.slug)!.id
    await handle.db.updateTable('campaigns').set({ status: 'closed' }).where('id', '=', closing.id).execute()
    const tally = () => getTally(handle.db, { campaignId: closing.id })

    const before = { rows: await snapshot(), tally: await tally() }
    const response = await meAction({ request: post(`/me/${token}`, { intent: 'change-pledge', pledgeId, intention: 'against', shares: '999', holderType: 'retail', broker: '' }), params: { token }, context: context() })
    expect(response.status).toBe(409)
    expect(await response.json()).toEqual({ error: 'This campaign has closed: its pledges can no longer change.' })
    expect({ rows: await snapshot(), tally: await tally() }).toEqual(before)
  })
})
