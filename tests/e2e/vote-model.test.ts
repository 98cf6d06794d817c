import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { expectAccessible, launchChromium, openPage, signIn } from './browser'

// The vote model as an organizer uses it: import a 13F and an N-PX file, find the holder on
// the targeting board, record the engagement, then try a scenario and watch the projection
// and "what it takes" move — with JavaScript and without.

const baseURL = inject('baseURL')
const SLUG = 'amazon-customer-due-diligence'
const FIXTURES = path.resolve('tests/fixtures/sec')
const HOLDER = 'Illustrative Index Advisors LLC'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => browser?.close())

async function headline(page: Page) {
  return (await page.locator('.projection__number').textContent())!.trim()
}

describe('the vote model in Chromium', () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`import 13F and N-PX, targeting board, engagement, scenario (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const { page, problems, close } = await openPage(browser, { javaScriptEnabled })
      await signIn(page)

      await page.goto(`${baseURL}/organizer/c/${SLUG}/imports`)
      if (javaScriptEnabled) await expectAccessible(page)
      const thirteenF = page.getByRole('form', { name: 'A Form 13F filing' })
      await thirteenF.getByLabel('Information table (XML)').setInputFiles(path.join(FIXTURES, '13f-infotable.xml'))
      await thirteenF.getByLabel('Primary document (primary_doc.xml)').setInputFiles(path.join(FIXTURES, '13f-primary-doc.xml'))
      await thirteenF.getByRole('button', { name: 'Import the 13F' }).click()
      await page.getByText(/Imported 13F of Illustrative Index Advisors LLC for 2024-03-31|was already imported/).waitFor()

      const npx = page.getByRole('form', { name: 'A Form N-PX (fund votes)' })
      await npx.getByLabel('Vote table (XML) or CSV').setInputFiles(path.join(FIXTURES, 'npx-2021.csv'))
      await npx.getByRole('button', { name: 'Import the N-PX' }).click()
      await page.getByText(/3 vote record\(s\) on Amazon.com, Inc., 2 matched to this proposal|was already imported/).waitFor()

      // A refused file says where, and nothing else changes.
      await thirteenF.getByLabel('Information table (XML)').setInputFiles(path.join(FIXTURES, 'npx-vote-table.xml'))
      await thirteenF.getByLabel('Primary document (primary_doc.xml)').setInputFiles(path.join(FIXTURES, '13f-primary-doc.xml'))
      await thirteenF.getByRole('button', { name: 'Import the 13F' }).click()
      await page.getByText(/The file was not imported\. Line 3: this is not a Form 13F information table/).waitFor()
      if (javaScriptEnabled) await expectAccessible(page)

      // The board: the filer's 2022 vote (through its N-PX records) makes it "voted against".
      await page.goto(`${baseURL}/organizer/c/${SLUG}/holders?q=${encodeURIComponent('LLC')}`)
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: HOLDER }) })
      await expect(row.textContent()).resolves.toMatch(/13,042,141.*Voted against/)
      if (javaScriptEnabled) await expectAccessible(page)

      // Engagement, audited.
      const status = javaScriptEnabled ? 'Met' : 'Supports'
      await row.getByRole('link', { name: HOLDER }).click()
      await page.getByLabel('Status').selectOption({ label: status })
      await page.getByLabel('Contact').fill('stewardship@example.org')
      await page.getByLabel('Next step on').fill('2030-01-15')
      await page.getByRole('button', { name: 'Save engagement' }).click()
      await page.getByText(/Engagement saved\.|Nothing had changed/).waitFor()
      if (javaScriptEnabled) await expectAccessible(page)
      await page.goto(`${baseURL}/organizer/c/${SLUG}/holders?status=${javaScriptEnabled ? 'met' : 'supports'}`)
      await page.getByRole('link', { name: HOLDER }).waitFor()

      // The projection moves when the scenario flips the holder from against to for.
      await page.goto(`${baseURL}/organizer/c/${SLUG}/projection`)
      await page.getByRole('img', { name: /Projected support/ }).waitFor()
      if (javaScriptEnabled) await expectAccessible(page)
      const expected = await headline(page)
      const takesBefore = await page.getByRole('region', { name: 'What it takes' }).textContent()
      expect(takesBefore).toContain('Illustrative Index Advisors')
      await page.getByLabel(`Vote of ${HOLDER} in this scenario`, { exact: true }).selectOption('for')
      await page.getByLabel('Vote of Illustrative Index Advisors in this scenario', { exact: true }).selectOption('for')
      await page.getByRole('button', { name: 'Project this scenario' }).click()
      await page.getByRole('heading', { name: 'With your scenario' }).waitFor()
      expect(await headline(page)).not.toBe(expected)
      expect(await page.locator('.projection-summary').textContent()).toContain(`Expected without the scenario: ${expected}`)
      const takesAfter = await page.getByRole('region', { name: 'What it takes' }).textContent()
      expect(takesAfter).not.toBe(takesBefore)
      expect(takesAfter).not.toContain('Illustrative Index Advisors')
      await expect(page.getByRole('table', { name: /The chart as a table/ }).textContent()).resolves.toContain('Your scenario')
      if (javaScriptEnabled) await expectAccessible(page)

      await page.goto(`${baseURL}/organizer/audit?campaign=${SLUG}`)
      expect(problems.filter((p) => !/status of 4\d\d/.test(p))).toEqual([])
      await close()
    })
  }
})
