import { createHmac } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { emailTo, expectAccessible, launchChromium, openPage, postForm, signIn } from './browser'

// An owner adds a webhook endpoint pointing at a receiver on this machine, copies its secret
// (shown once), a pledge is confirmed, the signed event arrives and its attempt shows on the
// page; "Resend" sends it again under the same webhook-id.

const baseURL = inject('baseURL')
const SLUG = 'amazon-customer-due-diligence'
const RECEIVER_PORT = Number(process.env.E2E_RECEIVER_PORT ?? 3402)

interface Received {
  headers: IncomingHttpHeaders
  body: string
}

let browser: Browser
let server: Server
const received: Received[] = []

beforeAll(async () => {
  browser = await launchChromium()
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body })
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(RECEIVER_PORT, '127.0.0.1', resolve))
})
afterAll(async () => {
  await browser?.close()
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
})

/** Standard Webhooks, checked from the specification with node:crypto alone. */
function signedWith(secret: string, request: Received): boolean {
  const content = `${request.headers['webhook-id']}.${request.headers['webhook-timestamp']}.${request.body}`
  const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(content).digest('base64')
  return String(request.headers['webhook-signature']).split(' ').includes(`v1,${expected}`)
}

async function eventFor(email: string, count = 1): Promise<Received[]> {
  for (let i = 0; i < 150; i++) {
    const matching = received.filter((r) => r.body.includes(email))
    if (matching.length >= count) return matching
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the receiver got fewer than ${count} events for ${email}`)
}

describe('outgoing webhooks in Chromium', () => {
  test('an owner adds an endpoint, sees its secret once, a confirmed pledge arrives signed, its attempt shows, and "Resend" sends it again', async () => {
    const { page, problems, close } = await openPage(browser)
    await signIn(page)
    await page.goto(`${baseURL}/organizer/c/${SLUG}`)
    await page.getByRole('navigation', { name: /organizer pages/ }).getByRole('link', { name: 'Webhooks' }).click()
    await page.getByRole('heading', { name: 'Endpoints' }).waitFor()
    await expectAccessible(page)

    const endpoint = `http://127.0.0.1:${RECEIVER_PORT}/hooks/${Date.now()}`
    await page.getByLabel('Address').fill(endpoint)
    await page.getByLabel('Description (optional)').fill('Local receiver')
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const secret = await page.getByLabel('Signing secret').inputValue()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    await page.getByRole('row', { name: new RegExp(endpoint) }).waitFor()
    await expectAccessible(page)
    // Shown once: a fresh load of the page has no secret.
    await page.reload()
    await page.getByRole('row', { name: new RegExp(endpoint) }).waitFor()
    expect(await page.getByLabel('Signing secret').count()).toBe(0)
    expect(await page.content()).not.toContain(secret.slice(6))

    // A supporter pledges and confirms.
    const email = `e2e-webhook-${Date.now()}@example.org`
    expect((await postForm(`/c/${SLUG}/pledge`, { intention: 'for', email, shares: '40', holderType: 'retail', broker: 'Fidelity' })).status).toBe(302)
    const confirm = (await emailTo(email, /^Confirm your pledge/)).text!.match(/\/confirm\/[\w-]+/)![0]
    expect((await postForm(confirm, {})).status).toBe(302)

    const [event] = await eventFor(email)
    expect(signedWith(secret, event!)).toBe(true)
    const payload = JSON.parse(event!.body)
    expect(payload.type).toBe('pledge.confirmed')
    expect(payload.data.pledge['quorum:shares']).toBe('40')
    const messageId = String(event!.headers['webhook-id'])
    expect(messageId).toMatch(/^msg_/)

    await page.reload()
    const row = page.getByRole('row', { name: new RegExp(messageId) })
    await row.getByText('Delivered').waitFor()
    await row.getByText(/HTTP 204, \d+ ms/).waitFor()
    await expectAccessible(page)
    mkdirSync('tests/e2e/artifacts', { recursive: true })
    await page.screenshot({ path: 'tests/e2e/artifacts/webhooks.png', fullPage: true })

    await row.getByRole('button', { name: `Resend pledge.confirmed ${messageId}` }).click()
    await page.getByText(/Queued again/).waitFor()
    const [first, again] = await eventFor(email, 2)
    expect(again!.headers['webhook-id']).toBe(messageId)
    expect(again!.body).toBe(first!.body)
    expect(signedWith(secret, again!)).toBe(true)
    for (let i = 0; i < 50 && (await page.getByRole('row', { name: new RegExp(messageId) }).getByText(/HTTP 204/).count()) < 2; i++) {
      await page.waitForTimeout(200)
      await page.reload()
    }
    expect(await page.getByRole('row', { name: new RegExp(messageId) }).getByText(/HTTP 204/).count()).toBe(2)

    // A 360 px phone: nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 740 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await page.screenshot({ path: 'tests/e2e/artifacts/webhooks-phone.png', fullPage: true })

    // Deleted: other browser tests' events do not go to this receiver any more.
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByRole('button', { name: `Delete: ${endpoint}` }).click()
    await page.getByText('Endpoint deleted, with its deliveries.').waitFor()
    expect(problems).toEqual([])
    await close()
  })
})
