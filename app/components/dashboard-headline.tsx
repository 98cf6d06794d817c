import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'
import type { DashboardData } from '~/models/dashboard.server'
import { formatCount, formatPercent } from '~/utils/format'
import { FiguresHeadline } from './tally-panel'

type Data = SerializeFrom<DashboardData> & { role: 'owner' | 'editor' | 'viewer' }

/** "0.77%", or "under 0.01%" rather than a misleading "0%" for a small but real share. */
export function percentText(value: string): string {
  const n = Number(value)
  return n > 0 && n < 0.01 ? 'under 0.01%' : formatPercent(value)
}

/** Where a missing vote count is recorded: the editor's vote history, for those who may edit. */
export function RecordVotesLink({ data, children }: { data: Data; children: React.ReactNode }) {
  if (data.role === 'viewer') return <>An editor or owner of the campaign can record it in the vote history.</>
  return <Link to={`/organizer/c/${data.campaign.slug}/edit#vote-history`}>{children}</Link>
}

/** The third figure: the meeting's own result once it has voted, else pledges against the last turnout. */
function VotesCastKpi({ data }: { data: Data }) {
  const { result, campaign, lastVote, estimate, sharesFor } = data
  if (result) {
    return (
      <div className="kpi">
        <dt>Result in {campaign.agmYear}</dt>
        <dd className="kpi__value">{formatPercent(result.supportPercent)}</dd>
        <dd className="kpi__note">of votes cast were for the proposal (official result)</dd>
      </div>
    )
  }
  if (campaign.meetingPast) {
    return (
      <div className="kpi">
        <dt>Result in {campaign.agmYear}</dt>
        <dd className="kpi__value kpi__value--missing">Not recorded yet</dd>
        <dd className="kpi__note">
          The meeting has voted, but its result is missing. <RecordVotesLink data={data}>Record the {campaign.agmYear} result</RecordVotesLink>
        </dd>
      </div>
    )
  }
  if (sharesFor.percentOfLastVotesCast !== null && estimate.ok) {
    return (
      <div className="kpi">
        <dt>Share of the {estimate.year} votes cast</dt>
        <dd className="kpi__value">{percentText(sharesFor.percentOfLastVotesCast)}</dd>
        <dd className="kpi__note">
          of {formatCount(estimate.votesCast)} shares voted for or against in {estimate.year}
        </dd>
      </div>
    )
  }
  return (
    <div className="kpi">
      <dt>{lastVote ? `Share of the ${lastVote.year} votes cast` : 'Share of last votes cast'}</dt>
      <dd className="kpi__value kpi__value--missing">{lastVote ? 'Counts missing' : 'No earlier vote'}</dd>
      <dd className="kpi__note">
        {lastVote ? (
          <>
            Only the {lastVote.year} percentage ({formatPercent(lastVote.supportPercent)}) is on record, not its votes for and against.{' '}
            <RecordVotesLink data={data}>Record the {lastVote.year} votes for and against</RecordVotesLink>
          </>
        ) : (
          <>
            This is the proposal’s first vote on record. <RecordVotesLink data={data}>Record an earlier vote</RecordVotesLink>
          </>
        )}
      </dd>
    </div>
  )
}

/** The four numbers an organizer looks at first. */
export function DashboardHeadline({ data }: { data: Data }) {
  const { supporters, shares, sharesFor, voted, campaign, figures } = data
  const votedPercent = supporters.confirmed > 0 ? ((voted.voted * 100) / supporters.confirmed).toFixed(0) : '0'
  return (
    <section aria-labelledby="headline-heading">
      <h2 id="headline-heading" className="visually-hidden">
        At a glance
      </h2>
      <dl className="kpis">
        {/* Once the meeting has voted, its result comes first. */}
        {campaign.meetingPast ? <VotesCastKpi data={data} /> : null}
        <div className="kpi">
          <dt>Pledged for</dt>
          <dd>
            <FiguresHeadline pledgedFor={figures.for} className="kpi__headline" />
          </dd>
          <dd className="kpi__note">
            of <strong>{formatCount(supporters.confirmed)}</strong> confirmed pledges; {formatCount(supporters.pending)} more waiting to
            confirm their email address
          </dd>
        </div>
        <div className="kpi">
          <dt>Shares pledged for</dt>
          <dd className="kpi__value">{formatCount(shares.byIntention.for)}</dd>
          <dd className="kpi__note">
            {percentText(sharesFor.percentOfOutstanding)} of {formatCount(campaign.sharesOutstanding)} shares outstanding
          </dd>
        </div>
        {campaign.meetingPast ? null : <VotesCastKpi data={data} />}
        <div className="kpi">
          <dt>Say they have voted</dt>
          <dd className="kpi__value">{formatCount(voted.voted)}</dd>
          <dd className="kpi__note">
            {votedPercent}% of confirmed pledges; <strong>{formatCount(voted.notYet)}</strong> not yet, holding{' '}
            {formatCount(voted.forSharesNotYetVoted)} shares pledged for
          </dd>
        </div>
      </dl>
    </section>
  )
}
