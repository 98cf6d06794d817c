import { useTranslation } from 'react-i18next'
// Loaded for its default: outside a page's provider, components speak English.
import './instance'
import { formatCount, formatPercent } from '~/utils/format'
import { isLocale, type Locale, DEFAULT_LOCALE, localizedPath } from './locales'

/** The page's language, its translate function, and numbers and addresses in that language. */
export function useLocale() {
  const { t, i18n } = useTranslation()
  const locale: Locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE
  return {
    t,
    locale,
    count: (value: number | string | bigint) => formatCount(value, locale),
    percent: (value: number | string) => formatPercent(value, locale),
    /** A link to another public page, in this page's language. */
    href: (path: string) => localizedPath(path, locale),
  }
}
