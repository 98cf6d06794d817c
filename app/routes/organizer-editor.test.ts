import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import type { Campaign } from '../../db/schema'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import type { AuditEntryView } from '../components/audit-entry'
import { campaignFormValues } from '../models/campaign-editor.server'
import { acceptInvitation } from '../models/organizer-invitations.server'
import { createOrganizer, createSession, grantRole } from '../models/organizers.server'
import { formatInstantIn } from '../utils/dates'
import { sessionCookie } from '../utils/organizer-auth.server'
import { loader as auditLoader } from './organizer.audit'
import { action as editAction, loader as editLoader } from './organizer.c.$slug.edit'
import { action as organizersAction } from './organizer.c.$slug.organizers'
import { action as newAction } from './organizer.c.new'

// The editor's actions called as Remix calls them: real Requests with a session cookie and a
// form-urlencoded body. Refused input answers with the field's error and the input as typed,
// and changes nothing.

let handle: DatabaseHandle
let campaign: Campaign
const cookies: Record<'owner' | 'editor' | 'viewer' | 'stranger', string> = { owner: '', editor: '', viewer: '', stranger: '' }
const ids: Record<keyof typeof cookies, number> = { owner: 0, editor: 0, viewer: 0, stranger: 0 }

beforeAll(async () => {
  handle = await createTestDatabase()
  campaign = await createCampaign(handle.db, { time_zone: 'America/Los_Angeles', proposal_key: 'route-proposal' })
  for (const who of Object.keys(cookies) as Array<keyof typeof cookies>) {
    const { id } = await createOrganizer(handle.db, { email: `${who}@example.org`, password: 'correct horse battery' })
    ids[who] = id
    if (who !== 'stranger') await grantRole(handle.db, { campaignId: campaign.id, organizerId: id, role: who })
    // The Cookie header carries only name=value of what Set-Cookie would send.
    cookies[who] = (await sessionCookie.serialize(await createSession(handle.db, { organizerId: id }))).split(';')[0]!
  }
})
afterAll(async () => handle?.close())

const context = (): AppLoadContext => ({ db: handle.db, cspNonce: '', clientIp: '127.0.0.1' })

function post(path: string, who: keyof typeof cookies, fields: Record<string, string>) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies[who] },
    body: new URLSearchParams(fields),
  })
}

async function settle(promise: Promise<Response>): Promise<Response> {
  return promise.catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown
    throw thrown
  })
}

const stored = () => handle.db.selectFrom('campaigns').selectAll().where('id', '=', campaign.id).executeTakeFirstOrThrow()
const auditCount = async () => Number((await handle.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)

async function edit(fields: Record<string, string>, who: keyof typeof cookies = 'editor') {
  const current = await stored()
  const body = { ...campaignFormValues(current), intent: 'save', ...fields }
  return settle(editAction({ request: post(`/organizer/c/${campaign.slug}/edit`, who, body), params: { slug: campaign.slug }, context: context() }) as Promise<Response>)
}

async function expectRefused(fields: Record<string, string>, field: string, message: RegExp) {
  const [before, audits] = [await stored(), await auditCount()]
  const response = await edit(fields)
  expect(response.status).toBe(400)
  const body = await response.json()
  expect(body.result.error[field]?.join(' '), `error for ${field}`).toMatch(message)
  // The input comes back as typed (conform leaves out what was left empty).
  expect(body.result.initialValue).toMatchObject(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '')))
  expect(await stored()).toEqual(before)
  expect(await auditCount()).toBe(audits)
}

