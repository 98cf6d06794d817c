// The languages Quorum's public pages and supporters' emails speak. English is the default: the
// language of a page that names none, of an address with no preference, and of the organizer area.

export const LOCALES = ['en', 'de', 'es'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'en'

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** The languages a campaign's own words may be translated into (English is the original). */
export type TranslatedLocale = Exclude<Locale, 'en'>
export const TRANSLATED_LOCALES: readonly TranslatedLocale[] = ['de', 'es']

/** Each language in its own words, as the switcher offers it. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', de: 'Deutsch', es: 'Español' }

/** The Intl locale that formats numbers and dates for each language. */
export const INTL_LOCALES: Record<Locale, string> = { en: 'en-US', de: 'de-DE', es: 'es-ES' }

/** The cookie that remembers a reader's choice from the switcher. */
export const LOCALE_COOKIE = 'quorum_lang'

/**
 * A page's address in a language: English is the plain address, every other language adds
 * `?lang=`. One address, one body: what a shared cache keys on (decision 019).
 */
export function localizedPath(path: string, locale: Locale): string {
  if (locale === DEFAULT_LOCALE) return path
  return `${path}${path.includes('?') ? '&' : '?'}lang=${locale}`
}
