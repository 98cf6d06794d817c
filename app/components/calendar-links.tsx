import { Trans, useTranslation } from 'react-i18next'

export interface CalendarFeedLinks {
  /** The feed's path on this site, for the one-off download. */
  path: string
  https: string
  webcal: string
}

/**
 * A campaign's calendar: a subscription that keeps itself current (webcal: opens the calendar
 * app), the same file once, and the https address for web calendars that subscribe from a URL.
 * `title` names the campaign to screen readers where a page lists several.
 */
export function CalendarLinks({ feed, title }: { feed: CalendarFeedLinks; title?: string }) {
  const { t } = useTranslation()
  const about = title ? <span className="visually-hidden"> {t('calendar.of', { title })}</span> : null
  return (
    <ul className="calendar-links">
      <li>
        <Trans i18nKey="calendar.subscribe" components={{ a: <a href={feed.webcal} />, about: about ?? <></> }} />
      </li>
      <li>
        <Trans i18nKey="calendar.download" components={{ a: <a href={feed.path} download />, about: about ?? <></> }} />
      </li>
      <li>
        {t('calendar.webCalendars')} <code className="calendar-links__address">{feed.https}</code>
      </li>
    </ul>
  )
}
