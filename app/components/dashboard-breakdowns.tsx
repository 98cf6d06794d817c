import type { SerializeFrom } from '@remix-run/node'
import type { Intention } from '../../db/schema'
import type { DashboardData } from '~/models/dashboard.server'
import { formatCount, formatPercent } from '~/utils/format'
import { HOLDER_TYPE_NAMES, INTENTION_NAMES } from '~/utils/public-figures'
import { INTENTIONS, percentOf } from '~/utils/tally'
import { ColumnHeads } from './column-heads'
import { TableScroll } from './dashboard-table-scroll'

type Data = SerializeFrom<DashboardData>

// At least 3:1 against white, and told apart by their labels too, never by colour alone.
const INTENTION_COLORS: Record<Intention, string> = { for: '#0c5d63', against: '#a3342b', abstain: '#6b7280', undecided: '#9a6b00' }

function share(part: string, whole: string): string {
  return BigInt(whole) > 0n ? formatPercent(percentOf(part, whole, 1)) : '—'
}

/** One bar of pledged shares split by intention (decorative: the table beside it has the numbers). */
function IntentionBar({ byIntention, total }: { byIntention: Record<Intention, string>; total: string }) {
  if (BigInt(total) === 0n) return null
  let x = 0
  return (
    <svg className="stack-bar" viewBox="0 0 1000 24" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {INTENTIONS.map((intention) => {
        const width = Number((BigInt(byIntention[intention]) * 10000n) / BigInt(total)) / 10
        const rect = <rect key={intention} x={x} y={0} width={width} height={24} fill={INTENTION_COLORS[intention]} />
        x += width
        return rect
      })}
    </svg>
  )
}

function Swatch({ intention }: { intention: Intention }) {
  return (
    <svg className="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">
      <rect width={10} height={10} rx={2} fill={INTENTION_COLORS[intention]} />
    </svg>
  )
}

export function IntentionBreakdown({ data }: { data: Data }) {
  const { shares } = data
  return (
    <section className="panel" aria-labelledby="intention-heading">
      <h2 id="intention-heading">Confirmed pledges by intention</h2>
      <IntentionBar byIntention={shares.byIntention} total={shares.pledged} />
      <TableScroll label="Shares by intention">
        <table className="data-table">
          <ColumnHeads columns={['Intention', { heading: 'People', className: 'num' }, { heading: 'Shares', className: 'num' }, { heading: '% of total', className: 'num is-derived' }]} />
          <tbody>
            {INTENTIONS.map((intention) => (
              <tr key={intention}>
                <th scope="row">
                  <Swatch intention={intention} /> {INTENTION_NAMES[intention]}
                </th>
                <td className="num">{formatCount(shares.supportersByIntention[intention])}</td>
                <td className="num">{formatCount(shares.byIntention[intention])}</td>
                <td className="num is-derived">{share(shares.byIntention[intention], shares.pledged)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All</th>
              <td className="num">{formatCount(data.supporters.confirmed)}</td>
              <td className="num">{formatCount(shares.pledged)}</td>
              <td className="num is-derived">{BigInt(shares.pledged) > 0n ? '100%' : '—'}</td>
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      {data.supporters.confirmed > 0 ? (
        <p className="panel__footnote">
          {formatCount(shares.disclosedBy)} of {formatCount(data.supporters.confirmed)} confirmed supporters gave a number of
          shares; the others count as supporters with no shares.
        </p>
      ) : null}
    </section>
  )
}

export function HolderTypeBreakdown({ data }: { data: Data }) {
  return (
    <section className="panel" aria-labelledby="holder-heading">
      <h2 id="holder-heading">By holder type</h2>
      <TableScroll label="Shares by holder type">
        <table className="data-table">
          <ColumnHeads columns={['Holder type', { heading: 'People', className: 'num' }, { heading: 'Shares', className: 'num' }, { heading: 'Shares for', className: 'num' }]} />
          <tbody>
            {data.byHolderType.map((row) => (
              <tr key={row.holderType}>
                <th scope="row">{HOLDER_TYPE_NAMES[row.holderType]}</th>
                <td className="num">{formatCount(row.supporters)}</td>
                <td className="num">{formatCount(row.shares)}</td>
                <td className="num">{formatCount(row.sharesFor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  )
}

export function BrokerBreakdown({ data }: { data: Data }) {
  const total = data.shares.pledged
  return (
    <section className="panel" aria-labelledby="broker-heading">
      <h2 id="broker-heading">By broker</h2>
      {data.byBroker.length === 0 ? (
        <p className="empty-state">No confirmed pledges yet.</p>
      ) : (
        <TableScroll label="Shares by broker">
          <table className="data-table data-table--wrap-names">
            <caption className="visually-hidden">The ten brokers with the most pledged shares, then all others, then pledges that name no broker</caption>
            <ColumnHeads columns={['Broker', { heading: 'People', className: 'num' }, { heading: 'Shares', className: 'num' }, { heading: '% of total', className: 'num is-derived' }]} />
            <tbody>
              {data.byBroker.map((row) => (
                <tr key={`${row.kind}:${row.label ?? ''}`} className={row.kind === 'broker' ? undefined : 'is-summary'}>
                  <th scope="row">
                    {row.kind === 'broker' ? row.label : row.kind === 'other' ? `Other brokers (${formatCount(row.brokers)})` : 'Not given'}
                  </th>
                  <td className="num">{formatCount(row.supporters)}</td>
                  <td className="num">{formatCount(row.shares)}</td>
                  <td className="num is-derived">{share(row.shares, total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="panel__footnote">Brokers are grouped by name as supporters typed it, ignoring case and spaces at either end.</p>
    </section>
  )
}

/** Where confirmed pledges came from: organizers' source codes, and pledgers' referrals as one. */
export function SourceBreakdown({ data }: { data: Data }) {
  const confirmed = data.supporters.confirmed
  const withSource = data.bySource.reduce((n, row) => n + row.pledges, 0)
  return (
    <section className="panel" aria-labelledby="source-heading">
      <h2 id="source-heading">By source</h2>
      {data.bySource.length === 0 ? (
        <p className="empty-state">No confirmed pledge came through a tracked link yet.</p>
      ) : (
        <TableScroll label="Confirmed pledges by source">
          <table className="data-table data-table--wrap-names">
            <caption className="visually-hidden">The ten sources with the most confirmed pledges</caption>
            <ColumnHeads columns={['Source', { heading: 'Pledges', className: 'num' }, { heading: '% of confirmed', className: 'num is-derived' }]} />
            <tbody>
              {data.bySource.map((row) => (
                <tr key={row.source}>
                  <th scope="row">{row.source === 'referral' ? 'Shared by pledgers (referral links)' : row.source}</th>
                  <td className="num">{formatCount(row.pledges)}</td>
                  <td className="num is-derived">{share(String(row.pledges), String(confirmed))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="panel__footnote">
        {formatCount(Math.max(0, confirmed - withSource))} confirmed pledges came without a tracked link. A source is set by <code>?source=</code>,{' '}
        <code>?utm_source=</code> or a pledger’s <code>?ref=</code> on the link to the campaign.
      </p>
    </section>
  )
}
