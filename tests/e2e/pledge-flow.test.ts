import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { SHARES_FORMAT_MESSAGE } from '../../app/schemas/fields'
import type { ReceivedEmail } from '../fake-resend'
import { expectAccessible, launchChromium, openPage } from './browser'

const baseURL = inject('baseURL')
const resendURL = inject('resendURL')
const LIVE = '/c/amazon-customer-due-diligence'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

/** Waits for the fake Resend server to have received a message for `to`. */
async function emailTo(to: string, subjectPattern: RegExp): Promise<ReceivedEmail> {
  for (let i = 0; i < 50; i++) {
    const emails = (await (await fetch(`${resendURL}/__test/emails?to=${encodeURIComponent(to)}`)).json()) as ReceivedEmail[]
    const match = emails.find((e) => subjectPattern.test(e.subject))
    if (match) return match
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`No email matching ${subjectPattern} reached the fake Resend server for ${to}`)
}

async function supporters(page: Page): Promise<number> {
  await page.goto(baseURL + LIVE)
  const text = await page.getByRole('region', { name: 'Support so far' }).locator('.tally__number').textContent()
  return Number(text!.replace(/,/g, ''))
}

/** The public page is cached for a moment: the tally must reach `expected` within seconds. */
async function expectSupporters(page: Page, expected: number) {
  let seen = -1
  for (let i = 0; i < 20 && seen !== expected; i++) {
    seen = await supporters(page)
    if (seen !== expected) await new Promise((resolve) => setTimeout(resolve, 500))
  }
  expect(seen).toBe(expected)
}

