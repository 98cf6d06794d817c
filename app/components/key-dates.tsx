import type { SerializeFrom } from '@remix-run/node'
import type { KeyDate } from '~/models/campaign-page.server'
import { useTranslation } from 'react-i18next'
import { CalendarLinks, type CalendarFeedLinks } from './calendar-links'

export function KeyDates({ dates, calendar, timeZone }: { dates: SerializeFrom<KeyDate>[]; calendar: CalendarFeedLinks; timeZone: string }) {
  const { t } = useTranslation()
  return (
    <section className="panel" aria-labelledby="key-dates-heading">
      <h2 id="key-dates-heading">{t('keyDates.heading')}</h2>
      <ol className="key-dates">
        {dates.map((d) => (
          <li key={d.key} className={d.daysLeft < 0 ? 'key-dates__item is-past' : 'key-dates__item'}>
            <span className="key-dates__label">{d.label}</span>
            <time dateTime={d.iso} className="key-dates__when">
              {d.date}
              {d.time ? `, ${d.time}` : ''}
            </time>
            {d.alsoAs ? <span className="key-dates__also">({d.alsoAs})</span> : null}
            {d.relative ? <span className="key-dates__relative">{d.relative}</span> : null}
          </li>
        ))}
      </ol>
      <p className="panel__footnote">{t('keyDates.timeZoneNote', { timeZone: timeZone.replace('_', ' ') })}</p>
      <CalendarLinks feed={calendar} />
    </section>
  )
}
