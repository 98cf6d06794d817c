import type { TFunction } from 'i18next'
import en from './messages/en.json'
import { INTL_LOCALES, type Locale } from './locales'

// The zod schemas carry their messages in English (app/schemas: the server, the API and the tests
// read them so). A form shows them in the reader's language: each English message of
// `errors` in en.json is a template ("Keep the name to {{max}} characters or fewer"), matched
// here and said again through that language's `errors` entry, with its numbers written that
// language's way. A message with no entry is shown as it is.

const PLACEHOLDER = /\{\{(\w+)\}\}/g

const patterns = Object.entries(en.errors).map(([key, template]) => {
  const names: string[] = []
  const source = template
    .split(PLACEHOLDER)
    .map((part, index) => (index % 2 === 1 ? (names.push(part), '(.+?)') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return { key, names, regex: new RegExp(`^${source}$`) }
})

const ENGLISH_NUMBER = /^\d{1,3}(?:,\d{3})+$/

export function translateError(t: TFunction, locale: Locale, message: string): string {
  if (locale === 'en') return message
  for (const { key, names, regex } of patterns) {
    const match = regex.exec(message)
    if (!match) continue
    const values = Object.fromEntries(names.map((name, index) => [name, localNumber(match[index + 1]!, locale)]))
    return t(`errors.${key}`, values)
  }
  return message
}

/** "508,540,235" → "508.540.235" in German: a number inside a message reads the page's way. */
function localNumber(value: string, locale: Locale): string {
  return ENGLISH_NUMBER.test(value) ? new Intl.NumberFormat(INTL_LOCALES[locale]).format(BigInt(value.replaceAll(',', ''))) : value
}