describe('pledging in Chromium', () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`pledge, confirm from the email, change, export, delete (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { page, problems, close } = await openPage(browser, { javaScriptEnabled, acceptDownloads: true })
      const email = `e2e-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.org`
      const before = await supporters(page)

      const form = page.getByRole('region', { name: 'Pledge your vote' })
      await form.getByRole('radio', { name: /^For/ }).check()
      await form.getByLabel('Email address', { exact: true }).fill(email)
      await form.getByLabel('Shares you hold (optional)').fill('1,234')
      await form.getByLabel('Broker or bank (optional)').fill('Fidelity')
      await form.getByRole('button', { name: 'Pledge my vote' }).click()
      await page.getByRole('heading', { name: 'Check your email' }).waitFor()
      if (javaScriptEnabled) await expectAccessible(page)

      const message = await emailTo(email, /^Confirm your pledge/)
      expect(message.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
      expect(message.text).toContain('This is not a solicitation of authority to vote your proxy.')
      const confirmUrl = message.text!.match(/https?:\/\/\S+\/confirm\/[\w-]+/)![0]
      expect(await supporters(page)).toBe(before) // pending pledges do not count

      await page.goto(confirmUrl)
      if (javaScriptEnabled) await expectAccessible(page)
      await page.getByRole('button', { name: 'Confirm my email address' }).click()
      await page.getByText('Thank you: your address is confirmed.').waitFor()
      const manageUrl = page.url()
      if (javaScriptEnabled) await expectAccessible(page)
      await expectSupporters(page, before + 1)

      await page.goto(manageUrl)
      const pledge = page.getByRole('region', { name: /Customer Due Diligence/ })
      // A confirmed pledger is offered the campaign's calendar feed.
      await expect(pledge.getByRole('link', { name: /^Subscribe to the key dates/ }).getAttribute('href')).resolves.toMatch(/^webcal:\/\/[^/]+\/c\/[\w-]+\/calendar\.ics$/)
      await pledge.getByLabel('Shares (optional)').fill('2000')
      await pledge.getByRole('checkbox', { name: 'I have voted' }).check()
      await pledge.getByRole('button', { name: 'Save changes' }).click()
      await page.getByText('Your changes are saved.').waitFor()
      await pledge.getByText(/2,000 shares, voted/).waitFor()

      const download = page.waitForEvent('download')
      await page.getByRole('link', { name: 'Download my data (JSON)' }).click()
      const exported = JSON.parse(readFileSync((await (await download).path())!, 'utf8'))
      expect(exported.supporter.email).toBe(email)
      expect(exported.pledges[0]).toMatchObject({ intention: 'for', shares: '2000', broker: 'Fidelity' })
      expect(exported.history.map((h: { kind: string }) => h.kind)).toEqual(['created', 'confirmed', 'shares', 'voted'])
      // The confirmation's consent record, with the network of the address the browser came from (loopback here).
      expect(exported.consentRecords).toMatchObject([{ agreedTo: ['pledge', 'updates'], fromNetwork: expect.stringMatching(/^(127\.0\.0\.0\/24|::\/48)$/) }])

      await page.getByRole('link', { name: 'Delete everything' }).click()
      if (javaScriptEnabled) await expectAccessible(page)
      await page.getByRole('button', { name: 'Yes, delete everything' }).click()
      await page.getByRole('heading', { name: 'Your data is deleted' }).waitFor()
      await expectSupporters(page, before)

      // The manage link is dead once the data is gone.
      await page.goto(manageUrl)
      await page.getByRole('heading', { name: 'This link no longer works' }).waitFor()
      expect(problems.filter((p) => !p.includes('status of 410'))).toEqual([])
      await close()
    })
  }

  test('errors show next to their field, with the input kept (JavaScript off)', async () => {
    const { page, close } = await openPage(browser, { javaScriptEnabled: false })
    await page.goto(`${baseURL}${LIVE}/pledge`)
    await page.getByRole('radio', { name: /^For/ }).check()
    await page.getByLabel('Email address', { exact: true }).fill('someone@example.org')
    await page.getByLabel('Shares you hold (optional)').fill('12.5')
    await page.getByRole('button', { name: 'Pledge my vote' }).click()
    const shares = page.getByLabel('Shares you hold (optional)')
    await expect(shares.getAttribute('aria-invalid')).resolves.toBe('true')
    await expect(shares.inputValue()).resolves.toBe('12.5')
    const describedBy = (await shares.getAttribute('aria-describedby'))!.split(' ')
    const error = await page.locator(`[id="${describedBy[0]}"]`).textContent()
    expect(error).toBe(SHARES_FORMAT_MESSAGE)
    await expect(page.getByLabel('Email address', { exact: true }).inputValue()).resolves.toBe('someone@example.org')
    await close()
  })

  test('with JavaScript the same error appears before anything is sent, and the pages pass axe', async () => {
    const { page, problems, close } = await openPage(browser)
    await page.goto(`${baseURL}${LIVE}/pledge`)
    await page.getByLabel('Shares you hold (optional)').fill('lots')
    await page.getByLabel('Shares you hold (optional)').blur()
    await page.getByText(SHARES_FORMAT_MESSAGE).waitFor()
    await expectAccessible(page)
    for (const path of ['/links/new', `${LIVE}/pledged`, '/confirm/not-a-real-token', '/u/not-a-real-token']) {
      await page.goto(baseURL + path)
      await expectAccessible(page)
    }
    expect(problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([])
    await close()
  })
})

describe('HTTP guards of the built server', () => {
  test('a cross-origin POST is refused with a 403 and a JSON reason', async () => {
    const response = await fetch(`${baseURL}${LIVE}/pledge`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'email=victim%40example.org&intention=for',
    })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: 'cross_site_request' })
    const bySecFetch = await fetch(`${baseURL}${LIVE}/pledge`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: 'email=victim%40example.org&intention=for',
    })
    expect(bySecFetch.status).toBe(403)
  })

  test('a POST whose Origin is APP_URL but whose Host is another gets a 403, not a 500', async () => {
    const url = new URL(`${baseURL}${LIVE}/pledge`)
    const status = await new Promise<number>((resolve, reject) => {
      const body = 'email=victim%40example.org&intention=for'
      const request = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host: 'internal.example', origin: new URL(baseURL).origin, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) } },
        (response) => {
          response.resume()
          resolve(response.statusCode!)
        },
      )
      request.on('error', reject)
      request.end(body)
    })
    expect(status).toBe(403)
  })

  test('a 10 MB body is refused before it is read', async () => {
    const response = await fetch(`${baseURL}${LIVE}/pledge`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL },
      body: `email=x%40example.org&name=${'x'.repeat(10 * 1024 * 1024)}`,
    })
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: 'body_too_large' })
  })

  test('one-click unsubscribe acts on a bare POST: no cookie, no Origin, no redirect', async () => {
    const email = `oneclick-${Date.now()}@example.org`
    const follow = await fetch(`${baseURL}${LIVE}/follow`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL },
      body: `email=${encodeURIComponent(email)}`,
      redirect: 'manual',
    })
    expect(follow.status).toBe(302)
    const message = await emailTo(email, /^Confirm your subscription/)
    const unsubscribeUrl = message.headers!['List-Unsubscribe']!.slice(1, -1)
    const response = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('set-cookie')).toBeNull()
  })
})
