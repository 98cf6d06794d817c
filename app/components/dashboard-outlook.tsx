import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'
import type { DashboardData } from '~/models/dashboard.server'
import { formatCount, formatPercent } from '~/utils/format'
import { ordinal } from '~/utils/resubmission'
import { percentOf } from '~/utils/tally'
import { RecordVotesLink } from './dashboard-headline'

type Data = SerializeFrom<DashboardData> & { role: 'owner' | 'editor' | 'viewer' }

/** How far the shares pledged for are towards a goal, in tenths of a percent (shares can pass 2^53). */
function ProgressBar({ part, whole, labelledBy }: { part: string; whole: string; labelledBy: string }) {
  const ratio = BigInt(whole) > 0n ? BigInt(part) * 1000n / BigInt(whole) : 0n
  const percent = Number(ratio > 1000n ? 1000n : ratio) / 10
  return <progress className={percent >= 100 ? 'progress progress--reached' : 'progress'} aria-labelledby={labelledBy} value={percent} max={100} />
}

function Goals({ data }: { data: Data }) {
  const { goals, estimate, shares, threshold } = data
  if (!estimate.ok) return null
  return (
    <ul className="goals">
      {goals.map((goal) => {
        const label = goal.key === 'resubmission' ? `At least ${threshold.thresholdPercent}%: can be filed again` : 'Over 50%: a majority'
        return (
          <li key={goal.key} className={goal.reached ? 'goal is-reached' : 'goal'}>
            <h4 className="goal__label" id={`goal-${goal.key}`}>
              {label}
            </h4>
            <p className="goal__distance">
              {goal.reached ? (
                <>Reached by pledges alone</>
              ) : (
                <>
                  <strong>{formatCount(goal.sharesNeeded)}</strong> more shares pledged “for” needed
                </>
              )}
            </p>
            <ProgressBar part={shares.byIntention.for} whole={goal.votesNeeded} labelledBy={`goal-${goal.key}`} />
            <p className="goal__detail">
              {formatCount(shares.byIntention.for)} pledged for, of {formatCount(goal.votesNeeded)} votes for needed (
              {formatPercent(percentOf(shares.byIntention.for, goal.votesNeeded, 1))})
            </p>
          </li>
        )
      })}
    </ul>
  )
}

function ProjectionView({ data }: { data: Data }) {
  const { projection, lastVote, threshold, estimate } = data
  if (!projection.ok) {
    return (
      <div className="notice">
        <p>
          <strong>No projection.</strong> {projection.reason}
        </p>
      </div>
    )
  }
  const year = estimate.ok ? estimate.year : lastVote?.year
  const lastPercent = lastVote ? formatPercent(lastVote.supportPercent) : ''
  return (
    <>
      <p className="projection__headline">
        <span className="projection__number">{formatPercent(projection.supportPercent)}</span> of votes cast for
      </p>
      <p>
        {projection.majority
          ? `A majority, which also clears the ${threshold.thresholdPercent}% needed to file again.`
          : projection.clearsThreshold
            ? `Enough to file again next year (${threshold.thresholdPercent}% needed), short of a majority.`
            : `Short of the ${threshold.thresholdPercent}% needed to file again next year.`}{' '}
        Projected: {formatCount(projection.projectedFor)} shares for, {formatCount(projection.projectedAgainst)} against.
      </p>
      <h4 className="assumptions__heading">This assumes that</h4>
      <ul className="assumptions">
        <li>
          as many shares are voted for or against as in {year}: {formatCount(projection.votesCast)};
        </li>
        <li>every share pledged for or against is voted as pledged, and counts among those votes;</li>
        <li>
          the other {formatCount(projection.remainder)} votes split as they did in {year} ({lastPercent} for);
        </li>
        <li>abstentions and undecided pledges are not votes cast, as Rule 14a-8 counts support.</li>
      </ul>
      <p className="panel__footnote">Pledges are what supporters tell us; nobody can verify how a share is finally voted.</p>
    </>
  )
}

/** After the meeting: what the vote needed, and what it got (its recorded result). */
function OutlookAfterTheMeeting({ data }: { data: Data }) {
  const { threshold, result, campaign } = data
  return (
    <section className="panel outlook" aria-labelledby="outlook-heading">
      <h2 id="outlook-heading">What the vote needed</h2>
      <p className="outlook__rule">
        This was the proposal’s {ordinal(threshold.timesVoted)} vote in the five calendar years {threshold.window.from}–{threshold.window.to}.
        To be filed again it needed at least <strong>{threshold.thresholdPercent}% of votes cast</strong> (Rule 14a-8(i)(12)); a majority
        needed over 50%.
      </p>
      {result ? (
        <p className="projection__headline">
          <span className="projection__number">{formatPercent(result.supportPercent)}</span> of votes cast were for:{' '}
          {result.majority
            ? 'a majority, which also cleared the resubmission threshold.'
            : result.clearsThreshold
              ? `enough to be filed again (${threshold.thresholdPercent}% needed), short of a majority.`
              : `short of the ${threshold.thresholdPercent}% needed to be filed again.`}
        </p>
      ) : (
        <div className="notice">
          <p>
            <strong>The {campaign.agmYear} result is not recorded.</strong> The company publishes it in a Form 8-K (Item 5.07) within
            four business days of the meeting. <RecordVotesLink data={data}>Record the {campaign.agmYear} result</RecordVotesLink>
          </p>
        </div>
      )}
    </section>
  )
}

/** What the vote needs, how far pledges are from it, and where they point. */
export function DashboardOutlook({ data }: { data: Data }) {
  const { threshold } = data
  if (data.campaign.meetingPast) return <OutlookAfterTheMeeting data={data} />
  return (
    <section className="panel outlook" aria-labelledby="outlook-heading">
      <h2 id="outlook-heading">What the vote needs</h2>
      <p className="outlook__rule">
        This is the proposal’s {ordinal(threshold.timesVoted)} vote in the five calendar years {threshold.window.from}–
        {threshold.window.to}. To be filed again next year it needs at least <strong>{threshold.thresholdPercent}% of votes cast</strong>{' '}
        (Rule 14a-8(i)(12)); a majority needs over 50%. Support is for ÷ (for + against).
      </p>
      {data.estimate.ok ? (
        <div className="outlook__grid">
          <div>
            <h3>Distance in shares</h3>
            <Goals data={data} />
          </div>
          <div>
            <h3>Projected outcome</h3>
            <ProjectionView data={data} />
          </div>
        </div>
      ) : (
        <div className="notice">
          <p>
            <strong>The distance in shares and a projected outcome cannot be computed.</strong> {data.estimate.reason}{' '}
            {data.lastVote ? <RecordVotesLink data={data}>Record the {data.lastVote.year} votes for and against</RecordVotesLink> : null}
          </p>
          <p className="muted">
            Both start from the last meeting’s votes for and against: the shares still needed are the threshold × those votes
            cast − the shares pledged for, and a projection splits the votes that are not pledged as that meeting did. Once the
            counts are recorded for the proposal, both appear here.
          </p>
        </div>
      )}
      <p className="panel__footnote">
        These figures count pledges only. <Link to={`/organizer/c/${data.campaign.slug}/projection`}>The projection</Link> adds the holders on record, their
        past votes and affiliated holders, with a scenario to try.
      </p>
    </section>
  )
}
