import { INTL_LOCALES, type Locale } from '../i18n/locales'

// Numbers as each language writes them ("508,540,235", "508.540.235"; "40.3%", "40,3 %"). The
// formatters are made once per language: Intl's constructors are the slow part.

const integerFormats = new Map<Locale, Intl.NumberFormat>()
const percentFormats = new Map<Locale, Intl.NumberFormat>()

function cached(formats: Map<Locale, Intl.NumberFormat>, locale: Locale, options: Intl.NumberFormatOptions) {
  let format = formats.get(locale)
  if (!format) formats.set(locale, (format = new Intl.NumberFormat(INTL_LOCALES[locale], options)))
  return format
}

/** "508,540,235" for a number or a bigint given as a string. */
export function formatCount(value: number | string | bigint, locale: Locale = 'en'): string {
  return cached(integerFormats, locale, {}).format(typeof value === 'string' ? BigInt(value) : value)
}

/** "40.3%" from "40.30": trailing zeros dropped ("40,3 %" in German). */
export function formatPercent(value: string | number, locale: Locale = 'en'): string {
  return cached(percentFormats, locale, { style: 'percent', maximumFractionDigits: 4 }).format(roundTo(Number(value), 2) / 100)
}

/** Rounded to `digits` decimals first, as the percent was before (40.305 → 40.31), then shown as a fraction. */
function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`
}
