import type { SerializeFrom } from '@remix-run/node'
import type { KeyDate } from '~/models/campaign-page.server'
import { plural } from '~/utils/format'

const SHORT_LABELS: Record<KeyDate['key'], string> = {
  record_date: 'Record date',
  vote_deadline: 'Broker voting deadline',
  agm: 'Annual meeting',
}

/** Days left to each key date, counted in the campaign's time zone. */
export function DashboardCountdown({ dates, timeZone }: { dates: SerializeFrom<KeyDate>[]; timeZone: string }) {
  return (
    <section className="panel" aria-labelledby="countdown-heading">
      <h2 id="countdown-heading">{dates.every((d) => d.daysLeft < 0) ? 'Key dates (all passed)' : 'Days left'}</h2>
      <ol className="countdown">
        {dates.map((d) => (
          <li key={d.key} className={d.daysLeft < 0 ? 'countdown__item is-past' : 'countdown__item'}>
            <span className="countdown__days">
              {d.daysLeft > 0 ? plural(d.daysLeft, 'day', 'days') : d.daysLeft === 0 ? 'Today' : 'Passed'}
            </span>
            <span className="countdown__label">{SHORT_LABELS[d.key]}</span>
            <time dateTime={d.iso} className="countdown__date">
              {d.date}
              {d.time ? `, ${d.time}` : ''}
              {d.daysLeft < 0 && d.relative ? ` (${d.relative})` : ''}
            </time>
          </li>
        ))}
      </ol>
      <p className="panel__footnote">Counted in calendar days in the campaign’s time zone ({timeZone.replace('_', ' ')}).</p>
    </section>
  )
}
