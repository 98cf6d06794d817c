import type { AppLoadContext } from '@remix-run/node'
import { createCookie } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DatabaseHandle } from '../../db/client.server'
import { createCampaign } from '../../tests/helpers/fixtures'
import { createTestDatabase, testDatabaseKind } from '../../tests/helpers/test-database'
import { createOrganizer, grantRole } from '../models/organizers.server'
import { requireCampaignRole, sessionCookie } from '../utils/organizer-auth.server'
import { safeRedirectPath } from '../utils/safe-redirect.server'
import { loader as layoutLoader } from './organizer'
import { action as loginAction, loader as loginLoader } from './organizer_.login'
import { action as logoutAction } from './organizer_.logout'
import { action as passwordAction } from './organizer.password'

let handle: DatabaseHandle
let ipCounter = 0
const PASSWORD = 'correct horse battery staple'

beforeAll(async () => {
  handle = await createTestDatabase()
  await createOrganizer(handle.db, { email: 'org@example.org', password: PASSWORD })
})
afterAll(async () => handle?.close())

function context(ip = `198.18.0.${++ipCounter}`): AppLoadContext {
  return { db: handle.db, cspNonce: '', clientIp: ip }
}

function form(path: string, fields: Record<string, string>, cookie?: string) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
  })
}

async function signIn(email = 'org@example.org', password = PASSWORD, ctx = context()) {
  const response = await loginAction({ request: form('/organizer/login', { email, password, redirectTo: '/organizer/c/x' }), params: {}, context: ctx })
  const setCookie = response.headers.get('set-cookie')
  return { response, cookie: setCookie ? setCookie.split(';')[0]! : null, setCookie }
}

async function layoutStatus(cookie: string | null) {
  const request = new Request('http://localhost/organizer', { headers: cookie ? { cookie } : {} })
  return layoutLoader({ request, params: {}, context: context() }).then(
    (r) => r.status,
    (thrown: Response) => thrown.status,
  )
}

