import type { SerializeFrom } from '@remix-run/node'
import type { DashboardData } from '~/models/dashboard.server'
import { formatCount, formatPercent } from '~/utils/format'

type Data = SerializeFrom<DashboardData>

/** "0.77%", or "under 0.01%" rather than a misleading "0%" for a small but real share. */
export function percentText(value: string): string {
  const n = Number(value)
  return n > 0 && n < 0.01 ? 'under 0.01%' : formatPercent(value)
}

/** The four numbers an organizer looks at first. */
export function DashboardHeadline({ data }: { data: Data }) {
  const { supporters, shares, sharesFor, voted, lastVote, estimate, campaign } = data
  const votedPercent = supporters.confirmed > 0 ? ((voted.voted * 100) / supporters.confirmed).toFixed(0) : '0'
  return (
    <section aria-labelledby="headline-heading">
      <h2 id="headline-heading" className="visually-hidden">
        At a glance
      </h2>
      <dl className="kpis">
        <div className="kpi">
          <dt>Confirmed supporters</dt>
          <dd className="kpi__value">{formatCount(supporters.confirmed)}</dd>
          <dd className="kpi__note">
            <strong>{formatCount(supporters.pending)}</strong> more waiting to confirm their email address
          </dd>
        </div>
        <div className="kpi">
          <dt>Shares pledged for</dt>
          <dd className="kpi__value">{formatCount(shares.byIntention.for)}</dd>
          <dd className="kpi__note">
            {percentText(sharesFor.percentOfOutstanding)} of {formatCount(campaign.sharesOutstanding)} shares outstanding
          </dd>
        </div>
        <div className="kpi">
          <dt>{lastVote ? `Share of the ${lastVote.year} votes cast` : 'Share of last votes cast'}</dt>
          {sharesFor.percentOfLastVotesCast !== null && estimate.ok ? (
            <>
              <dd className="kpi__value">{percentText(sharesFor.percentOfLastVotesCast)}</dd>
              <dd className="kpi__note">
                of {formatCount(estimate.votesCast)} shares voted for or against in {estimate.year}
              </dd>
            </>
          ) : (
            <>
              <dd className="kpi__value kpi__value--missing">Not recorded</dd>
              <dd className="kpi__note">
                {lastVote ? `Only the ${lastVote.year} percentage is on record, not its vote counts.` : 'No earlier vote is on record.'}
              </dd>
            </>
          )}
        </div>
        <div className="kpi">
          <dt>Say they have voted</dt>
          <dd className="kpi__value">{formatCount(voted.voted)}</dd>
          <dd className="kpi__note">
            {votedPercent}% of confirmed supporters; <strong>{formatCount(voted.notYet)}</strong> not yet, holding{' '}
            {formatCount(voted.forSharesNotYetVoted)} shares pledged for
          </dd>
        </div>
      </dl>
    </section>
  )
}
