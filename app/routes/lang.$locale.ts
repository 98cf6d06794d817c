import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { config } from '~/config.server'
import { isLocale, LOCALE_COOKIE, localizedPath } from '~/i18n/locales'
import { safeRedirectPath } from '~/utils/safe-redirect.server'

// GET /lang/:locale?to=/c/x: the language switcher's link. It remembers the choice in a cookie
// (the plain addresses of every public page then speak it) and goes back to the page, at its
// address in that language. A link, not a form: it works without JavaScript, and what it
// changes is only this browser's preference.

const YEAR_SECONDS = 365 * 24 * 60 * 60

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isLocale(params.locale)) throw new Response('Quorum does not have that language', { status: 404 })
  const to = new URL(safeRedirectPath(new URL(request.url).searchParams.get('to'), '/'), config.appUrl)
  to.searchParams.delete('lang')
  const cookie = `${LOCALE_COOKIE}=${params.locale}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax${config.isProduction ? '; Secure' : ''}`
  return redirect(localizedPath(`${to.pathname}${to.search}`, params.locale), { status: 303, headers: { 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } })
}
