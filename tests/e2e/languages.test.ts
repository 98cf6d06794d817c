import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { expectAccessible, launchChromium, openPage, signIn } from './browser'

// Public pages in English, German and Spanish (decision 019): the switcher works without
// JavaScript and is remembered, Accept-Language chooses when nothing else has, each language
// passes axe, and a page in German or Spanish has no English left but the campaign's own words.

const baseURL = inject('baseURL')
const LIVE = '/c/amazon-customer-due-diligence'
const CLOSED = '/c/amazon-customer-due-diligence-2022'
const PAGES = ['/', LIVE, CLOSED, `${LIVE}/vote`, `${CLOSED}/vote`, `${LIVE}/vote/fidelity`, `${LIVE}/pledge`]
const withLang = (path: string, lang: string) => `${path}?lang=${lang}`

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang)

describe('languages in Chromium', () => {
  test('without JavaScript, the switcher changes the page’s language, and the next page remembers it', async () => {
    const { page, close } = await openPage(browser, { javaScriptEnabled: false })
    await page.goto(baseURL + LIVE)
    expect(await htmlLang(page)).toBe('en')
    await page.getByRole('list', { name: 'Language' }).getByRole('link', { name: 'Deutsch' }).click()
    await page.waitForURL(/\?lang=de$/)
    expect(await htmlLang(page)).toBe('de')
    await page.getByRole('heading', { name: 'Stimme zusagen' }).waitFor()
    expect(await page.getByRole('link', { name: 'Deutsch' }).getAttribute('aria-current')).toBe('true')

    // The next pages, at their plain addresses, speak German: the choice is remembered.
    await page.goto(baseURL + '/')
    expect(await htmlLang(page)).toBe('de')
    await page.getByRole('heading', { name: 'Aktionärskampagnen' }).waitFor()
    await page.goto(`${baseURL}${LIVE}/vote`)
    await page.getByRole('heading', { name: /So stimmen Sie über .* ab/ }).waitFor()

    await page.getByRole('link', { name: 'Español' }).click()
    await page.waitForURL(/\/vote\?lang=es$/)
    expect(await htmlLang(page)).toBe('es')
    await page.getByRole('link', { name: 'English' }).click()
    await page.waitForURL(`${baseURL}${LIVE}/vote`)
    expect(await htmlLang(page)).toBe('en')
    await page.goto(baseURL + LIVE)
    expect(await htmlLang(page)).toBe('en')
    await close()
  })

  test('a browser that asks for German (Accept-Language) gets German at the plain address; the address’s ?lang= wins', async () => {
    const { page, close } = await openPage(browser, { locale: 'de-DE' })
    await page.goto(baseURL + LIVE)
    expect(await htmlLang(page)).toBe('de')
    await page.getByRole('heading', { name: 'Wichtige Termine' }).waitFor()
    await page.goto(baseURL + withLang(LIVE, 'es'))
    expect(await htmlLang(page)).toBe('es')
    await close()
  })

  for (const hydrated of [true, false]) {
    test(`axe finds no serious or critical violation in German or Spanish (${hydrated ? 'hydrated, no console error' : 'server HTML only'})`, async () => {
      const { page, problems, close } = await openPage(browser)
      if (!hydrated) await page.route('**/build/**', (route) => route.abort())
      for (const lang of ['de', 'es']) {
        for (const path of PAGES) {
          await page.goto(baseURL + withLang(path, lang))
          expect(await htmlLang(page)).toBe(lang)
          await expectAccessible(page)
        }
      }
      // Hydrated, a page whose browser render differed from the server's would have logged it.
      if (hydrated) expect(problems).toEqual([])
      await close()
    })
  }

  test('a page in German or Spanish has no English left outside the campaign’s own words (marked lang="en")', async () => {
    const { page, close } = await openPage(browser)
    const ENGLISH = /\b(the|and|your|you|with|this|that|is|are|of|to|shares|pledge|pledged)\b/gi
    for (const lang of ['de', 'es']) {
      for (const path of PAGES) {
        await page.goto(baseURL + withLang(path, lang))
        const text = await page.evaluate(() => {
          const body = document.body.cloneNode(true) as HTMLElement
          for (const node of body.querySelectorAll('[lang="en"], script, code, [hreflang]')) node.remove()
          // The broker guides' names and the demo's company are names, not English.
          for (const node of body.querySelectorAll('.broker-list, .eyebrow, datalist')) node.remove()
          return body.innerText
        })
        const english = [...text.matchAll(ENGLISH)].map((m) => text.slice(Math.max(0, m.index - 30), m.index + 30).replace(/\s+/g, ' '))
        expect(english, `${lang} ${path}`).toEqual([])
      }
    }
    await close()
  })

  test('without JavaScript, the pledge form’s errors come back next to their fields in the page’s language', async () => {
    const { page, close } = await openPage(browser, { javaScriptEnabled: false })
    await page.goto(baseURL + withLang(`${LIVE}/pledge`, 'de'))
    const form = page.locator('form#pledge')
    await form.getByLabel('E-Mail-Adresse').fill('not an address')
    await form.getByLabel('Ihre Aktien (freiwillig)').fill('12x')
    await form.getByRole('button', { name: 'Stimme zusagen' }).click()
    await page.waitForLoadState()
    expect(await htmlLang(page)).toBe('de')
    await page.getByText('Geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org').waitFor()
    await page.getByText('Wählen Sie, wie Sie abstimmen wollen: dafür, dagegen, Enthaltung oder unentschieden').waitFor()
    const shares = form.getByLabel('Ihre Aktien (freiwillig)')
    const errorId = (await shares.getAttribute('aria-describedby'))!.split(' ')[0]!
    expect(await page.locator(`#${errorId}`).textContent()).toMatch(/^Geben Sie die Zahl der Aktien als ganze Zahl ein/)
    await close()
  })

  test('an editor gives the campaign’s own text in German; the German page shows it with a link to the original, other languages keep the original', async () => {
    const { page, close } = await openPage(browser)
    await signIn(page)
    await page.goto(`${baseURL}/organizer/c/amazon-customer-due-diligence/translations`)
    // Typed into a hydrated form only: a click before hydration would post and reload the page under the next fill.
    await page.waitForLoadState('networkidle')
    await expectAccessible(page)
    const german = page.locator('form#translation-de')
    await german.getByLabel('Title').fill('Sorgfaltspflicht gegenüber Kunden')
    await german.getByRole('button', { name: 'Save the German text' }).click()
    // Only one of three texts: each missing one says so next to its field.
    await german.getByText('Fill in all three texts, or empty all three to remove this translation').first().waitFor()
    await page.waitForLoadState('networkidle')
    await german.getByLabel('Resolved clause').fill('**Beschluss:** Die Aktionäre fordern den Vorstand auf, einen Bericht zu veröffentlichen.')
    await german.getByLabel('Supporting statement').fill('Die Begründung der Kampagne.')
    await german.getByRole('button', { name: 'Save the German text' }).click()
    await page.getByText('Translation saved.').waitFor()

    await page.goto(baseURL + withLang(LIVE, 'de'))
    await page.getByRole('heading', { level: 1, name: 'Sorgfaltspflicht gegenüber Kunden' }).waitFor()
    expect(await page.locator('.resolved .prose').textContent()).toContain('Die Aktionäre fordern den Vorstand auf')
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Das Original lesen (Englisch)' }).click()
    await page.waitForURL(/\?lang=en$/)
    await page.getByRole('heading', { level: 1, name: 'Customer Due Diligence' }).waitFor()
    await page.goto(baseURL + withLang(LIVE, 'es'))
    await page.getByRole('heading', { level: 1, name: 'Customer Due Diligence' }).waitFor()

    // Emptying all three removes it (other tests read the German page as the original).
    await page.goto(`${baseURL}/organizer/c/amazon-customer-due-diligence/translations`)
    await page.waitForLoadState('networkidle')
    for (const label of ['Title', 'Resolved clause', 'Supporting statement']) await german.getByLabel(label).fill('')
    await german.getByRole('button', { name: 'Save the German text' }).click()
    await page.getByText('Translation saved.').waitFor()
    await page.goto(baseURL + withLang(LIVE, 'de'))
    await page.getByRole('heading', { level: 1, name: 'Customer Due Diligence' }).waitFor()
    await close()
  })

  test('the campaign page at 360 px in German and Spanish fits without sideways scrolling', async () => {
    const { page, close } = await openPage(browser, { viewport: { width: 360, height: 780 } })
    for (const lang of ['de', 'es']) {
      await page.goto(baseURL + withLang(LIVE, lang))
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    }
    await close()
  })
})

