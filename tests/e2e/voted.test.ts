import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import type { ReceivedEmail } from '../fake-resend'
import { expectAccessible, launchChromium, openPage, signIn } from './browser'

// From pledge to ballot: confirmed pledgers get a reminder to vote, each tells the
// campaign "I have voted" from the link in that email (one with JavaScript, one without), and the
// organizer's dashboard counts both.

const baseURL = inject('baseURL')
const resendURL = inject('resendURL')
const SLUG = 'amazon-customer-due-diligence'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

async function emailTo(to: string, subject: RegExp): Promise<ReceivedEmail> {
  for (let i = 0; i < 100; i++) {
    const emails = (await (await fetch(`${resendURL}/__test/emails?to=${encodeURIComponent(to)}`)).json()) as ReceivedEmail[]
    const found = emails.find((e) => subject.test(e.subject))
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no email matching ${subject} for ${to}`)
}

const post = (path: string, body: Record<string, string>) =>
  fetch(`${baseURL}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL }, body: new URLSearchParams(body), redirect: 'manual' })

/** A pledge through the public form, confirmed from its email. */
async function confirmedPledger(email: string) {
  expect((await post(`/c/${SLUG}/pledge`, { intention: 'for', email, shares: '250', holderType: 'retail', broker: 'Fidelity', updates: 'on' })).status).toBe(302)
  const confirm = (await emailTo(email, /^Confirm your pledge/)).text!.match(/\/confirm\/[\w-]+/)![0]
  expect((await post(confirm, {})).status).toBe(302)
}

async function votedOnDashboard(page: Page): Promise<number> {
  await page.goto(`${baseURL}/organizer/c/${SLUG}`)
  const figure = page.locator('dt', { hasText: /^Say they have voted$/ }).locator('xpath=following-sibling::dd[1]')
  return Number((await figure.textContent())!.replace(/,/g, ''))
}

describe('"I voted" in Chromium', () => {
  test('pledgers tell the campaign from the reminder email, with and without JavaScript, and the dashboard counts them', async () => {
    const stamp = Date.now()
    const voters = [
      { email: `e2e-voted-js-${stamp}@example.org`, javaScriptEnabled: true },
      { email: `e2e-voted-nojs-${stamp}@example.org`, javaScriptEnabled: false },
    ]
    for (const voter of voters) await confirmedPledger(voter.email)

    const organizer = await openPage(browser)
    await signIn(organizer.page)
    const before = await votedOnDashboard(organizer.page)

    // The organizer writes a reminder to pledgers who have not voted yet, dated in the past, and
    // sends it now (other tests send the calendar's own reminders).
    const subject = `Have you voted yet? ${stamp}`
    await organizer.page.goto(`${baseURL}/organizer/c/${SLUG}/mail/new`)
    await organizer.page.getByLabel('Subject').fill(subject)
    await organizer.page.getByLabel('Message (markdown)').fill('The deadline is close: vote through your broker today.')
    await organizer.page.getByLabel(/^Send at/).fill('2020-01-01T10:00')
    await organizer.page.getByLabel('Voted').selectOption('no')
    await organizer.page.getByRole('button', { name: 'Save as a draft' }).click()
    const reminder = () => organizer.page.getByRole('region', { name: subject })
    await reminder().getByRole('button', { name: 'Schedule…' }).click()
    await reminder().getByRole('button', { name: /^Send now to \d+ (person|people)$/ }).click()
    await organizer.page.getByText('Update sending now: its figures appear below as it goes.').waitFor()

    mkdirSync('tests/e2e/artifacts', { recursive: true })
    for (const voter of voters) {
      const email = await emailTo(voter.email, new RegExp(`^Have you voted yet\\? ${stamp}$`))
      expect(email.html).toContain('Tell the campaign you have voted')
      const link = email.text!.match(/https?:\/\/\S+\/v\/[\w-]+/)![0]

      const { page, problems, close } = await openPage(browser, { javaScriptEnabled: voter.javaScriptEnabled })
      const response = await page.goto(link)
      expect(response?.status()).toBe(200)
      await page.getByRole('heading', { name: 'Have you voted?' }).waitFor()
      if (voter.javaScriptEnabled) await expectAccessible(page)
      await page.getByRole('button', { name: 'Yes, I have voted' }).click()
      await page.getByRole('heading', { name: 'Your vote is recorded' }).waitFor()
      if (voter.javaScriptEnabled) await expectAccessible(page)
      await page.screenshot({ path: `tests/e2e/artifacts/voted-${voter.javaScriptEnabled ? 'js' : 'nojs'}.png`, fullPage: true })
      expect(problems).toEqual([])
      await close()
    }

    expect(await votedOnDashboard(organizer.page)).toBe(before + 2)
    await organizer.close()
  })
})
