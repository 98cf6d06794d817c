import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { expectAccessible, launchChromium, openPage, signIn } from './browser'

// The embed and the badge on a partner's page: a second local server, on another origin
// (127.0.0.1 on its own port, where Quorum is localhost on E2E_PORT), frames the tally.

const baseURL = inject('baseURL')
const SLUG = 'amazon-customer-due-diligence'

let browser: Browser
let partner: Server
let partnerURL: string

function partnerPage(): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A partner’s site</title></head><body><main>
<h1>A partner’s site</h1>
<iframe src="${baseURL}/embed/c/${SLUG}" title="Customer Due Diligence: support so far" width="360" height="320" style="border:0"></iframe>
<p><a href="${baseURL}/c/${SLUG}"><img id="badge" src="${baseURL}/c/${SLUG}/badge.svg" alt="Customer Due Diligence: support on Quorum"></a></p>
</main></body></html>`
}

beforeAll(async () => {
  browser = await launchChromium()
  partner = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(partnerPage()))
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve))
  partnerURL = `http://127.0.0.1:${(partner.address() as AddressInfo).port}/`
})
afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => partner?.close(resolve))
})

describe('embeds in Chromium', () => {
  test('the tally shows inside an iframe on another origin, axe clean, and its button opens the campaign in a new tab', async () => {
    const { page, problems, close } = await openPage(browser)
    await page.goto(partnerURL)
    const frame = page.frameLocator('iframe')
    await expect(frame.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Customer Due Diligence')
    await expect(frame.locator('.embed__headline').textContent()).resolves.toMatch(/^[\d,]+ people pledged for · [\d,]+ shares$/)
    await expect(frame.getByRole('progressbar').getAttribute('max')).resolves.toBe('15')
    await expectAccessible(page)

    const button = frame.getByRole('link', { name: 'Pledge your vote (opens in a new tab)' })
    const [tab] = await Promise.all([page.context().waitForEvent('page'), button.click()])
    await tab!.waitForLoadState()
    expect(tab!.url()).toBe(`${baseURL}/c/${SLUG}?source=embed#pledge-panel`)
    expect(page.url()).toBe(partnerURL) // the partner's page stays where it was

    // The badge loads on the partner's page too (a cross-origin image).
    await expect(page.locator('#badge').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).resolves.toBe(true)
    expect(problems).toEqual([])
    await close()
  })

  test('only the embed may be framed: every other page keeps frame-ancestors none', async () => {
    const embed = await fetch(`${baseURL}/embed/c/${SLUG}`)
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *')
    expect(embed.headers.get('x-frame-options')).toBeNull()
    for (const path of [`/c/${SLUG}`, `/c/${SLUG}/vote`, '/organizer/login']) {
      const response = await fetch(baseURL + path)
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'")
      expect(response.headers.get('x-frame-options'), path).toBe('DENY')
    }
    const badge = await fetch(`${baseURL}/c/${SLUG}/badge.svg`)
    expect(badge.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect((await fetch(`${baseURL}/c/${SLUG}`)).headers.get('cross-origin-resource-policy')).toBe('same-origin')
  })

  test('the embed reads well on its own, axe clean', async () => {
    const { page, problems, close } = await openPage(browser, { viewport: { width: 320, height: 480 } })
    await page.goto(`${baseURL}/embed/c/${SLUG}`)
    await expectAccessible(page)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await page.screenshot({ path: 'tests/e2e/artifacts/embed-320.png' })
    expect(problems).toEqual([])
    await close()
  })

  test('the partner’s page reads the public API across origins, and a preflight is answered', async () => {
    const { page, close } = await openPage(browser)
    await page.goto(partnerURL)
    const figures = await page.evaluate(async (url) => {
      const response = await fetch(`${url}/api/v1/campaigns/amazon-customer-due-diligence`, { headers: { 'If-None-Match': '"none"' } })
      return { status: response.status, etag: response.headers.get('etag'), body: await response.json() }
    }, baseURL)
    expect(figures.status).toBe(200)
    expect(figures.etag).toMatch(/^".+"$/)
    expect(figures.body.data.tally.pledged_for.people).toBeGreaterThan(0)
    await close()
    const preflight = await fetch(`${baseURL}/api/v1/campaigns`, { method: 'OPTIONS', headers: { Origin: 'https://partner.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization')
  })

  for (const javaScriptEnabled of [true, false]) {
    test(`the organizer copies the snippets, and creates, uses and revokes a token, on the campaign's Embed and API page (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { page, problems, close } = await openPage(browser, { javaScriptEnabled })
      await signIn(page)
      await page.goto(`${baseURL}/organizer/c/${SLUG}`)
      await page.getByRole('link', { name: 'Embed and API' }).click()
      await page.getByRole('heading', { name: 'Embed and API: Customer Due Diligence' }).waitFor()
      await expect(page.getByLabel('HTML to copy').first().inputValue()).resolves.toBe(
        `<iframe src="${baseURL}/embed/c/${SLUG}" title="Customer Due Diligence: support so far" width="360" height="420" loading="lazy" style="border:0;max-width:100%"></iframe>`,
      )
      await expect(page.frameLocator('iframe').getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Customer Due Diligence')
      if (javaScriptEnabled) await expectAccessible(page)

      // A token, shown once, works with its scope; revoked, it does not.
      const name = `Partner CRM ${javaScriptEnabled ? 'A' : 'B'}`
      await page.getByLabel('Name', { exact: true }).fill(name)
      await page.getByLabel('Read subscribers (the mailing list)').check()
      await page.getByRole('button', { name: 'Create token' }).click()
      const token = await page.getByLabel('The token').inputValue()
      expect(token).toMatch(/^qrm_/)
      if (javaScriptEnabled) {
        await expectAccessible(page)
        await page.screenshot({ path: 'tests/e2e/artifacts/organizer-connect.png', fullPage: true })
      }
      const pledges = `${baseURL}/api/v1/campaigns/${SLUG}/pledges?limit=2`
      const allowed = await fetch(pledges, { headers: { Authorization: `Bearer ${token}` } })
      expect(allowed.status).toBe(200)
      expect((await allowed.json())._embedded['osdi:signatures']).toHaveLength(2)

      await page.getByRole('button', { name: `Revoke ${name}` }).click()
      await page.getByText('Token revoked: it no longer works.').waitFor()
      await expect(page.getByLabel('The token').count()).resolves.toBe(0)
      expect((await fetch(pledges, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401)
      if (javaScriptEnabled) expect(problems).toEqual([])
      await close()
    })
  }
})
