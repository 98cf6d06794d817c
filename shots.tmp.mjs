import { chromium } from 'playwright-core'
const base = 'http://localhost:4013'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'] })
const width = Number(process.env.W ?? 1280)
const ctx = await browser.newContext({ viewport: { width, height: 900 } })
const page = await ctx.newPage()
page.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text()) })
await page.goto(`${base}/organizer/login`)
await page.getByLabel('Email address').fill('organizer@demo.quorum.invalid')
await page.getByLabel('Password').fill(process.env.PW)
await page.getByRole('button', { name: 'Sign in' }).click()
await page.waitForURL(/\/organizer$/)
for (const [name, path] of JSON.parse(process.env.PAGES)) {
  const r = await page.goto(`${base}${path}`)
  console.log(name, r.status())
  await page.screenshot({ path: `tests/e2e/artifacts/${name}-${width}.png`, fullPage: true })
}
await browser.close()
