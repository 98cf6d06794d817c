import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { emailTo, expectAccessible, launchChromium, openPage, signIn } from './browser'

// Organizer accounts by email: the owner invites an address from the campaign's organizers page,
// the invitee sets a password from the emailed link and lands signed in on the campaign; then
// the invitee forgets it, asks for a reset from the sign-in page, and sets a new one from the
// second email. With and without JavaScript, at 1280 and 360 px, axe on every page.

const baseURL = inject('baseURL')
const SLUG = 'amazon-customer-due-diligence'
const ARTIFACTS = 'tests/e2e/artifacts'

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
  mkdirSync(ARTIFACTS, { recursive: true })
})
afterAll(async () => browser?.close())

/** The path of the link in an email's text (the fake Resend server keeps what was sent). */
function linkPath(text: string | undefined, path: string): string {
  const found = text?.match(new RegExp(`${path}[A-Za-z0-9_-]{43}`))?.[0]
  expect(found, `a ${path} link`).toBeDefined()
  return found!
}

describe('organizer accounts by email in Chromium', () => {
  for (const { javaScriptEnabled, width } of [
    { javaScriptEnabled: true, width: 1280 },
    { javaScriptEnabled: false, width: 360 },
  ]) {
    const mode = javaScriptEnabled ? 'js' : 'nojs'
    test(`invite → set a password → on the campaign; forgot password → new password → signed in (JavaScript ${javaScriptEnabled ? 'on' : 'off'}, ${width} px)`, async () => {
      const invitee = `e2e-invitee-${mode}-${Date.now()}@example.org`
      const viewport = { width, height: 900 }
      const fits = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)

      // The owner invites the address as an editor; the invitation waits in the list.
      const owner = await openPage(browser, { javaScriptEnabled, viewport })
      await signIn(owner.page)
      await owner.page.goto(`${baseURL}/organizer/c/${SLUG}/organizers`)
      await owner.page.getByLabel('Email address').fill(invitee)
      await owner.page.getByLabel('Role', { exact: true }).selectOption('editor')
      await owner.page.getByRole('button', { name: 'Send invitation' }).click()
      await owner.page.getByText('Invitation sent. It waits below until they accept it.').waitFor()
      await owner.page.getByRole('button', { name: `Revoke the invitation to ${invitee}` }).waitFor()
      await fits(owner.page)
      if (javaScriptEnabled) await expectAccessible(owner.page)
      await owner.page.screenshot({ path: `${ARTIFACTS}/organizers-invitations-${width}.png`, fullPage: true })

      // The invitee opens the emailed link in a browser of their own and chooses a password.
      const invitation = await emailTo(invitee, /^You are invited to organize /)
      const invitee1 = await openPage(browser, { javaScriptEnabled, viewport })
      await invitee1.page.goto(`${baseURL}${linkPath(invitation.text, '/organizer/invite/')}`)
      await invitee1.page.getByRole('heading', { name: /^Join / }).waitFor()
      await fits(invitee1.page)
      if (javaScriptEnabled) await expectAccessible(invitee1.page)
      await invitee1.page.screenshot({ path: `${ARTIFACTS}/organizer-invitation-${width}.png`, fullPage: true })
      await invitee1.page.getByLabel('Your name (optional)').fill(`Invitee ${mode}`)
      await invitee1.page.getByLabel('Password (at least 12 characters)').fill('the first passphrase')
      await invitee1.page.getByLabel('Password again').fill('the first passphrase')
      await invitee1.page.getByRole('button', { name: 'Create my account and join' }).click()
      await invitee1.page.waitForURL(`${baseURL}/organizer/c/${SLUG}`)
      await invitee1.page.getByRole('heading', { level: 1 }).waitFor()
      expect(await invitee1.page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Customer Due Diligence/)
      // Its list no longer shows the invitation as waiting; the invitee is among the organizers.
      await owner.page.goto(`${baseURL}/organizer/c/${SLUG}/organizers`)
      await owner.page.getByText(`Invitee ${mode}`).waitFor()
      expect(await owner.page.getByRole('button', { name: `Revoke the invitation to ${invitee}` }).count()).toBe(0)
      expect([...owner.problems, ...invitee1.problems]).toEqual([])
      await owner.close()
      await invitee1.close()

      // Later, in another browser, the invitee has forgotten the password.
      const invitee2 = await openPage(browser, { javaScriptEnabled, viewport })
      await invitee2.page.goto(`${baseURL}/organizer/login`)
      await invitee2.page.getByRole('link', { name: 'Forgot your password?' }).click()
      await invitee2.page.getByRole('heading', { name: 'Forgot your password?' }).waitFor()
      await invitee2.page.getByLabel('Email address').fill(invitee)
      await invitee2.page.getByRole('button', { name: 'Email me a link' }).click()
      await invitee2.page.getByText('If an organizer account uses that address, we have sent it a link').waitFor()
      await fits(invitee2.page)
      if (javaScriptEnabled) await expectAccessible(invitee2.page)
      await invitee2.page.screenshot({ path: `${ARTIFACTS}/organizer-forgot-${width}.png`, fullPage: true })

      const reset = await emailTo(invitee, /^Your Quorum organizer password$/)
      await invitee2.page.goto(`${baseURL}${linkPath(reset.text, '/organizer/reset/')}`)
      await invitee2.page.getByRole('heading', { name: 'Choose a new password' }).waitFor()
      await fits(invitee2.page)
      if (javaScriptEnabled) await expectAccessible(invitee2.page)
      await invitee2.page.screenshot({ path: `${ARTIFACTS}/organizer-reset-${width}.png`, fullPage: true })
      await invitee2.page.getByLabel('New password (at least 12 characters)').fill('the second passphrase')
      await invitee2.page.getByLabel('New password again').fill('the second passphrase')
      await invitee2.page.getByRole('button', { name: 'Set the new password' }).click()
      await invitee2.page.getByText('Your new password is set').waitFor()
      await invitee2.page.getByLabel('Email address').fill(invitee)
      await invitee2.page.getByLabel('Password').fill('the second passphrase')
      await invitee2.page.getByRole('button', { name: 'Sign in' }).click()
      await invitee2.page.getByRole('heading', { name: 'Your campaigns' }).waitFor()
      await invitee2.page.getByRole('link', { name: /Customer Due Diligence/ }).first().waitFor()
      expect(invitee2.problems).toEqual([])
      await invitee2.close()
    })
  }
})
