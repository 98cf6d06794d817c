import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { EMAIL_PREVIEW_CSP } from '../../app/utils/email-preview'
import type { ReceivedEmail } from '../fake-resend'
import { expectAccessible, launchChromium, openPage, signIn } from './browser'

// Every figure right, every send deliberate: the review before a send, the figures after it,
// the preview against the email a subscriber really got, the same words for the same figures
// everywhere, and screenshots of the pages at 1280 and 360 px (tests/e2e/artifacts, not
// committed) to look at.

const baseURL = inject('baseURL')
const resendURL = inject('resendURL')
const organizer = inject('organizer')
const SLUG = 'amazon-customer-due-diligence'
const LIVE = `/c/${SLUG}`
const CLOSED = `/c/${SLUG}-2022`
const ARTIFACTS = 'tests/e2e/artifacts'

let browser: Browser
beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

async function emailsTo(to: string): Promise<ReceivedEmail[]> {
  return (await (await fetch(`${resendURL}/__test/emails?to=${encodeURIComponent(to)}`)).json()) as ReceivedEmail[]
}

async function emailTo(to: string, subject: RegExp): Promise<ReceivedEmail> {
  for (let i = 0; i < 60; i++) {
    const found = (await emailsTo(to)).find((e) => subject.test(e.subject))
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no email matching ${subject} for ${to}`)
}

/** A confirmed subscriber, through the public follow form and the emailed link. */
async function follower(): Promise<string> {
  const email = `e2e-trust-${Date.now()}@example.org`
  const form = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL }, body, redirect: 'manual' as const })
  expect((await fetch(`${baseURL}${LIVE}/follow`, form(`email=${encodeURIComponent(email)}`))).status).toBe(302)
  const confirm = (await emailTo(email, /^Confirm your subscription/)).text!.match(/\/confirm\/[\w-]+/)![0]
  expect((await fetch(`${baseURL}${confirm}`, form(''))).status).toBe(302)
  return email
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true })
}

/** A week ago, as a datetime-local value (any zone's wall clock a week ago is past). */
function weekAgo(): string {
  return new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 16)
}

describe('trust in Chromium', () => {
  test('a past-dated update: review with its audience, nothing sent until "send now", then its figures; the preview is the email', async () => {
    const subscriber = await follower()
    const { page, problems, close } = await openPage(browser, { viewport: { width: 1280, height: 900 } })
    await signIn(page)
    await page.goto(`${baseURL}/organizer/c/${SLUG}/mail`)
    await page.getByRole('button', { name: 'Propose the default schedule' }).click()
    await page.getByRole('status').waitFor()

    // The "how to vote" draft, dated a week ago.
    const region = () => page.getByRole('region', { name: /^How to vote on/ })
    await region().getByText('Edit this update').click()
    await region().getByLabel(/^Send at/).fill(weekAgo())
    await region().getByRole('button', { name: 'Save update' }).click()
    await page.getByText('Update saved.').waitFor()

    await region().getByRole('button', { name: 'Schedule…' }).click()
    const review = region().getByRole('region', { name: /^Review before scheduling/ })
    await review.waitFor()
    const reviewText = (await review.textContent())!
    const audience = Number(reviewText.match(/Goes to([\d,]+) (person|people)/)![1]!.replace(/,/g, ''))
    expect(audience).toBeGreaterThanOrEqual(1)
    expect(reviewText).toMatch(/\(7 days ago; times in America\/Los Angeles\)/)
    expect(reviewText).toContain('Its send time has passed.')
    await expectAccessible(page)
    await page.screenshot({ path: `${ARTIFACTS}/mail-review-1280.png` })

    // Nothing goes while the review waits, even after a reload.
    await new Promise((resolve) => setTimeout(resolve, 2500))
    await page.reload()
    expect((await emailsTo(subscriber)).filter((e) => /^How to vote/.test(e.subject))).toEqual([])
    await region().locator('.badge', { hasText: /^Draft$/ }).waitFor()

    await region().getByRole('button', { name: 'Schedule…' }).click()
    await region().getByRole('button', { name: new RegExp(`^Send now to ${audience.toLocaleString('en-US')} (person|people)$`) }).click()
    await page.getByText('Update sending now: its figures appear below as it goes.').waitFor()
    const received = await emailTo(subscriber, /^How to vote on/)

    // The figures appear, live (with JavaScript the page refreshes them by itself).
    await region().locator('.badge', { hasText: /^Sent$/ }).waitFor({ timeout: 15_000 })
    const figure = (name: string) => region().locator('.update-figures__grid > div', { has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd')
    await expect(figure('Recipients').textContent()).resolves.toBe(audience.toLocaleString('en-US'))
    await expect(figure('Sent').textContent()).resolves.toBe(audience.toLocaleString('en-US'))
    await expect(figure('Failed').textContent()).resolves.toBe('0')
    await expectAccessible(page)
    await shoot(page, 'mail-sent-1280')
    await page.setViewportSize({ width: 360, height: 740 })
    await shoot(page, 'mail-sent-360')

    // The audit log tells it as sentences, in the campaign's time zone.
    await page.goto(`${baseURL}/organizer/audit?campaign=${SLUG}`)
    await page.getByText(new RegExp(`^${organizer.email.replace(/\./g, '\\.')} sent the update “How to vote on Customer Due Diligence” at once; it was dated .* P[SD]T\\.$`)).first().waitFor()
    await shoot(page, 'audit-360')
    await page.goto(`${baseURL}/organizer/c/${SLUG}/mail`)
    const previewHref = (await region().getByRole('link', { name: /Preview/ }).getAttribute('href'))!
    const cookies = await page.context().cookies()
    expect(problems).toEqual([])
    await close()

    // The preview, in a fresh page: one policy, the email's styles applied, no console errors.
    const response = await fetch(`${baseURL}${previewHref}`, { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(EMAIL_PREVIEW_CSP)
    for (const width of [1280, 360]) {
      const preview = await openPage(browser, { viewport: { width, height: 900 } })
      await preview.page.context().addCookies(cookies)
      const violations: string[] = []
      preview.page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()))
      await preview.page.goto(`${baseURL}${previewHref}`)
      const background = await preview.page.evaluate(() => getComputedStyle(document.body).backgroundColor)
      expect(background).toBe('rgb(246, 244, 239)') // the layout's inline style applied
      const previewShot = await preview.page.screenshot({ fullPage: true, path: `${ARTIFACTS}/preview-${width}.png` })

      // The email as the subscriber got it, drawn by the same browser without any policy.
      const inbox = await openPage(browser, { viewport: { width, height: 900 }, javaScriptEnabled: false })
      await inbox.page.setContent(received.html!)
      const receivedShot = await inbox.page.screenshot({ fullPage: true, path: `${ARTIFACTS}/received-${width}.png` })
      expect(Buffer.compare(previewShot, receivedShot), `the preview at ${width} px looks exactly like the email received`).toBe(0)
      expect(violations).toEqual([])
      expect(preview.problems).toEqual([])
      await inbox.close()
      await preview.close()
    }
  })

  test('the same words for the same figures: home card, campaign page and dashboard', async () => {
    const { page, problems, close } = await openPage(browser, { viewport: { width: 1280, height: 900 } })
    await page.goto(baseURL + LIVE)
    const headline = (await page.locator('.tally .tally__headline').textContent())!
    expect(headline).toMatch(/^[\d,]+ (person|people) pledged for · [\d,]+ shares?$/)
    await page.goto(`${baseURL}/`)
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: /Customer Due Diligence \(\d{4} annual meeting\)/ }) })
    await expect(card.first().locator('.campaign-card__headline').textContent()).resolves.toBe(headline)
    await expect(card.last().textContent()).resolves.toContain('40.3% of votes cast were for the proposal at the 2022 meeting (official result)')
    await expect(card.last().textContent()).resolves.toContain('No pledges were recorded on Quorum for this meeting.')
    await shoot(page, 'home-1280')
    await signIn(page)
    await page.goto(`${baseURL}/organizer/c/${SLUG}`)
    await expect(page.locator('.kpi__headline').textContent()).resolves.toBe(headline)
    // The 2023 counts are missing: the tile says so and leads to where they are recorded.
    const missing = page.locator('.kpi', { hasText: 'Share of the 2023 votes cast' })
    await expect(missing.textContent()).resolves.toContain('Only the 2023 percentage (34.18%) is on record, not its votes for and against.')
    await missing.getByRole('link', { name: 'Record the 2023 votes for and against' }).click()
    await page.waitForURL(/\/edit#vote-history$/)
    expect(problems).toEqual([])
    await close()
  })

  test('the closed campaign leads with its result and speaks in the past; its pages at 1280 and 360 px', async () => {
    const { page, problems, close } = await openPage(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false })
    await page.goto(baseURL + CLOSED)
    const result = page.getByRole('region', { name: 'The 2022 result' })
    await expect(result.textContent()).resolves.toContain('40.3% of votes cast were for the proposal')
    await expect(result.textContent()).resolves.toContain('The annual meeting voted on Wednesday, May 25, 2022.')
    // It comes before the proposal's text.
    const [resultTop, proposalTop] = await Promise.all([result.boundingBox(), page.locator('.proposal').boundingBox()])
    expect(resultTop!.y).toBeLessThan(proposalTop!.y)
    await expect(page.getByRole('region', { name: 'Pledged on Quorum' }).textContent()).resolves.toContain('No pledges were recorded on Quorum for this meeting.')
    await expect(page.getByRole('region', { name: 'Vote history' }).textContent()).resolves.toContain('The 2022 vote was the proposal’s first.')
    await shoot(page, 'closed-1280')
    await page.setViewportSize({ width: 360, height: 740 })
    await shoot(page, 'closed-360')
    await page.goto(`${baseURL}${CLOSED}/vote`)
    const guide = (await page.locator('main').textContent())!
    expect(guide).toContain('The annual meeting took place on Wednesday, May 25, 2022')
    expect(guide).not.toContain('The annual meeting is on')
    expect(problems).toEqual([])
    await close()
  })

  test('form controls: one id per element, optional boxes not required, every typed control styled alike', async () => {
    const { page, close } = await openPage(browser, { viewport: { width: 1280, height: 900 } })
    await page.goto(`${baseURL}${LIVE}/pledge`)
    const duplicates = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id)
      return ids.filter((id, i) => ids.indexOf(id) !== i)
    })
    expect(duplicates).toEqual([])
    const radios = await page.getByRole('radio').evaluateAll((inputs) => inputs.map((i) => i.id))
    expect(new Set(radios).size).toBe(4)
    for (const label of ['I have already voted', /^Show my name publicly/, /^Email me updates/]) {
      await expect(page.getByRole('checkbox', { name: label }).getAttribute('required')).resolves.toBeNull()
    }
    const look = (selector: string) =>
      page.locator(selector).first().evaluate((e) => {
        const style = getComputedStyle(e)
        return [style.borderTopWidth, style.borderTopColor, style.borderRadius, style.paddingLeft, style.backgroundColor].join(' ')
      })
    const email = await look('input[type="email"]')
    await page.goto(`${baseURL}/organizer/login`)
    await expect(look('input[type="password"]')).resolves.toBe(email)
    await signIn(page)
    await page.goto(`${baseURL}/organizer/c/${SLUG}/mail`)
    await page.getByText('Edit this update').first().click()
    await expect(look('input[type="datetime-local"]')).resolves.toBe(email)
    await expect(look('.update__edit textarea')).resolves.toBe(email)
    // The Preview link sits in line with the buttons beside it.
    const row = page.locator('.update__actions').first()
    const [preview, test] = await Promise.all([row.getByRole('link', { name: /Preview/ }).boundingBox(), row.getByRole('button', { name: 'Send me a test' }).boundingBox()])
    expect(preview!.y).toBe(test!.y)
    expect(preview!.height).toBe(test!.height)
    await close()
  })

  test('on a phone, the pledge form is one tap away wherever one reads (without JavaScript)', async () => {
    const { page, close } = await openPage(browser, { viewport: { width: 360, height: 740 }, javaScriptEnabled: false })
    await page.goto(baseURL + LIVE)
    await shoot(page, 'campaign-360')
    const formTop = (await page.locator('#pledge-panel').boundingBox())!.y
    expect(formTop).toBeGreaterThan(2000) // the whole proposal comes first
    await page.mouse.wheel(0, 1500)
    await page.waitForTimeout(200)
    const bar = page.locator('.pledge-cta').getByRole('link', { name: 'Pledge your vote' })
    const box = (await bar.boundingBox())! // relative to the screen
    expect(box.y).toBeGreaterThan(600) // at the bottom of the screen
    expect(box.y + box.height).toBeLessThanOrEqual(740)
    await bar.click()
    expect(new URL(page.url()).hash).toBe('#pledge-panel')
    let top = Number.POSITIVE_INFINITY
    for (let i = 0; i < 40 && Math.abs(top) > 5; i++) {
      await page.waitForTimeout(100) // the jump may be animated
      top = (await page.locator('#pledge-panel').boundingBox())!.y
    }
    expect(Math.abs(top)).toBeLessThanOrEqual(5) // the form is at the top of the screen
    await expect(page.getByRole('heading', { name: 'Pledge your vote', level: 2 }).isVisible()).resolves.toBe(true)
    await close()
  })
})
