import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createCampaign } from '../../tests/helpers/fixtures'
import { setUpMailWorld } from '../../tests/helpers/mail-world'
import { createAppHandler } from '../../tests/helpers/remix-handler'
import { testDatabaseKind } from '../../tests/helpers/test-database'
import { processEmailQueue } from '../mail/sign-up-queue.server'
import { createOrganizer, createSession, grantRole } from '../models/organizers.server'
import { listOutbox } from '../models/outbox.server'
import { createOutboxTransport } from '../mail/outbox.server'
import { sessionCookie } from '../utils/organizer-auth.server'

// The invitation and password reset pages through the whole app (Remix's handler, as the server
// runs it), with their emails sent through the Resend SDK to the fake Resend server.

const world = setUpMailWorld()
let app: Awaited<ReturnType<typeof createAppHandler>>
beforeAll(async () => {
  app = await createAppHandler(world.db)
})
beforeEach(async () => {
  world.fake.reset()
  await world.db.deleteFrom('rate_limits').execute()
})

const BASE = 'http://localhost'
let ipSequence = 0
const ip = () => `10.9.${++ipSequence}.1`
const get = (path: string, cookie?: string) => app(new Request(`${BASE}${path}`, { headers: cookie ? { cookie } : {} }), { clientIp: ip() })
const post = (path: string, fields: Record<string, string>, options: { cookie?: string; clientIp?: string } = {}) =>
  app(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(options.cookie ? { cookie: options.cookie } : {}) },
      body: new URLSearchParams(fields),
    }),
    { clientIp: options.clientIp ?? ip() },
  )
const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? ''

let sequence = 0
async function owner() {
  const campaign = await createCampaign(world.db)
  const account = await createOrganizer(world.db, { email: `page-owner-${++sequence}@example.org`, password: 'an owner passphrase' })
  await grantRole(world.db, { campaignId: campaign.id, organizerId: account.id, role: 'owner' })
  const cookie = (await sessionCookie.serialize(await createSession(world.db, { organizerId: account.id }))).split(';')[0]!
  return { campaign, account, cookie }
}

async function linkIn(to: string, path: string) {
  await processEmailQueue(world.db, { transport: world.transport() })
  const email = world.fake.emails.find((e) => e.to.includes(to))
  return email?.text?.match(new RegExp(`${path}[A-Za-z0-9_-]{43}`))?.[0] ?? null
}

