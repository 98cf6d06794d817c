import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { basePledge, createCampaign } from '../../tests/helpers/fixtures'
import { createAppHandler } from '../../tests/helpers/remix-handler'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { renderUpdate } from '../mail/update-emails.server'
import { createOrganizer, createSession, grantRole } from '../models/organizers.server'
import { recordPledge } from '../models/pledges.server'
import { confirmByToken } from '../models/supporters.server'
import { sessionCookie } from '../utils/organizer-auth.server'

// Broker guides through the whole app, as a browser asks for them: the public guide beside the
// campaign's deadline, the links to it from the voting guide, /me and the reminders, and the
// organizer's editor with its refusals, its audit entry and its roles.

let handle: DatabaseHandle
let app: Awaited<ReturnType<typeof createAppHandler>>
let live: Campaign
let closed: Campaign
let draft: Campaign
let manageToken = ''
const cookies: Record<'editor' | 'viewer', string> = { editor: '', viewer: '' }

beforeAll(async () => {
  handle = await createTestDatabase()
  app = await createAppHandler(handle.db)
  // Voting closes 11:59 p.m. Eastern on April 30, 2030 (03:59 UTC the next day).
  live = await createCampaign(handle.db, { proxy_item: '6', title: 'Customer Due Diligence' })
  closed = await createCampaign(handle.db)
  draft = await createCampaign(handle.db, { status: 'draft' })
  const pledger = { ...basePledge, email: 'pledger@example.org' }
  const first = await recordPledge(handle.db, { campaign: live, pledge: { ...pledger, broker: 'schwab' }, formVersion: 'test' })
  await recordPledge(handle.db, { campaign: closed, pledge: { ...pledger, broker: 'Fidelity' }, formVersion: 'test' })
  await handle.db.updateTable('campaigns').set({ status: 'closed' }).where('id', '=', closed.id).execute()
  const confirmed = await confirmByToken(handle.db, { token: first.links.confirmToken! })
  if (!confirmed.ok) throw new Error('confirmation failed')
  manageToken = confirmed.manageToken
  for (const role of ['editor', 'viewer'] as const) {
    const organizer = await createOrganizer(handle.db, { email: `${role}@example.org`, password: 'a long enough password' })
    await grantRole(handle.db, { campaignId: live.id, organizerId: organizer.id, role })
    cookies[role] = (await sessionCookie.serialize(await createSession(handle.db, { organizerId: organizer.id }))).split(';')[0]!
  }
})
afterAll(async () => handle?.close())

