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
  const about = title ? <span className="visually-hidden"> of {title}</span> : null
  return (
    <ul className="calendar-links">
      <li>
        <a href={feed.webcal}>Subscribe to the key dates{about}</a>: your calendar app keeps them current if a date moves, and reminds
        you a day and two hours before the voting deadline.
      </li>
      <li>
        <a href={feed.path} download>
          Add these dates to your calendar (.ics){about}
        </a>{' '}
        once, without updates.
      </li>
      <li>
        Web calendars (such as Google Calendar) subscribe from this address: <code className="calendar-links__address">{feed.https}</code>
      </li>
    </ul>
  )
}