describe(`organizer accounts by email, the pages, on ${testDatabaseKind}`, () => {
  test('forgot password: the same answer for a known and an unknown address, and the sign-in page links to it', async () => {
    const known = await createOrganizer(world.db, { email: `page-known-${++sequence}@example.org`, password: 'a known passphrase' })
    const answers = await Promise.all([known.email, `page-unknown-${sequence}@example.org`].map((email) => post('/organizer/forgot', { email })))
    expect(answers.map((r) => [r.status, r.headers.get('location')])).toEqual([
      [302, '/organizer/forgot?sent'],
      [302, '/organizer/forgot?sent'],
    ])
    const page = await (await get('/organizer/forgot?sent')).text()
    expect(page).toContain('If an organizer account uses that address, we have sent it a link')
    expect(await (await get('/organizer/login')).text()).toMatch(/<a[^>]+href="\/organizer\/forgot"[^>]*>Forgot your password\?<\/a>/)
  })

  test('a bad address is answered next to its field, and throttling is a 429 with the wait on the page, never a 5xx', async () => {
    const bad = await post('/organizer/forgot', { email: 'not an address' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/<p id="[^"]+-error" class="field-error">Enter a valid email address/)
    const address = `page-throttled-${++sequence}@example.org`
    for (let i = 0; i < 3; i++) expect((await post('/organizer/forgot', { email: address })).status).toBe(302)
    const throttled = await post('/organizer/forgot', { email: address })
    expect(throttled.status).toBe(429)
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await throttled.text()).toMatch(/role="alert">Too many password reset requests in a short time\. Try again in \d+ minutes?\./)
  })

  test('a reset link: the form, a mismatch next to its field, then the new password, every old session ended, and the link spent', async () => {
    const organizer = await createOrganizer(world.db, { email: `page-reset-${++sequence}@example.org`, password: 'the old passphrase' })
    const oldCookie = (await sessionCookie.serialize(await createSession(world.db, { organizerId: organizer.id }))).split(';')[0]!
    expect((await get('/organizer', oldCookie)).status).toBe(200)
    await post('/organizer/forgot', { email: organizer.email })
    const path = (await linkIn(organizer.email, '/organizer/reset/'))!
    expect(path).not.toBeNull()
    expect(await (await get(path)).text()).toContain('Choose a new password')
    const mismatch = await post(path, { newPassword: 'a new passphrase here', confirmPassword: 'another one entirely' })
    expect(mismatch.status).toBe(400)
    expect(await mismatch.text()).toContain('The two new passwords differ')
    const reset = await post(path, { newPassword: 'a new passphrase here', confirmPassword: 'a new passphrase here' })
    expect([reset.status, reset.headers.get('location')]).toEqual([302, '/organizer/login?reset'])
    expect((await get('/organizer', oldCookie)).status).toBe(302)
    expect(await (await get('/organizer/login?reset')).text()).toContain('Your new password is set')
    const signedIn = await post('/organizer/login', { email: organizer.email, password: 'a new passphrase here', redirectTo: '/organizer' })
    expect(signedIn.status).toBe(302)
    const again = await post(path, { newPassword: 'a third passphrase', confirmPassword: 'a third passphrase' })
    expect(again.status).toBe(410)
    expect(await (await get(path)).text()).toContain('This link has been used already.')
  })

  test('an invitation from the organizers page: pending, accepted with a new password, signed in on the campaign; a revoked one says it no longer works', async () => {
    const { campaign, cookie } = await owner()
    const page = `/organizer/c/${campaign.slug}/organizers`
    const invited = await post(page, { intent: 'invite', email: `page-invitee-${sequence}@example.org`, role: 'editor' }, { cookie })
    expect(invited.headers.get('location')).toBe(`${page}?done=invited`)
    const pending = await (await get(`${page}?done=invited`, cookie)).text()
    expect(pending).toContain('Invitation sent.')
    expect(pending).toContain(`page-invitee-${sequence}@example.org`)
    expect(pending).toContain(`aria-label="Revoke the invitation to page-invitee-${sequence}@example.org"`)

    const path = (await linkIn(`page-invitee-${sequence}@example.org`, '/organizer/invite/'))!
    const shown = await (await get(path)).text()
    expect(shown).toContain(`Join ${campaign.title}`)
    expect(shown).toContain('Create my account and join')
    const short = await post(path, { newPassword: 'short', confirmPassword: 'short' })
    expect(short.status).toBe(400)
    expect(await short.text()).toContain('Use at least 12 characters')
    const accepted = await post(path, { name: 'Invitee', newPassword: 'an invitee passphrase', confirmPassword: 'an invitee passphrase' })
    expect([accepted.status, accepted.headers.get('location')]).toEqual([302, `/organizer/c/${campaign.slug}`])
    expect((await get(`/organizer/c/${campaign.slug}`, cookieOf(accepted))).status).toBe(200)
    expect(await (await get(path)).text()).toContain('This invitation has been accepted already.')

    // Revoked before it was used.
    await post(page, { intent: 'invite', email: `page-revoked-${sequence}@example.org`, role: 'viewer' }, { cookie })
    const revokedPath = (await linkIn(`page-revoked-${sequence}@example.org`, '/organizer/invite/'))!
    const { id } = await world.db.selectFrom('organizer_tokens').select('id').where('email', '=', `page-revoked-${sequence}@example.org`).executeTakeFirstOrThrow()
    const revoked = await post(page, { intent: 'revoke', invitationId: id }, { cookie })
    expect(revoked.headers.get('location')).toBe(`${page}?done=revoked`)
    expect(await (await get(revokedPath)).text()).toContain('This invitation no longer works')
    expect((await post(revokedPath, { newPassword: 'an invitee passphrase', confirmPassword: 'an invitee passphrase' })).status).toBe(410)
    expect((await post(page, { intent: 'revoke', invitationId: 'x' }, { cookie })).status).toBe(400)
  })

  test('invitations are throttled on the page with a 429 and the message above the form', async () => {
    const { campaign, cookie } = await owner()
    const page = `/organizer/c/${campaign.slug}/organizers`
    const statuses = []
    for (let i = 0; i < 21; i++) statuses.push((await post(page, { intent: 'invite', email: `page-many-${i}-${sequence}@example.org`, role: 'viewer' }, { cookie, clientIp: '203.0.113.50' })).status)
    expect(statuses.slice(0, 20).every((s) => s === 302)).toBe(true)
    expect(statuses[20]).toBe(429)
    const again = await post(page, { intent: 'invite', email: `page-many-x-${sequence}@example.org`, role: 'viewer' }, { cookie, clientIp: '203.0.113.51' })
    expect(again.status).toBe(429)
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await again.text()).toMatch(/role="alert">Too many invitations in a short time/)
  })

  test('the outbox shows an invitation to the campaign’s owners with its link’s token hidden', async () => {
    const { campaign, account, cookie } = await owner()
    await post(`/organizer/c/${campaign.slug}/organizers`, { intent: 'invite', email: `page-outbox-${sequence}@example.org`, role: 'viewer' }, { cookie })
    await processEmailQueue(world.db, { transport: createOutboxTransport(world.db, { log: false }) })
    const [message] = await listOutbox(world.db, { organizerId: account.id, limit: 5 })
    expect(message?.to_email).toBe(`page-outbox-${sequence}@example.org`)
    expect(message?.text).toMatch(/\/organizer\/invite\/\[hidden\]/)
    expect(message?.text).not.toMatch(/\/organizer\/invite\/[A-Za-z0-9_-]{43}/)
  })
})
