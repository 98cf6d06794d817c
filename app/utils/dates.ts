// Dates are stored as instants (timestamptz) or calendar dates, and always shown in the
// campaign's own IANA time zone, never the server's or the browser's. Converting between an
// instant and a zone's wall clock is @date-fns/tz's work (daylight saving included).
import { TZDate } from '@date-fns/tz'
import { INTL_LOCALES, type Locale } from '../i18n/locales'

const MS_PER_DAY = 86_400_000

/** The instant at which the wall clock in `timeZone` reads `date` (YYYY-MM-DD) at `time` (HH:MM). */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [hh, mm] = time.split(':').map(Number) as [number, number]
  return new Date(new TZDate(y, m - 1, d, hh, mm, timeZone).getTime())
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function calendarDateIn(instant: Date, timeZone: string): string {
  const wallClock = new TZDate(instant.getTime(), timeZone)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${wallClock.getFullYear()}-${pad(wallClock.getMonth() + 1)}-${pad(wallClock.getDate())}`
}

/** "2025-06-03T10:00": an instant as the zone's wall clock reads it (a datetime-local value). */
export function wallClockIn(instant: Date, timeZone: string): string {
  const wallClock = new TZDate(instant.getTime(), timeZone)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${calendarDateIn(instant, timeZone)}T${pad(wallClock.getHours())}:${pad(wallClock.getMinutes())}`
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d) + days * MS_PER_DAY).toISOString().slice(0, 10)
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is past. */
export function daysBetween(from: string, to: string): number {
  const parse = (s: string) => Date.parse(`${s}T00:00:00Z`)
  return Math.round((parse(to) - parse(from)) / MS_PER_DAY)
}

/** "Wednesday, May 25, 2022" for a calendar date ("Mittwoch, 25. Mai 2022", "miércoles, 25 de mayo de 2022"). */
export function formatCalendarDate(date: string, locale: Locale = 'en'): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], {
    timeZone: 'UTC',
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(`${date}T00:00:00Z`))
}

/** "Wednesday, May 25, 2022" for an instant, as the calendar reads in `timeZone`. */
export function formatDateIn(instant: Date, timeZone: string, locale: Locale = 'en'): string {
  return formatCalendarDate(calendarDateIn(instant, timeZone), locale)
}

/** "9:00 a.m. PDT" for an instant in `timeZone` (in German and Spanish, Intl's 24-hour clock: "09:00 GMT-7"). */
export function formatTimeIn(instant: Date, timeZone: string, locale: Locale = 'en'): string {
  if (locale !== 'en') {
    return new Intl.DateTimeFormat(INTL_LOCALES[locale], { timeZone, hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(instant)
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).formatToParts(instant)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  const period = get('dayPeriod').toLowerCase() === 'pm' ? 'p.m.' : 'a.m.'
  return `${get('hour')}:${get('minute')} ${period} ${get('timeZoneName')}`
}

/** "in 12 days", "tomorrow", "today", "yesterday", "3 days ago" ("in 12 Tagen", "mañana"…). */
export function describeDaysLeft(days: number, locale: Locale = 'en'): string {
  return new Intl.RelativeTimeFormat(INTL_LOCALES[locale], { numeric: 'auto' }).format(days, 'day')
}

/** "Tuesday, June 3, 2025, 10:00 a.m. EDT": an instant in full, in `timeZone`. */
export function formatInstantIn(instant: Date, timeZone: string, locale: Locale = 'en'): string {
  return `${formatDateIn(instant, timeZone, locale)}, ${formatTimeIn(instant, timeZone, locale)}`
}

/** "in 5 minutes", "3 hours ago", "in 8 days": how far `instant` is from `now`, in a sensible unit. */
export function describeFromNow(instant: Date, now: Date): string {
  const minutes = Math.round((instant.getTime() - now.getTime()) / 60_000)
  if (minutes === 0) return 'now'
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
  const abs = Math.abs(minutes)
  const span = abs < 90 ? plural(abs, 'minute') : abs < 48 * 60 ? plural(Math.round(abs / 60), 'hour') : plural(Math.round(abs / 1440), 'day')
  return minutes > 0 ? `in ${span}` : `${span} ago`
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return true
  } catch {
    return false
  }
}
