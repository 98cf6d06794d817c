import type { SerializeFrom } from '@remix-run/node'
import type { SeriesPoint } from '~/models/dashboard.server'
import { formatCalendarDate } from '~/utils/dates'
import { formatCount } from '~/utils/format'
import { ColumnHeads } from './column-heads'
import { TableScroll } from './dashboard-table-scroll'
import { SupportChart } from './support-chart'

const FOR_COLOR = '#0c5d63'
const SUPPORTERS_COLOR = '#12324a'

function describe(what: string, points: Array<{ day: string; value: string }>): string {
  const first = points[0]!
  const last = points[points.length - 1]!
  return (
    `Cumulative ${what} at the end of each day from ${formatCalendarDate(first.day)} to ${formatCalendarDate(last.day)}: ` +
    `${formatCount(first.value)} on the first day, ${formatCount(last.value)} on the last. The table that follows gives every day.`
  )
}

/** Two small charts (shares and people have different scales) and one table of both. */
export function DashboardSupportOverTime({ series }: { series: SerializeFrom<SeriesPoint>[] }) {
  const shares = series.map((p) => ({ day: p.day, value: p.sharesFor }))
  const people = series.map((p) => ({ day: p.day, value: String(p.supporters) }))
  const last = series[series.length - 1]
  return (
    <section className="panel" aria-labelledby="over-time-heading">
      <h2 id="over-time-heading">Support over time</h2>
      {last ? (
        <>
          <div className="charts">
            <figure className="chart-figure">
              <figcaption>
                <span className="chart-figure__label">Shares pledged for</span>
                <span className="chart-figure__value">{formatCount(last.sharesFor)}</span>
              </figcaption>
              <SupportChart id="chart-shares" title="Shares pledged for, cumulative by day" description={describe('shares pledged for', shares)} points={shares} color={FOR_COLOR} />
            </figure>
            <figure className="chart-figure">
              <figcaption>
                <span className="chart-figure__label">Confirmed pledges (every intention)</span>
                <span className="chart-figure__value">{formatCount(last.supporters)}</span>
              </figcaption>
              <SupportChart id="chart-supporters" title="Confirmed pledges of every intention, cumulative by day" description={describe('confirmed pledges', people)} points={people} color={SUPPORTERS_COLOR} />
            </figure>
          </div>
          <details className="data-details">
            <summary>Show these figures as a table</summary>
            <TableScroll label="Support by day">
              <table className="data-table">
                <caption className="visually-hidden">Cumulative support at the end of each day</caption>
                <ColumnHeads columns={['Day', { heading: 'Shares pledged for', className: 'num' }, { heading: 'Confirmed pledges (every intention)', className: 'num' }]} />
                <tbody>
                  {[...series].reverse().map((p) => (
                    <tr key={p.day}>
                      <th scope="row">
                        <time dateTime={p.day}>{formatCalendarDate(p.day)}</time>
                      </th>
                      <td className="num">{formatCount(p.sharesFor)}</td>
                      <td className="num">{formatCount(p.supporters)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </details>
          <p className="panel__footnote">
            Confirmed pledges only, counted on the day they were confirmed; a change or withdrawal moves the curve on the day it
            happens.
          </p>
        </>
      ) : (
        <p className="empty-state">No confirmed pledges yet. The curve starts with the first confirmed supporter.</p>
      )}
    </section>
  )
}
