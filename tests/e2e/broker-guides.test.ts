import { mkdirSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { emailTo, expectAccessible, launchChromium, openPage, postForm, signIn } from './browser'

// From a confirmed pledge to the guide of the broker it names: /me links it, the guide shows the
// campaign's deadline beside the broker's cut-off, and it reads at phone and desktop widths,
// with JavaScript and without.

const baseURL = inject('baseURL')
const SLUG = 'amazon-customer-due-diligence'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

/** A pledge naming `broker`, confirmed from its email: the address of the page confirming lands on. */
async function confirmedPledger(email: string, broker: string): Promise<string> {
  expect((await postForm(`/c/${SLUG}/pledge`, { intention: 'for', email, shares: '40', holderType: 'retail', broker, updates: 'on' })).status).toBe(302)
  const confirm = (await emailTo(email, /^Confirm your pledge/)).text!.match(/\/confirm\/[\w-]+/)![0]
  const confirmed = await postForm(confirm, {})
  expect(confirmed.status).toBe(302)
  return confirmed.headers.get('location')!
}

/**
 * axe runs as a script in the page, which a page without JavaScript cannot run: the same URL is
 * checked with the app's own scripts blocked, so axe sees the server's markup, never hydrated.
 */
async function expectAccessibleWithoutAppScripts(url: string, viewport: { width: number; height: number }) {
  const { page, close } = await openPage(browser, { viewport })
  // Scripts only: the stylesheets stay, so contrast is judged as readers see it.
  await page.route((url) => url.pathname.startsWith('/build/') && url.pathname.endsWith('.js'), (route) => route.abort())
  await page.goto(url)
  await expectAccessible(page)
  await close()
}

describe('broker guides in Chromium', () => {
  for (const { javaScriptEnabled, width } of [
    { javaScriptEnabled: true, width: 1280 },
    { javaScriptEnabled: false, width: 360 },
  ]) {
    test(`a pledger’s page links to their broker’s guide, which is accessible and fits ${width} px (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const landing = await confirmedPledger(`e2e-broker-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.org`, 'td ameritrade')
      expect(landing).toMatch(/^\/me\/[\w-]+\?confirmed$/)

      const { page, problems, close } = await openPage(browser, { javaScriptEnabled, viewport: { width, height: 900 } })
      await page.goto(baseURL + landing)
      await page.getByText('Your broker’s step-by-step voting guide is linked below.').waitFor()
      await page.getByRole('link', { name: 'Your broker’s guide: Charles Schwab' }).click()

      await page.getByRole('heading', { level: 1, name: 'How to vote with Charles Schwab' }).waitFor()
      expect(new URL(page.url()).pathname).toBe(`/c/${SLUG}/vote/charles-schwab`)
      // The demo meets in Pacific time (another test may move its deadline): the deadline in that zone, with the Eastern time brokers quote.
      const deadline = (await page.getByRole('complementary', { name: 'Vote before the deadline' }).textContent())!.replace(/\s+/g, ' ')
      expect(deadline).toMatch(/your vote must be in by \d{1,2}:\d{2} [ap]\.m\. P[SD]T, \w+day, .* \(\d{1,2}:\d{2} [ap]\.m\. E[SD]T, .*\)/)
      expect(deadline).toMatch(/Charles Schwab’s own cut-off: Votes through ProxyVote\.com usually close at 11:59 p\.m\. Eastern Time/)
      await expect(page.getByRole('heading', { name: 'Step by step' }).isVisible()).resolves.toBe(true)
      expect(await page.locator('.guide-steps ol > li').count()).toBe(5)
      if (javaScriptEnabled) await expectAccessible(page)
      else await expectAccessibleWithoutAppScripts(page.url(), { width, height: 900 })
      // Nothing wider than the window: the page reads without sideways scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)

      mkdirSync('tests/e2e/artifacts', { recursive: true })
      await page.screenshot({ path: `tests/e2e/artifacts/broker-guide-${width}.png`, fullPage: true })

      // The other guides are a click away, and lead back to the voting guide's list.
      await page.getByRole('navigation', { name: 'Another broker?' }).getByRole('link', { name: 'Any other broker or bank' }).click()
      await page.getByRole('heading', { level: 1, name: 'How to vote through your broker or bank' }).waitFor()
      await page.getByRole('link', { name: '← Every way to vote' }).click()
      await page.getByRole('heading', { level: 3, name: 'Step by step, for your broker' }).waitFor()
      if (javaScriptEnabled) await expectAccessible(page)
      else await expectAccessibleWithoutAppScripts(page.url(), { width, height: 900 })
      expect(problems).toEqual([])
      await close()
    })
  }

  test('an organizer edits a guide for the campaign: refused input next to its field, then saved and shown', async () => {
    const { page, problems, close } = await openPage(browser)
    await signIn(page)
    await page.goto(`${baseURL}/organizer/c/${SLUG}/brokers`)
    await page.getByRole('heading', { level: 1, name: 'Broker guides' }).waitFor()
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Webull', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Guide: Webull' }).waitFor()
    await expectAccessible(page)

    const cutoff = page.getByLabel('The broker’s own cut-off')
    await cutoff.fill('')
    await page.getByRole('button', { name: 'Save guide' }).click()
    await expect(cutoff.getAttribute('aria-invalid')).resolves.toBe('true')
    await page.getByText('Say when this broker stops taking votes').waitFor()
    await expectAccessible(page)

    await cutoff.fill('Webull takes votes until 11:59 p.m. Eastern two days before the meeting.')
    await page.getByRole('button', { name: 'Save guide' }).click()
    await page.getByText('Guide saved.').waitFor()
    await page.goto(`${baseURL}/c/${SLUG}/vote/webull`)
    await page.getByText('Webull takes votes until 11:59 p.m. Eastern two days before the meeting.').waitFor()
    expect(problems).toEqual([])
    await close()
  })
})
