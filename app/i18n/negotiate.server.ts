import Negotiator from 'negotiator'
import { DEFAULT_LOCALE, isLocale, type Locale, LOCALE_COOKIE, LOCALES } from './locales'

// Which language a request gets: the address's `?lang=`, else the switcher's cookie, else the
// browser's Accept-Language, else English. The public-page server asks this for every cached hit,
// so each step is a string test or a map lookup (decision 019).

const COOKIE = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=(${LOCALES.join('|')})(?:;|$)`)

export function localeFromCookie(cookieHeader: string | null | undefined): Locale | undefined {
  if (!cookieHeader) return undefined
  const match = COOKIE.exec(cookieHeader)
  return match ? (match[1] as Locale) : undefined
}

// Browsers send a handful of distinct Accept-Language values; each is negotiated once.
const negotiated = new Map<string, Locale>()

export function localeFromAcceptLanguage(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE
  let locale = negotiated.get(acceptLanguage)
  if (!locale) {
    const chosen = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([...LOCALES])
    locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE
    if (negotiated.size >= 500) negotiated.clear()
    negotiated.set(acceptLanguage, locale)
  }
  return locale
}

/** The language a reader's headers ask for when the address names none. */
export function preferredLocale(headers: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  return localeFromCookie(headers.cookie) ?? localeFromAcceptLanguage(headers.acceptLanguage)
}

/** The `?lang=` an address names, if it is one of Quorum's languages. */
export function localeFromSearch(search: URLSearchParams): Locale | undefined {
  const lang = search.get('lang')
  return isLocale(lang) ? lang : undefined
}

/** The language a loader renders `request` in (the root loader's choice: organizer pages aside). */
export function localeOf(request: Request): Locale {
  return requestLocale(request).locale
}

/** The language of a page rendered for `request`, and whether its address chose it. */
export function requestLocale(request: Request): { locale: Locale; explicit: boolean } {
  const explicit = localeFromSearch(new URL(request.url).searchParams)
  if (explicit) return { locale: explicit, explicit: true }
  return { locale: preferredLocale({ cookie: request.headers.get('cookie'), acceptLanguage: request.headers.get('accept-language') }), explicit: false }
}
