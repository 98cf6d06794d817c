import { mkdirSync, readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import type { ReceivedEmail } from '../fake-resend'
import { expectAccessible, launchChromium, openPage } from './browser'

const baseURL = inject('baseURL')
const resendURL = inject('resendURL')
const organizer = inject('organizer')
const SLUG = 'amazon-customer-due-diligence'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

async function signIn(page: Page) {
  await page.goto(`${baseURL}/organizer`)
  expect(new URL(page.url()).pathname).toBe('/organizer/login')
  await page.getByLabel('Email address').fill(organizer.email)
  await page.getByLabel('Password').fill(organizer.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Your campaigns' }).waitFor()
}

async function emailTo(to: string, subject: RegExp): Promise<ReceivedEmail> {
  for (let i = 0; i < 60; i++) {
    const emails = (await (await fetch(`${resendURL}/__test/emails?to=${encodeURIComponent(to)}`)).json()) as ReceivedEmail[]
    const found = emails.find((e) => subject.test(e.subject))
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no email matching ${subject} for ${to}`)
}

describe('the organizer area in Chromium', () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`sign in, dashboard, filter, export, edit a date, see it in the audit log (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { page, problems, close } = await openPage(browser, { javaScriptEnabled, acceptDownloads: true })
      await signIn(page)
      if (javaScriptEnabled) await expectAccessible(page)

      await page.getByRole('link', { name: 'Customer Due Diligence' }).first().click()
      await page.getByRole('img', { name: /./ }).first().waitFor() // the support-over-time chart, drawn on the server
      expect(new URL(page.url()).pathname).toBe(`/organizer/c/${SLUG}`)
      if (javaScriptEnabled) await expectAccessible(page)

      await page.getByRole('link', { name: 'Pledges', exact: true }).click()
      await page.getByRole('search', { name: 'Filter pledges' }).getByLabel('Intention').selectOption('against')
      await page.getByRole('button', { name: 'Show pledges' }).click()
      await page.waitForURL(/intention=against/)
      const intentions = await page.locator('table tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''))
      expect(intentions.length).toBeGreaterThan(0)
      for (const row of intentions) expect(row.toLowerCase()).toContain('against')
      if (javaScriptEnabled) await expectAccessible(page)

      const download = page.waitForEvent('download')
      await page.getByRole('link', { name: 'Pledges CSV' }).click()
      const csv = readFileSync((await (await download).path())!, 'utf8')
      const lines = csv.trim().split(/\r?\n/)
      expect(lines.length).toBeGreaterThan(100)
      expect(lines.slice(1).every((line) => !/^[=+\-@]/.test(line) && !/,[=+\-@]/.test(line))).toBe(true)

      await page.goto(`${baseURL}/organizer/c/${SLUG}/edit`)
      const deadline = page.getByLabel('Broker voting deadline')
      const before = await deadline.inputValue()
      const after = `${before.slice(0, 11)}${javaScriptEnabled ? '20:30' : '20:45'}`
      await deadline.fill(after)
      const publicPage = async () => (await fetch(`${baseURL}/c/${SLUG}/vote`)).text()
      const newTime = javaScriptEnabled ? '8:30 p.m.' : '8:45 p.m.'
      expect(await publicPage()).not.toContain(newTime) // and now the page is shared
      await page.getByRole('button', { name: 'Save changes' }).click()
      await page.waitForLoadState('networkidle')
      // The shared public page shows the edit on the next request.
      expect(await publicPage()).toContain(newTime)
      if (javaScriptEnabled) await expectAccessible(page)

      await page.goto(`${baseURL}/organizer/audit?campaign=${SLUG}`)
      const entry = page.locator('.audit-entry').filter({ hasText: 'Edited the campaign' }).first()
      await expect(entry.textContent()).resolves.toContain('Broker voting deadline')
      await expect(entry.textContent()).resolves.toContain(organizer.email)
      if (javaScriptEnabled) await expectAccessible(page)
      expect(problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([])
      await close()
    })
  }

  for (const javaScriptEnabled of [true, false]) {
    test(`a campaign that is not there: a 404 that keeps the organizer's navigation and says why (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { page, close } = await openPage(browser, { javaScriptEnabled })
      await signIn(page)
      const response = await page.goto(`${baseURL}/organizer/c/no-such-campaign`)
      expect(response?.status()).toBe(404)
      await page.getByRole('heading', { name: 'Not found' }).waitFor()
      expect(await page.getByText(/no campaign at this address that you work on/).count()).toBe(1)
      const nav = page.getByRole('navigation', { name: 'Organizer' })
      expect(await nav.getByRole('link', { name: /Customer Due Diligence/ }).count()).toBeGreaterThan(0)
      if (javaScriptEnabled) await expectAccessible(page)
      await nav.getByRole('link', { name: /Customer Due Diligence/ }).first().click()
      await page.waitForURL(new RegExp(`/organizer/c/${SLUG}$`))
      await close()
    })
  }

  for (const javaScriptEnabled of [true, false]) {
    test(`write a one-off update to a segment: errors next to their fields, then a draft that says who it goes to (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { page, problems, close } = await openPage(browser, { javaScriptEnabled })
      await signIn(page)
      await page.goto(`${baseURL}/organizer/c/${SLUG}/mail`)
      await page.getByRole('link', { name: 'Write an update' }).click()
      await page.getByRole('heading', { name: /write an update$/ }).waitFor()
      if (javaScriptEnabled) await expectAccessible(page)
      const subject = `Fidelity holders who have not voted (${javaScriptEnabled ? 'js' : 'no js'})`
      await page.getByLabel('Subject').fill(subject)
      await page.getByRole('button', { name: 'Save as a draft' }).click()
      await page.getByText('Write the update').waitFor()
      expect(await page.getByLabel('Message (markdown)').getAttribute('aria-invalid')).toBe('true')
      await page.getByLabel('Message (markdown)').fill('Fidelity: open **Accounts & Trade → Proxy votes**.')
      await page.getByLabel('Intention').selectOption('for')
      await page.getByLabel('Voted').selectOption('no')
      await page.getByLabel('Broker').fill('Fidelity')
      mkdirSync('tests/e2e/artifacts', { recursive: true })
      await page.screenshot({ path: `tests/e2e/artifacts/compose-update-${javaScriptEnabled ? 'js' : 'nojs'}.png`, fullPage: true })
      await page.getByRole('button', { name: 'Save as a draft' }).click()
      const card = page.getByRole('region', { name: subject })
      await card.getByText('Only confirmed pledgers who pledged for, have not voted yet, hold through Fidelity').waitFor()
      if (javaScriptEnabled) await expectAccessible(page)
      expect(problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([])
      await close()
    })
  }

  test('on a 360 px phone no organizer page scrolls sideways: wide tables scroll inside their frame, addresses wrap', async () => {
    const { page, close } = await openPage(browser, { viewport: { width: 360, height: 740 } })
    await signIn(page)
    for (const path of ['', '/pledges', '/holders', '/projection', '/mail', '/mail/new', '/edit', '/brokers', '/translations', '/organizers', '/connect', '/webhooks', '/imports', '/fund-votes']) {
      await page.goto(`${baseURL}/organizer/c/${SLUG}${path}`)
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path || 'dashboard'} is wider than the screen`).toBeLessThanOrEqual(360)
    }
    await close()
  })

  test('email controls: propose, preview, test send, schedule, progress, pause and resume', async () => {
    // A confirmed subscriber, through the public follow form and the emailed link.
    const follower = `e2e-follower-${Date.now()}@example.org`
    const form = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL }, body, redirect: 'manual' as const })
    expect((await fetch(`${baseURL}/c/${SLUG}/follow`, form(`email=${encodeURIComponent(follower)}`))).status).toBe(302)
    const confirm = (await emailTo(follower, /^Confirm your subscription/)).text!.match(/\/confirm\/[\w-]+/)![0]
    expect((await fetch(`${baseURL}${confirm}`, form(''))).status).toBe(302)

    const { page, problems, close } = await openPage(browser)
    await signIn(page)
    await page.goto(`${baseURL}/organizer/c/${SLUG}/mail`)
    await page.getByRole('button', { name: 'Propose the default schedule' }).click()
    // Another test may have proposed the schedule first.
    await page.getByText(/^(5 update\(s\) proposed from the calendar, as drafts: nothing is scheduled yet\.|Every update of the default schedule is already here\.)$/).waitFor()
    await expectAccessible(page)

    const materials = page.getByRole('region', { name: /proxy materials are out/ })
    // The editor says where an update's images may come from (nothing else leaves as an image).
    await materials.getByText('Edit this update').click()
    await materials.getByText(/any other image is sent as its description/).waitFor()
    await expectAccessible(page)
    mkdirSync('tests/e2e/artifacts', { recursive: true })
    await page.screenshot({ path: 'tests/e2e/artifacts/mail-editor-images.png', fullPage: true })
    await materials.getByText('Edit this update').click()
    const previewHref = await materials.getByRole('link', { name: /Preview/ }).getAttribute('href')
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
    const preview = await fetch(`${baseURL}${previewHref}`, { headers: { cookie } })
    expect(preview.status).toBe(200)
    expect(await preview.text()).toContain('This is not a solicitation of authority to vote your proxy.')

    await materials.getByRole('button', { name: 'Send me a test' }).click()
    await page.getByText(`A test was sent to ${organizer.email}.`).waitFor()
    await emailTo(organizer.email, /^\[Test\] The proxy materials are out/)

    // Due already (a week after the record date): scheduling it asks first, then sends it now.
    await page.getByRole('region', { name: /proxy materials are out/ }).getByRole('button', { name: 'Schedule…' }).click()
    await page.getByRole('region', { name: /proxy materials are out/ }).getByRole('button', { name: /^Send now to \d+ (person|people)$/ }).click()
    await page.getByText('Update sending now: its figures appear below as it goes.').waitFor()
    const received = await emailTo(follower, /^The proxy materials are out/)
    expect(received.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
    const figure = (name: string) => page.getByRole('region', { name: /proxy materials are out/ }).locator('.update-figures__grid > div', { has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd')
    // The figures appear once it has gone to everyone (other tests' followers may be among them).
    for (let i = 0; i < 20 && !(await page.getByRole('region', { name: /proxy materials are out/ }).locator('.badge', { hasText: /^Sent$/ }).count()); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      await page.reload()
    }
    const recipients = await figure('Recipients').textContent()
    expect(Number(recipients)).toBeGreaterThanOrEqual(1)
    await expect(figure('Sent').textContent()).resolves.toBe(recipients)

    const weekBefore = page.getByRole('region', { name: /One week left/ })
    await weekBefore.getByRole('button', { name: 'Schedule…' }).click()
    await page.getByRole('region', { name: /One week left/ }).getByRole('button', { name: /^Schedule for / }).click()
    await page.getByText('Update scheduled.').waitFor()
    await page.getByRole('region', { name: /One week left/ }).getByRole('button', { name: 'Pause' }).click()
    await page.getByText('Update paused.').waitFor()
    await page.getByRole('region', { name: /One week left/ }).getByRole('button', { name: 'Resume…' }).click()
    await page.getByRole('region', { name: /One week left/ }).getByRole('button', { name: /^Resume for / }).click()
    await page.getByText('Update resumed.').waitFor()
    await page.getByRole('region', { name: /One week left/ }).locator('.badge', { hasText: /^Scheduled$/ }).waitFor({ timeout: 5000 })
    expect(problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([])
    await close()
  })
})
