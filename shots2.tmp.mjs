import { chromium } from 'playwright-core'
const base = 'http://localhost:4013'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'] })
const width = Number(process.env.W ?? 360)
const page = await (await browser.newContext({ viewport: { width, height: 800 } })).newPage()
await page.goto(`${base}/organizer/login`)
await page.getByLabel('Email address').fill('organizer@demo.quorum.invalid')
await page.getByLabel('Password').fill(process.env.PW)
await page.getByRole('button', { name: 'Sign in' }).click()
await page.waitForURL(/\/organizer$/)
for (const [name, path, selector] of JSON.parse(process.env.PAGES)) {
  await page.goto(`${base}${path}`)
  await page.locator(selector).first().screenshot({ path: `tests/e2e/artifacts/${name}-${width}.png` })
}
await browser.close()
