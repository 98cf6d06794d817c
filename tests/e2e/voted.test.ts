import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { emailTo, expectAccessible, launchChromium, openPage, postForm, signIn } from './browser'

// From pledge to ballot: pledgers confirm and are offered their link to share (which unfurls with
// the campaign's image); they get a reminder to vote, each tells the
// campaign "I have voted" from the link in that email (one with JavaScript, one without), and the
// organizer's dashboard counts both.

const baseURL = inject('baseURL')
const SLUG = 'amazon-customer-due-diligence'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

/** A pledge through the public form, confirmed from its email in the browser: the pledger lands on their page, which offers sharing. */
async function confirmedPledger(browser: Browser, voter: { email: string; javaScriptEnabled: boolean }) {
  expect((await postForm(`/c/${SLUG}/pledge`, { intention: 'for', email: voter.email, shares: '250', holderType: 'retail', broker: 'Fidelity', updates: 'on' })).status).toBe(302)
  const confirm = (await emailTo(voter.email, /^Confirm your pledge/)).text!.match(/\/confirm\/[\w-]+/)![0]
  const { page, problems, close } = await openPage(browser, { javaScriptEnabled: voter.javaScriptEnabled })
  await page.goto(`${baseURL}${confirm}`)
  await page.getByRole('button', { name: 'Confirm my email address' }).click()
  await page.getByText('Thank you: your address is confirmed.').waitFor()
  await page.getByRole('heading', { name: 'Ask other shareholders to pledge' }).waitFor()
  const shared = await page.getByLabel('Your link to the campaign').inputValue()
  expect(shared).toMatch(new RegExp(`/c/${SLUG}\\?ref=ref-[\\w-]{12}$`))
  expect(await page.getByRole('link', { name: /^Bluesky/ }).getAttribute('href')).toContain(encodeURIComponent(shared))
  if (voter.javaScriptEnabled) await expectAccessible(page)

  // The shared link unfurls with the campaign's image: a 1200 × 630 PNG.
  await page.goto(shared)
  const image = await page.locator('meta[property="og:image"]').getAttribute('content')
  const png = Buffer.from(await (await fetch(image!)).arrayBuffer())
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630])
  expect(problems).toEqual([])
  await close()
}

async function votedOnDashboard(page: Page): Promise<number> {
  await page.goto(`${baseURL}/organizer/c/${SLUG}`)
  const figure = page.locator('dt', { hasText: /^Say they have voted$/ }).locator('xpath=following-sibling::dd[1]')
  return Number((await figure.textContent())!.replace(/,/g, ''))
}

describe('"I voted" in Chromium', () => {
  test('pledge, confirm, share (the link unfurls with a PNG), then "I voted" from the reminder email, with and without JavaScript; the dashboard counts both', async () => {
    const stamp = Date.now()
    const voters = [
      { email: `e2e-voted-js-${stamp}@example.org`, javaScriptEnabled: true },
      { email: `e2e-voted-nojs-${stamp}@example.org`, javaScriptEnabled: false },
    ]
    for (const voter of voters) await confirmedPledger(browser, voter)

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