describe(`organizer sign-in on ${testDatabaseKind}`, () => {
  test('right credentials give an HttpOnly, SameSite=Lax session cookie and go to redirectTo', async () => {
    const { response, setCookie, cookie } = await signIn()
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/organizer/c/x')
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Lax/)
    expect(await layoutStatus(cookie)).toBe(200)
  })

  test('a wrong password and an unknown address get the same generic message', async () => {
    const wrong = await signIn('org@example.org', 'not the password at all')
    const unknown = await signIn('nobody@example.org', PASSWORD)
    for (const { response, setCookie } of [wrong, unknown]) {
      expect(response.status).toBe(400)
      expect(setCookie).toBeNull()
      const body = (await response.json()) as { result: { error: Record<string, string[]> } }
      expect(body.result.error['']).toEqual(['Email or password is incorrect.'])
    }
  })

  test('without a session every organizer page redirects to sign-in, keeping where it was going', async () => {
    const request = new Request('http://localhost/organizer/c/abc?x=1')
    const thrown = await layoutLoader({ request, params: {}, context: context() }).catch((r: Response) => r)
    expect(thrown.status).toBe(302)
    expect(thrown.headers.get('location')).toBe('/organizer/login?redirectTo=%2Forganizer%2Fc%2Fabc%3Fx%3D1')
  })

  test('a forged or unsigned cookie is no session', async () => {
    expect(await layoutStatus('__quorum_session=forged')).toBe(302)
    const otherSecret = createCookie('__quorum_session', { secrets: ['another-secret-that-is-long-enough-123456'] })
    expect(await layoutStatus((await otherSecret.serialize('abc')).split(';')[0]!)).toBe(302)
  })

  test('redirectTo only ever goes to a same-origin path, read as a browser reads it', () => {
    expect(safeRedirectPath('/organizer/c/x?sort=oldest#top')).toBe('/organizer/c/x?sort=oldest#top')
    expect(safeRedirectPath('/organizer/../organizer/c/x')).toBe('/organizer/c/x')
    const offSite = ['//evil.example/x', 'https://evil.example', '/\\evil.example', '\\\\evil.example', 'javascript:alert(1)', 'evil.example', '', undefined, 42]
    // Browsers drop tabs and line breaks inside URLs: "/\t/evil.example" is "//evil.example".
    const hidden = ['\t', '\n', '\r', '\x0b', '\x0c', '\x00', '\x7f', '\u0085', '\u00a0', '\u2028', '\u3000', ' '].map((c) => `/${c}/evil.example/phish`)
    for (const bad of [...offSite, ...hidden, '/organizer\nSet-Cookie: x=1']) expect(safeRedirectPath(bad), JSON.stringify(bad)).toBe('/organizer')
  })

  test('a signed-in organizer sent to sign-in with a disguised off-site redirectTo stays on Quorum', async () => {
    const { cookie } = await signIn()
    const url = `http://localhost/organizer/login?redirectTo=${encodeURIComponent('/\t/evil.example/phish')}`
    const thrown = await loginLoader({ request: new Request(url, { headers: { cookie: cookie! } }), params: {}, context: context() }).catch((r: Response) => r)
    expect(thrown.status).toBe(302)
    expect(thrown.headers.get('location')).toBe('/organizer')
  })

  test('the sign-in form refuses every disguised redirectTo with a redirect home, never an error', async () => {
    for (const c of ['\t', '\n', '\x0b', '\x0c', '\u3000']) {
      const request = form('/organizer/login', { email: 'org@example.org', password: PASSWORD, redirectTo: `/${c}/evil.example/phish` })
      const response = await loginAction({ request, params: {}, context: context() })
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe('/organizer')
    }
    // A NUL is refused with every form before anything is read: a 400 naming the field, no session.
    const sessions = async () => (await handle.db.selectFrom('organizer_sessions').select('id_hash').execute()).length
    const before = await sessions()
    const request = form('/organizer/login', { email: 'org@example.org', password: PASSWORD, redirectTo: '/\x00/evil.example/phish' })
    const refused = await loginAction({ request, params: {}, context: context() }).catch((thrown: unknown) => thrown as Response)
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ error: 'invalid_characters', field: 'redirectTo' })
    expect(await sessions()).toBe(before)
  })

  test('failures are throttled per account, even across addresses', async () => {
    await createOrganizer(handle.db, { email: 'target@example.org', password: PASSWORD })
    for (let i = 0; i < 8; i++) expect((await signIn('target@example.org', `wrong-${i}-password`)).response.status).toBe(400)
    const blocked = await signIn('target@example.org', PASSWORD) // even the right password waits now
    expect(blocked.response.status).toBe(429)
    expect(Number(blocked.response.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  test('failures are throttled per address', async () => {
    const ctx = context('198.19.9.9')
    for (let i = 0; i < 20; i++) await signIn(`someone-${i}@example.org`, 'wrong password here', ctx)
    expect((await signIn('org@example.org', PASSWORD, ctx)).response.status).toBe(429)
  })

  test('signing out ends the session in the database, not only in the browser', async () => {
    const { cookie } = await signIn()
    const out = await logoutAction({ request: form('/organizer/logout', {}, cookie!), params: {}, context: context() })
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/)
    expect(await layoutStatus(cookie)).toBe(302) // the old cookie, replayed, no longer works
  })

  test('a password change ends every other session', async () => {
    await createOrganizer(handle.db, { email: 'changer@example.org', password: PASSWORD })
    const laptop = await signIn('changer@example.org')
    const phone = await signIn('changer@example.org')
    const wrongCurrent = await passwordAction({ request: form('/organizer/password', { currentPassword: 'nope nope nope', newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' }, laptop.cookie!), params: {}, context: context() })
    expect(wrongCurrent.status).toBe(400)
    const changed = await passwordAction({ request: form('/organizer/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' }, laptop.cookie!), params: {}, context: context() })
    expect(changed.status).toBe(302)
    const fresh = changed.headers.get('set-cookie')!.split(';')[0]!
    expect(await layoutStatus(phone.cookie)).toBe(302)
    expect(await layoutStatus(laptop.cookie)).toBe(302)
    expect(await layoutStatus(fresh)).toBe(200)
    expect((await signIn('changer@example.org', 'a brand new passphrase')).response.status).toBe(302)
  })

  test('an organizer of one campaign gets a 404 for another, and a 403 above their role', async () => {
    const mine = await createCampaign(handle.db)
    const theirs = await createCampaign(handle.db)
    const viewer = await createOrganizer(handle.db, { email: 'viewer@example.org', password: PASSWORD })
    await grantRole(handle.db, { campaignId: mine.id, organizerId: viewer.id, role: 'viewer' })
    const { cookie } = await signIn('viewer@example.org')
    const request = new Request('http://localhost/organizer/c/x', { headers: { cookie: cookie! } })
    await expect(requireCampaignRole(request, context(), mine.slug, 'viewer')).resolves.toMatchObject({ role: 'viewer' })
    await expect(requireCampaignRole(request, context(), mine.slug, 'editor').catch((r: Response) => r.status)).resolves.toBe(403)
    await expect(requireCampaignRole(request, context(), theirs.slug, 'viewer').catch((r: Response) => r.status)).resolves.toBe(404)
  })

  test('the cookie is signed with the first secret and verifies with any (rotation)', async () => {
    const signed = await sessionCookie.serialize('session-id')
    expect(signed).toMatch(/^__quorum_session=/)
    expect(await sessionCookie.parse(signed.split(';')[0]!)).toBe('session-id')
  })
})