const get = (path: string, cookie?: string) => app(new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} }))
const post = (path: string, cookie: string, fields: Record<string, string>) =>
  app(new Request(`http://localhost${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) }))
/** The page's text, tags removed and entities of quotes and ampersands read. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replaceAll('&amp;', '&').replaceAll('&#x27;', "'").replaceAll('&quot;', '"').replace(/\s+/g, ' ').replace(/ ([,.:;])/g, '$1')
/** React's markup without the comments it puts between adjacent texts. */
const markup = async (response: Response) => (await response.text()).replaceAll('<!-- -->', '')
/** The text of the link to `href`, or null. */
const linkText = (html: string, href: string) => html.match(new RegExp(`<a [^>]*href="${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>([^<]*)</a>`))?.[1] ?? null
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!)

describe(`broker guides in the app on ${testDatabaseKind}`, () => {
  test('a broker’s guide shows the campaign’s deadline in its time zone beside the broker’s cut-off, and its steps', async () => {
    const response = await get(`/c/${live.slug}/vote/fidelity`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toMatch(/^public/)
    const html = await markup(response)
    const text = textOf(html)
    expect(text).toContain('How to vote with Fidelity')
    expect(html).toContain('<time dateTime="2030-05-01T03:59:00.000Z">11:59 p.m. EDT, Tuesday, April 30, 2030</time>')
    expect(text).toMatch(/Fidelity’s own cut-off: Votes through ProxyVote\.com usually close at 11:59 p\.m\. Eastern Time the day before the meeting/)
    // The markdown steps, rendered: a numbered list with its bold lead-ins.
    expect(html).toMatch(/<ol>\s*<li><strong>Find the message about the vote\.<\/strong>/)
    expect(text).toContain('On the ballot, find Item 6, Customer Due Diligence, and mark your choice.')
    expect(hrefs(html)).toEqual(expect.arrayContaining([`/c/${live.slug}/vote`, `/c/${live.slug}/vote/charles-schwab`, `/c/${live.slug}/vote/other`]))
    expect(hrefs(html)).not.toContain(`/c/${live.slug}/vote/fidelity`)
  })

  test('the generic guide speaks of any broker; an unknown guide, campaign or a draft is a 404', async () => {
    const generic = await get(`/c/${live.slug}/vote/other`)
    expect(generic.status).toBe(200)
    expect(textOf(await generic.text())).toMatch(/How to vote through your broker or bank.*Your broker’s own cut-off:/)
    for (const path of [`/c/${live.slug}/vote/no-such-broker`, `/c/${live.slug}/vote/Fidelity`, `/c/no-such-campaign/vote/fidelity`, `/c/${draft.slug}/vote/fidelity`]) {
      expect((await get(path)).status, path).toBe(404)
    }
  })

  test('the voting guide lists every broker’s guide under #brokers', async () => {
    const html = await (await get(`/c/${live.slug}/vote`)).text()
    const section = html.slice(html.indexOf('id="brokers"'))
    expect(section.length).toBeLessThan(html.length)
    expect(hrefs(section).filter((h) => h.startsWith(`/c/${live.slug}/vote/`))).toHaveLength(12)
    expect(textOf(section)).toMatch(/Fidelity Charles Schwab Vanguard Robinhood E\*TRADE Interactive Brokers Merrill J\.P\. Morgan SoFi Public Webull Any other broker or bank/)
  })

  test('/me links each live pledge to the guide of the broker it names', async () => {
    const html = await markup(await get(`/me/${manageToken}?confirmed`))
    expect(textOf(html)).toContain('Your broker’s step-by-step voting guide is linked below.')
    expect(linkText(html, `/c/${live.slug}/vote/charles-schwab`)).toBe('Your broker’s guide: Charles Schwab')
    // The closed campaign's pledge has no vote left to cast.
    expect(hrefs(html).filter((h) => h.startsWith(`/c/${closed.slug}/vote/`))).toEqual([])

    await handle.db.updateTable('pledges').set({ broker: 'Credit Union of Springfield' }).where('campaign_id', '=', live.id).execute()
    const generic = await markup(await get(`/me/${manageToken}`))
    expect(linkText(generic, `/c/${live.slug}/vote/other`)).toBe('How to vote through your broker or bank, step by step')
  })

  test('every reminder links to the guides; the other updates do not', async () => {
    const links = async (kind: 'how_to_vote' | 'deadline_week' | 'deadline_tomorrow' | 'custom' | 'materials_out' | 'results') => {
      const rendered = await renderUpdate(live, { id: 1, kind, subject: 'Subject', body: 'Body', updated_at: new Date(), public_figures: null })
      return { html: rendered.html.includes(`/c/${live.slug}/vote#brokers`), text: rendered.text.includes(`/c/${live.slug}/vote#brokers`) }
    }
    for (const kind of ['how_to_vote', 'deadline_week', 'deadline_tomorrow', 'custom'] as const) expect(await links(kind), kind).toEqual({ html: true, text: true })
    for (const kind of ['materials_out', 'results'] as const) expect(await links(kind), kind).toEqual({ html: false, text: false })
  })
})

describe(`the broker guide editor on ${testDatabaseKind}`, () => {
  const page = () => `/organizer/c/${live.slug}/brokers/robinhood`
  const audits = async () => handle.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'broker_guide').execute()

  test('editors see the list and the form; viewers are refused both, and saving', async () => {
    const list = await get(`/organizer/c/${live.slug}/brokers`, cookies.editor)
    expect(list.status).toBe(200)
    expect(textOf(await list.text())).toMatch(/Robinhood Robin Hood, Robinhood Financial, Robinhood Markets, robinhood\.com Quorum’s/)
    const form = await get(page(), cookies.editor)
    expect(form.status).toBe(200)
    expect(await form.text()).toMatch(/<textarea[^>]*name="steps"[^>]*>1\. \*\*Find the message about the vote/)
    expect((await get(`/organizer/c/${live.slug}/brokers/no-such-broker`, cookies.editor)).status).toBe(404)

    expect((await get(`/organizer/c/${live.slug}/brokers`, cookies.viewer)).status).toBe(403)
    expect((await get(page(), cookies.viewer)).status).toBe(403)
    const refused = await post(page(), cookies.viewer, { intent: 'save', name: 'Robinhood', cutoffNote: 'Any time', steps: 'Vote.' })
    expect(refused.status).toBe(403)
    expect(await audits()).toEqual([])
  })

  test('refused input comes back with each message under its field, and nothing is saved', async () => {
    const response = await post(page(), cookies.editor, { intent: 'save', name: '', aliases: 'Robin Hood\nSchwab', cutoffNote: 'x'.repeat(1001), steps: 'Vote.' })
    expect(response.status).toBe(400)
    const html = await response.text()
    for (const [field, message] of [
      ['name', 'Enter the broker’s name as supporters know it, e.g. Charles Schwab'],
      ['cutoffNote', 'Keep the cut-off note to 1,000 characters or fewer'],
    ] as const) {
      const control = html.match(new RegExp(`<(?:input|textarea)[^>]*name="${field}"[^>]*>`))![0]
      expect(control, field).toContain('aria-invalid="true"')
      const errorId = control.match(/aria-describedby="([^" ]+)/)![1]!
      expect(html, field).toContain(`<p id="${errorId}" class="field-error">${message}</p>`)
    }
    // What was typed stays in the form.
    expect(html).toContain('Robin Hood\nSchwab</textarea>')
    expect(await audits()).toEqual([])

    // A name that leads to another guide is the model's refusal, under its field too.
    const values = { intent: 'save', name: 'Robinhood', aliases: 'Robin Hood\nSchwab', cutoffNote: 'Until the day before.', steps: 'Vote in the app.' }
    const taken = await post(page(), cookies.editor, values)
    expect(taken.status).toBe(422)
    expect(textOf(await taken.text())).toContain('“Schwab” already leads to the Charles Schwab guide: keep each name in one guide only')
    expect(await audits()).toEqual([])
  })

  test('a save is audited and shows on the campaign’s guide page; restoring brings Quorum’s text back', async () => {
    const saved = await post(page(), cookies.editor, { intent: 'save', name: 'Robinhood', aliases: 'Robin Hood', cutoffNote: 'Robinhood closes voting in the app two days before the meeting.', steps: '1. Open the **Robinhood** app.\n2. Tap the vote <script>alert(1)</script>.' })
    expect(saved.status).toBe(302)
    expect(saved.headers.get('location')).toBe(`${page()}?done=saved`)
    const [entry] = await audits()
    expect(entry).toMatchObject({ action: 'broker_guide.updated', campaign_id: live.id, entity_id: 'robinhood' })

    const guide = await (await get(`/c/${live.slug}/vote/robinhood`)).text()
    expect(textOf(guide)).toContain('Robinhood’s own cut-off: Robinhood closes voting in the app two days before the meeting.')
    expect(guide).toContain('<li>Open the <strong>Robinhood</strong> app.</li>')
    // Raw HTML in the steps is text, never markup.
    expect(guide).toContain('Tap the vote &lt;script&gt;alert(1)&lt;/script&gt;.')

    const log = textOf(await (await get(`/organizer/audit?campaign=${live.slug}`, cookies.editor)).text())
    expect(log).toContain('editor@example.org edited the broker guide “Robinhood” of the campaign')

    const restored = await post(page(), cookies.editor, { intent: 'restore' })
    expect(restored.headers.get('location')).toBe(`${page()}?done=restored`)
    expect(textOf(await (await get(`/c/${live.slug}/vote/robinhood`)).text())).toContain('Robinhood can close voting in its app before ProxyVote’s usual cut-off')
    expect((await audits()).map((a) => a.action)).toEqual(['broker_guide.updated', 'broker_guide.restored'])
  })
})