describe(`the campaign editor's routes on ${testDatabaseKind}`, () => {
  test('refused edits: record date after the deadline, deadline after the meeting, no shares, an unknown time zone', async () => {
    await expectRefused({ recordDate: '2030-05-20' }, 'recordDate', /record date must come before the voting deadline/)
    await expectRefused({ voteDeadline: '2030-05-02T09:00', agmAt: '2030-05-01T09:00' }, 'voteDeadline', /deadline must be before the meeting/)
    await expectRefused({ sharesOutstanding: '0' }, 'sharesOutstanding', /positive whole number/)
    await expectRefused({ sharesOutstanding: '-1' }, 'sharesOutstanding', /positive whole number/)
    await expectRefused({ timeZone: 'Nowhere/Special' }, 'timeZone', /Choose a time zone from the list/)
    await expectRefused({ timeZone: 'EST' }, 'timeZone', /not an abbreviation/)
    await expectRefused({ proxyStatementUrl: 'not a url' }, 'proxyStatementUrl', /full web address/)
    await expectRefused({ company: '' }, 'company', /Enter the company’s name/)
  })

  test('a save stores the wall clock as an instant in the campaign’s zone, bumps updated_at and writes one audit entry', async () => {
    const [before, audits] = [await stored(), await auditCount()]
    const response = await edit({ agmAt: '2030-05-01T09:30', title: 'Edited title', ticker: 'exm' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`/organizer/c/${campaign.slug}/edit?saved=campaign`)
    const after = await stored()
    expect(after.agm_at.toISOString()).toBe('2030-05-01T16:30:00.000Z') // 9:30 a.m. PDT
    expect(after.title).toBe('Edited title')
    expect(after.updated_at > before.updated_at).toBe(true)
    expect(await auditCount()).toBe(audits + 1)
    const entry = await handle.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(entry).toMatchObject({ organizer_id: ids.editor, campaign_id: campaign.id, action: 'campaign.updated' })
    expect(entry.before).toEqual({ title: before.title, agm_at: before.agm_at.toISOString() })
    expect(entry.after).toEqual({ title: 'Edited title', agm_at: '2030-05-01T16:30:00.000Z' })

    // The loader shows the stored instant as the same wall clock.
    const loaded = await editLoader({ request: new Request(`http://localhost/organizer/c/${campaign.slug}/edit`, { headers: { cookie: cookies.editor } }), params: { slug: campaign.slug }, context: context() })
    expect((await loaded.json()).values.agmAt).toBe('2030-05-01T09:30')
  })

  test('a form loaded before someone else saved is refused with a 422, and nothing changes', async () => {
    const [before, audits] = [await stored(), await auditCount()]
    const response = await edit({ title: 'Late edit', version: '2001-01-01T00:00:00.000Z' })
    expect(response.status).toBe(422)
    expect((await response.json()).result.error['']).toEqual([expect.stringMatching(/Someone else saved this campaign after you opened it/)])
    expect(await stored()).toEqual(before)
    expect(await auditCount()).toBe(audits)
  })

  test('preview renders the texts as the public page does, escapes raw HTML and saves nothing', async () => {
    const [before, audits] = [await stored(), await auditCount()]
    const response = await edit({ intent: 'preview', recordDate: 'not a date', resolved: '**Resolved:** do it <script>alert(1)</script>', supportingStatement: 'Reason.[^1]\n\n[^1]: <https://example.org/a>' })
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.preview.resolvedHtml).toContain('<strong>Resolved:</strong> do it &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(body.preview.resolvedHtml).not.toContain('<script>')
    expect(body.preview.supportingHtml).toContain('href="#fn-whereas-1"')
    expect(body.preview.supportingHtml).toContain('<a href="https://example.org/a">https://example.org/a</a>')
    expect(body.result.initialValue.recordDate).toBe('not a date')
    expect(await stored()).toEqual(before)
    expect(await auditCount()).toBe(audits)
  })

  test('viewers may not edit, and organizers of other campaigns learn nothing', async () => {
    expect((await edit({ title: 'x' }, 'viewer')).status).toBe(403)
    expect((await edit({ title: 'x' }, 'stranger')).status).toBe(404)
  })

  test('vote history: saved through the route, refused rows keep their input', async () => {
    const path = `/organizer/c/${campaign.slug}/edit`
    const call = (fields: Record<string, string>) => settle(editAction({ request: post(path, 'editor', { intent: 'votes', ...fields }), params: { slug: campaign.slug }, context: context() }) as Promise<Response>)
    const refused = await call({ 'votes[0].meetingYear': '22', 'votes[0].supportPercent': 'most' })
    expect(refused.status).toBe(400)
    const error = (await refused.json()).result.error
    expect(error['votes[0].meetingYear']).toEqual(['Enter a year from 1900 on'])
    expect(error['votes[0].supportPercent']?.[0]).toMatch(/percentage from 0 to 100/)
    const saved = await call({ 'votes[0].meetingYear': '2029', 'votes[0].supportPercent': '12.5', 'votes[1].meetingYear': '', 'votes[1].supportPercent': '' })
    expect(saved.headers.get('location')).toBe(`${path}?saved=votes#vote-history`)
    expect(await handle.db.selectFrom('proposal_votes').select(['meeting_year', 'support_percent']).where('proposal_key', '=', 'route-proposal').execute()).toEqual([{ meeting_year: 2029, support_percent: '12.50' }])
  })

  test('creating a campaign makes its creator the owner; a taken address is refused next to its field', async () => {
    const stranger = 'stranger' as const
    const fields = { ...campaignFormValues(campaign), slug: 'brand-new-campaign', proposalKey: '', intent: 'save' }
    const created = await settle(newAction({ request: post('/organizer/c/new', stranger, fields), params: {}, context: context() }) as Promise<Response>)
    expect(created.status).toBe(302)
    expect(created.headers.get('location')).toBe('/organizer/c/brand-new-campaign/edit?created')
    const row = await handle.db.selectFrom('campaign_organizers').innerJoin('campaigns', 'campaigns.id', 'campaign_organizers.campaign_id').select(['role', 'proposal_key']).where('slug', '=', 'brand-new-campaign').executeTakeFirstOrThrow()
    expect(row).toEqual({ role: 'owner', proposal_key: 'brand-new-campaign' })
    const audits = await auditCount()
    const taken = await settle(newAction({ request: post('/organizer/c/new', stranger, fields), params: {}, context: context() }) as Promise<Response>)
    expect(taken.status).toBe(422)
    expect((await taken.json()).result.error.slug).toEqual([expect.stringMatching(/Another campaign already uses \/c\/brand-new-campaign/)])
    expect(await auditCount()).toBe(audits)
  })

  test('organizers page: the last owner is refused with a clear message; owners invite and change roles', async () => {
    const path = `/organizer/c/${campaign.slug}/organizers`
    const call = (who: keyof typeof cookies, fields: Record<string, string>) => settle(organizersAction({ request: post(path, who, fields), params: { slug: campaign.slug }, context: context() }) as Promise<Response>)
    const lastOwner = await call('owner', { intent: 'role', organizerId: String(ids.owner), role: 'editor' })
    expect(lastOwner.status).toBe(422)
    expect((await lastOwner.json()).row).toEqual({ organizerId: ids.owner, message: 'A campaign needs at least one owner: make someone else an owner first.' })
    expect((await call('owner', { intent: 'remove', organizerId: String(ids.owner) })).status).toBe(422)
    expect((await call('editor', { intent: 'remove', organizerId: String(ids.viewer) })).status).toBe(403)
    // Inviting says the same for an address with an account and one without.
    const ghost = await call('owner', { intent: 'invite', email: 'ghost@example.org', role: 'editor' })
    expect(ghost.headers.get('location')).toBe(`${path}?done=invited`)
    const invited = await call('owner', { intent: 'invite', email: 'stranger@example.org', role: 'viewer' })
    expect(invited.headers.get('location')).toBe(`${path}?done=invited`)
    const member = await call('owner', { intent: 'invite', email: 'editor@example.org', role: 'viewer' })
    expect(member.status).toBe(422)
    expect((await member.json()).result.error.email?.[0]).toMatch(/already works on this campaign as editor/)
    const [token] = (await handle.db.selectFrom('email_queue').select('payload').where('to_email', '=', 'stranger@example.org').execute()).map((r) => (r.payload as { token: string }).token)
    expect(await acceptInvitation(handle.db, { token: token!, password: 'correct horse battery', clientIp: '127.0.0.2' })).toMatchObject({ ok: true })
    expect((await call('owner', { intent: 'role', organizerId: String(ids.stranger), role: 'owner' })).headers.get('location')).toBe(`${path}?done=role`)
    // Now that there is another owner, the first may step down (and is sent to the editor).
    const stepDown = await call('owner', { intent: 'role', organizerId: String(ids.owner), role: 'editor' })
    expect(stepDown.headers.get('location')).toBe(`/organizer/c/${campaign.slug}/edit`)
  })

  test('the audit log shows readable changes, only of the organizer’s campaigns, and pages by id', async () => {
    const other = await createCampaign(handle.db)
    await handle.db.insertInto('audit_log').values({ organizer_id: ids.stranger, campaign_id: other.id, action: 'campaign.updated', entity_type: 'campaign', entity_id: String(other.id), before: '{"title":"secret"}', after: '{"title":"hidden"}' }).execute()
    type Page = { entries: AuditEntryView[]; paged: boolean }
    const load = async (search = ''): Promise<Page> => (await auditLoader({ request: new Request(`http://localhost/organizer/audit${search}`, { headers: { cookie: cookies.editor } }), params: {}, context: context() })).json()
    const page = await load()
    expect(JSON.stringify(page)).not.toContain('secret')
    const edited = page.entries.find((e) => e.sentence.startsWith('editor@example.org edited the campaign'))!
    expect(edited.sentence).toMatch(/^editor@example\.org edited the campaign (A Test Proposal|Edited title) 2030\.$/)
    // In the campaign's own time zone, not UTC: the time and the changed instants alike.
    const { time_zone: tz } = await handle.db.selectFrom('campaigns').select('time_zone').where('id', '=', campaign.id).executeTakeFirstOrThrow()
    expect(tz).not.toBe('UTC')
    expect(edited.when).toBe(formatInstantIn(new Date(edited.whenIso), tz))
    expect(edited.changes).toEqual([
      { key: 'title', label: 'Title', before: { text: 'A Test Proposal' }, after: { text: 'Edited title' } },
      { key: 'agm_at', label: 'Meeting starts', before: { text: formatInstantIn(new Date('2030-05-01T16:00:00Z'), tz) }, after: { text: formatInstantIn(new Date('2030-05-01T16:30:00Z'), tz) } },
    ])
    const filtered = await load(`?campaign=${campaign.slug}`)
    expect(filtered.entries.every((e) => e.campaign?.slug === campaign.slug)).toBe(true)
    const older = await load(`?before=${page.entries.at(-1)!.id}`)
    expect(older.entries).toEqual([])
    expect(older.paged).toBe(true)
  })
})
