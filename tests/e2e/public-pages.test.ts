import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { pngSize } from '../helpers/png'
import { expectAccessible, launchChromium, openPage } from './browser'

const baseURL = inject('baseURL')
const LIVE = '/c/amazon-customer-due-diligence'
const CLOSED = '/c/amazon-customer-due-diligence-2022'
const PAGES = ['/', LIVE, CLOSED, `${LIVE}/vote`, `${CLOSED}/vote`, '/c/no-such-campaign']

function seedFootnoteUrls(file: string): string[] {
  const lines = readFileSync(`db/seed/${file}`, 'utf8').split('\n').filter((line) => /^\[\^\d+\]:/.test(line))
  return lines.flatMap((line) => [...line.matchAll(/<([^>]+)>/g)].map((m) => m[1]!))
}

/** A request whose body arrives as sent (fetch would decode it). */
function rawGet(path: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(baseURL + path, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers as Record<string, string | undefined>, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

describe('public pages in Chromium', () => {
  for (const hydrated of [true, false]) {
    test(`axe finds no serious or critical violation on any public page (${hydrated ? 'hydrated' : 'server HTML only'})`, async () => {
      const { page, problems, close } = await openPage(browser)
      // axe needs JavaScript to run, so "without JavaScript" is the page with Remix's bundle blocked.
      if (!hydrated) await page.route('**/build/**', (route) => route.abort())
      for (const path of PAGES) {
        await page.goto(baseURL + path)
        await expectAccessible(page)
      }
      // Hydrated, this also proves the Content-Security-Policy let every script run.
      if (hydrated) expect(problems.filter((p) => !p.includes('404'))).toEqual([])
      await close()
    })
  }

  test('with JavaScript on, every public page hydrates with no Content-Security-Policy violation', async () => {
    const { page, problems, close } = await openPage(browser)
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`))
    })
    for (const path of ['/', LIVE, CLOSED, `${LIVE}/vote`]) {
      await page.goto(baseURL + path)
      // Remix sets its router once the inline module script has run and the page has hydrated.
      await page.waitForFunction(() => '__remixRouter' in window)
    }
    expect(problems).toEqual([])
    await close()
  })

  test('without JavaScript, the 2022 proposal reads in full with every footnote linked in order, there and back', async () => {
    const { page, close } = await openPage(browser, { javaScriptEnabled: false })
    await page.goto(baseURL + CLOSED)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Customer Due Diligence')
    const resolved = page.getByRole('region', { name: 'The resolution shareholders vote on' })
    await expect(resolved.textContent()).resolves.toContain('Resolved: Shareholders request the Board of Directors commission an independent third-party report')

    const footnotes = page.getByRole('region', { name: 'Footnotes' })
    const hrefs = await footnotes.locator('a[href^="http"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
    expect(hrefs).toEqual(seedFootnoteUrls('cdd-2022-supporting-statement.md'))

    await page.getByRole('link', { name: 'Footnote 7', exact: true }).click()
    expect(new URL(page.url()).hash).toBe('#fn-whereas-7')
    await expect(page.locator('#fn-whereas-7').textContent()).resolves.toContain('digitalcameraworld.com')
    await page.getByRole('link', { name: 'Back to the text of footnote 7', exact: true }).click()
    expect(new URL(page.url()).hash).toBe('#fnref-whereas-7')

    const text = await page.locator('.proposal').textContent()
    expect(text).toContain('$887 million')
    await expect(page.getByText('This is not a solicitation of authority to vote your proxy.').first().isVisible()).resolves.toBe(true)
    await close()
  })

  test('the key dates on the page match the calendar file it links to', async () => {
    const { page, close } = await openPage(browser, { javaScriptEnabled: false })
    await page.goto(baseURL + CLOSED)
    const dates = page.getByRole('region', { name: 'Key dates' })
    await expect(dates.textContent()).resolves.toContain('Wednesday, May 25, 2022, 9:00 a.m. PDT')
    await expect(dates.textContent()).resolves.toContain('Tuesday, May 24, 2022, 8:59 p.m. PDT')
    const times = await dates.locator('time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime')))
    expect(times).toEqual(['2022-03-31', '2022-05-25T03:59:00.000Z', '2022-05-25T16:00:00.000Z'])

    const href = await dates.getByRole('link', { name: /calendar/ }).getAttribute('href')
    const ics = await (await fetch(baseURL + href)).text()
    expect(ics).toContain('DTSTART;VALUE=DATE:20220331')
    expect(ics).toContain('DTSTART:20220525T035900Z')
    expect(ics).toContain('DTSTART:20220525T160000Z')
    await close()
  })

  test('a reader gets from the home page to the live campaign and its voting guide without JavaScript', async () => {
    const { page, close } = await openPage(browser, { javaScriptEnabled: false })
    await page.goto(baseURL + '/')
    await page.getByRole('link', { name: /Customer Due Diligence \(\d{4} annual meeting\)/ }).first().click()
    expect(new URL(page.url()).pathname).toBe(LIVE)
    await expect(page.getByText('Demo campaign.').isVisible()).resolves.toBe(true)
    await expect(page.getByRole('region', { name: 'Support so far' }).textContent()).resolves.toMatch(/\d[\d,]* people pledged for · [\d,]+ shares/)
    await page.getByRole('region', { name: 'Pledge your vote' }).getByRole('link', { name: 'how to vote' }).click()
    expect(new URL(page.url()).pathname).toBe(`${LIVE}/vote`)
    await expect(page.getByRole('heading', { name: 'Vote before the deadline' }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole('heading', { name: 'Quorum never takes a proxy' }).isVisible()).resolves.toBe(true)
    await page.getByRole('link', { name: '← Back to the proposal' }).click()
    await page.getByRole('link', { name: /2022 annual meeting/ }).click()
    expect(new URL(page.url()).pathname).toBe(CLOSED)
    await expect(page.getByText('Result in 2022: 40.3% of votes cast for.').isVisible()).resolves.toBe(true)
    await close()
  })

  test('pages fit a 360 px phone screen without sideways scrolling', async () => {
    const { page, close } = await openPage(browser, { viewport: { width: 360, height: 740 }, javaScriptEnabled: false })
    for (const path of [LIVE, CLOSED, `${LIVE}/vote`, '/']) {
      await page.goto(baseURL + path)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow, path).toBeLessThanOrEqual(0)
    }
    await close()
  })
})

describe('HTTP behaviour of the built server', () => {
  test('every response carries the security headers; a page rendered for one reader has a fresh script nonce each time', async () => {
    const nonces = new Set<string>()
    for (const path of [LIVE, `${LIVE}?from=a-link`, `${LIVE}?from=a-link`, '/organizer/login', '/favicon.svg', '/healthz']) {
      const response = await fetch(baseURL + path)
      expect(response.status).toBe(200)
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("frame-ancestors 'none'")
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin')
      const html = await response.text()
      if (path.includes('?') || path.startsWith('/organizer')) {
        const nonce = csp.match(/script-src 'self' 'nonce-([\w-]+)'/)![1]!
        nonces.add(nonce)
        const scriptNonces = [...html.matchAll(/<script[^>]*nonce="([^"]+)"/g)].map((m) => m[1])
        expect(scriptNonces.length).toBeGreaterThan(0)
        expect(new Set(scriptNonces)).toEqual(new Set([nonce]))
      }
    }
    expect(nonces.size).toBe(3)
  })

  test('a public page is the same bytes for every reader, and its CSP allows exactly the hashes of its inline scripts', async () => {
    for (const path of ['/', LIVE, `${LIVE}/vote`]) {
      const first = await fetch(baseURL + path)
      const second = await fetch(baseURL + path, { headers: { cookie: 'a=b', 'user-agent': 'Another reader' } })
      const [a, b] = [await first.text(), await second.text()]
      // Nothing changes between the two requests, so even a render in between gives the same bytes.
      expect(b).toBe(a)
      expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
      expect(second.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'))
      for (const [response, html] of [[first, a], [second, b]] as const) {
        expect(response.headers.get('cache-control')).toMatch(/public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+/)
        expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/)
        const csp = response.headers.get('content-security-policy') ?? ''
        expect(csp).not.toContain('nonce-')
        const allowed = csp.match(/script-src 'self'((?: '[^']+')*)/)![1]!.trim().split(' ').sort()
        const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`)
        expect(inline.length).toBeGreaterThan(0)
        expect([...new Set(inline)].sort()).toEqual(allowed)
        expect(html).not.toContain('nonce=')
      }
    }
  })

  test('a reader who has the page gets 304 for a matching ETag; brotli or gzip by Accept-Encoding, with Vary; HEAD alike', async () => {
    for (const [encoding, accept] of [['br', 'gzip, deflate, br'], ['gzip', 'gzip'], [null, 'identity']] as const) {
      const response = await rawGet(LIVE, { 'accept-encoding': accept })
      expect(response.status).toBe(200)
      expect(response.headers['content-encoding']).toBe(encoding ?? undefined)
      // Its plain address speaks the reader's language (cookie, else Accept-Language): decision 019.
      expect(response.headers.vary).toBe('Accept-Encoding, Accept-Language, Cookie')
      expect(Number(response.headers['content-length'])).toBe(response.body.length)
      const decoded = encoding === 'br' ? brotliDecompressSync(response.body) : encoding === 'gzip' ? gunzipSync(response.body) : response.body
      expect(decoded.toString()).toContain('</html>')

      const again = await rawGet(LIVE, { 'accept-encoding': accept, 'if-none-match': response.headers.etag! })
      expect(again.status).toBe(304)
      expect(again.body.length).toBe(0)
      expect(again.headers.etag).toBe(response.headers.etag)
      const head = await rawGet(LIVE, { 'accept-encoding': accept }, 'HEAD')
      expect(head.status).toBe(200)
      expect(head.body.length).toBe(0)
      expect(head.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(head.headers['content-security-policy']).toBe(response.headers['content-security-policy'])
    }
    const stale = await rawGet(LIVE, { 'if-none-match': '"not-this-page"' })
    expect(stale.status).toBe(200)
  })

  test('the campaign page carries its title, description, Open Graph tags and canonical URL', async () => {
    const html = await (await fetch(baseURL + CLOSED)).text()
    expect(html).toContain('<title>Customer Due Diligence: Amazon.com, Inc. 2022 · Quorum</title>')
    expect(html).toMatch(/<meta name="description" content="Shareholders ask Amazon/)
    expect(html).toContain(`<meta property="og:url" content="${baseURL}${CLOSED}"/>`)
    expect(html).toContain(`<link rel="canonical" href="${baseURL}${CLOSED}"/>`)
  })

  test('the og:image in the campaign page’s head is a 1200 × 630 PNG, sent as it is (not compressed) and revalidated like the page', async () => {
    const { page, close } = await openPage(browser)
    await page.goto(baseURL + LIVE)
    const image = await page.locator('meta[property="og:image"]').getAttribute('content')
    await close()
    expect(image).toBe(`${baseURL}${LIVE}/og.png`)
    const response = await rawGet(image!.slice(baseURL.length), { 'accept-encoding': 'gzip, deflate, br' })
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('image/png')
    expect(response.headers['content-encoding']).toBeUndefined()
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect(pngSize(response.body)).toEqual({ width: 1200, height: 630 })
    const again = await rawGet(image!.slice(baseURL.length), { 'if-none-match': response.headers.etag! })
    expect(again.status).toBe(304)
  })

  test('unknown campaigns and addresses are real 404s with a friendly page and no stack', async () => {
    for (const path of ['/c/no-such-campaign', '/c/no-such-campaign/vote', '/no/such/page', `${LIVE}%00`]) {
      const response = await fetch(baseURL + path, { headers: { accept: 'text/html' } })
      expect(response.status, path).toBe(404)
      const html = await response.text()
      expect(html).toContain('We could not find that page')
      expect(html).not.toMatch(/at .*\.js:\d+/)
      // A client that did not ask for HTML gets the same answer as JSON.
      const json = await fetch(baseURL + path, { headers: { accept: 'application/json' } })
      expect(json.status, path).toBe(404)
      expect(await json.json()).toMatchObject({ error: 'not_found' })
    }
  })
})