describe('HTTP behaviour of pages in a language', () => {
  test('each language’s address is the same bytes for every reader, with its own ETag and a 304; the plain address serves the same page, varying on what chose it', async () => {
    const tags = new Set<string>()
    for (const lang of ['de', 'es']) {
      const path = withLang(LIVE, lang)
      const first = await fetch(baseURL + path)
      const second = await fetch(baseURL + path, { headers: { cookie: 'quorum_lang=en', 'accept-language': 'en', 'user-agent': 'Another reader' } })
      const [a, b] = [await first.text(), await second.text()]
      expect(b).toBe(a)
      expect(a).toContain(`<html lang="${lang}"`)
      const etag = first.headers.get('etag')!
      expect(second.headers.get('etag')).toBe(etag)
      expect(first.headers.get('vary')).toBe('Accept-Encoding')
      expect(first.headers.get('content-language')).toBe(lang)
      expect(first.headers.get('cache-control')).toMatch(/public, max-age=0, s-maxage=\d+/)
      expect((await fetch(baseURL + path, { headers: { 'if-none-match': etag } })).status).toBe(304)
      tags.add(etag)

      const negotiated = await fetch(baseURL + LIVE, { headers: { 'accept-language': `${lang},en;q=0.5` } })
      expect(negotiated.headers.get('etag')).toBe(etag)
      expect(negotiated.headers.get('vary')).toBe('Accept-Encoding, Accept-Language, Cookie')
      expect(await negotiated.text()).toBe(a)
      const remembered = await fetch(baseURL + LIVE, { headers: { cookie: `quorum_lang=${lang}`, 'accept-language': 'en' } })
      expect(remembered.headers.get('etag')).toBe(etag)
    }
    const english = await fetch(baseURL + LIVE)
    tags.add(english.headers.get('etag')!)
    expect(tags.size).toBe(3)
  })

  test('each language’s page links the others with hreflang, and its canonical address is its own', async () => {
    const html = await (await fetch(baseURL + withLang(LIVE, 'es'))).text()
    for (const [lang, href] of [['en', LIVE], ['de', withLang(LIVE, 'de')], ['es', withLang(LIVE, 'es')], ['x-default', LIVE]]) {
      expect(html).toContain(`<link rel="alternate" hrefLang="${lang}" href="${baseURL}${href}"/>`)
    }
    expect(html).toContain(`<link rel="canonical" href="${baseURL}${withLang(LIVE, 'es')}"/>`)
  })

  test('the switcher’s link remembers the choice in a cookie and goes back to the page in that language; only this site’s pages', async () => {
    const response = await fetch(`${baseURL}/lang/es?to=${encodeURIComponent(`${LIVE}/vote?lang=de`)}`, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`${LIVE}/vote?lang=es`)
    expect(response.headers.get('set-cookie')).toMatch(/^quorum_lang=es; Path=\/; Max-Age=\d+; SameSite=Lax/)
    const away = await fetch(`${baseURL}/lang/de?to=${encodeURIComponent('//evil.example/')}`, { redirect: 'manual' })
    expect(away.headers.get('location')).toBe('/?lang=de')
    expect((await fetch(`${baseURL}/lang/fr`, { redirect: 'manual' })).status).toBe(404)
  })
})
