import { createInstance, type i18n as I18n, type TFunction } from 'i18next'
import de from './messages/de.json'
import en from './messages/en.json'
import es from './messages/es.json'
import { setI18n } from 'react-i18next'
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales'

// One i18next instance per language, made once and shared by every render (server and browser)
// and every email: the messages are bundled, so an instance is ready the moment it is made and
// the page's first render already speaks its language (nothing loads after hydration).

export const MESSAGES = { en, de, es } satisfies Record<Locale, unknown>

const instances = new Map<Locale, I18n>()

export function i18nFor(locale: Locale): I18n {
  let instance = instances.get(locale)
  if (!instance) {
    instance = createInstance()
    void instance.init({
      lng: locale,
      fallbackLng: DEFAULT_LOCALE,
      resources: { en: { translation: en }, de: { translation: de }, es: { translation: es } },
      // React escapes what it renders; emails are React too.
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
      showSupportNotice: false,
    })
    instances.set(locale, instance)
  }
  return instance
}

/** The translate function of a language, for code outside React (loaders, emails). */
export function translatorFor(locale: Locale): TFunction {
  return i18nFor(locale).t
}

/** The language a page's meta function writes in: the root loader's choice (English if there is none). */
export function metaTranslator(matches: ReadonlyArray<{ id: string; data: unknown }>): TFunction {
  const root = matches.find((match) => match.id === 'root')?.data as { locale?: unknown } | undefined
  return translatorFor(isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE)
}

// Components rendered outside a page (the embed's static markup) speak English.
setI18n(i18nFor(DEFAULT_LOCALE))
