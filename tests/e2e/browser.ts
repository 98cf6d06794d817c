import AxeBuilder from '@axe-core/playwright'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'
import { expect, inject } from 'vitest'
import type { ReceivedEmail } from '../fake-resend'
import { CHROMIUM_PATH } from './chromium'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
  })
}

/** A page that records console errors and CSP violations, so a test can assert there were none. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  return { page, problems, close: () => context.close() }
}

/** axe on the current page: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
  const severe = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(severe, `axe on ${page.url()}`).toEqual([])
}

/** Signs in the organizer that global-setup creates (an owner of the live demo campaign). */
export async function signIn(page: Page) {
  const organizer = inject('organizer')
  await page.goto(`${inject('baseURL')}/organizer/login`)
  await page.getByLabel('Email address').fill(organizer.email)
  await page.getByLabel('Password').fill(organizer.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Your campaigns' }).waitFor()
}

/** Waits (up to ten seconds) for the fake Resend server to have an email for `to` whose subject matches. */
export async function emailTo(to: string, subject: RegExp): Promise<ReceivedEmail> {
  for (let i = 0; i < 100; i++) {
    const emails = (await (await fetch(`${inject('resendURL')}/__test/emails?to=${encodeURIComponent(to)}`)).json()) as ReceivedEmail[]
    const found = emails.find((e) => subject.test(e.subject))
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no email matching ${subject} for ${to}`)
}

/** A form POST as the browser sends it (same origin), answered without following redirects. */
export function postForm(path: string, body: Record<string, string>) {
  const baseURL = inject('baseURL')
  return fetch(`${baseURL}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL }, body: new URLSearchParams(body), redirect: 'manual' })
}
