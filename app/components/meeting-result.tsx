import type { SerializeFrom } from '@remix-run/node'
import type { CampaignPageData } from '~/models/campaign-page.server'
import { formatCount, formatPercent } from '~/utils/format'
import { ordinal } from '~/utils/resubmission'

type Data = SerializeFrom<CampaignPageData>

/** What the result meant for refiling, in the past tense: the vote has happened. */
export function resultVerdict(result: { clearsThreshold: boolean; majority: boolean }, threshold: { timesVoted: number; thresholdPercent: number }): string {
  const vote = `As the proposal’s ${ordinal(threshold.timesVoted)} vote in five years`
  if (result.majority) return `A majority of the votes cast. ${vote}, it also cleared the ${threshold.thresholdPercent}% needed to be filed again.`
  return result.clearsThreshold
    ? `${vote}, it cleared the ${threshold.thresholdPercent}% needed to be filed again.`
    : `${vote}, it fell short of the ${threshold.thresholdPercent}% needed to be filed again.`
}

/**
 * Once the meeting has voted, the campaign page leads with the official result (or says plainly
 * that it is not recorded yet); before the meeting it shows nothing.
 */
export function MeetingResult({ data }: { data: Data }) {
  const { campaign, result, threshold } = data
  const meeting = data.keyDates.find((d) => d.key === 'agm')!
  if (!result && !campaign.meetingPast) return null
  return (
    <section className="result-banner" aria-labelledby="result-heading">
      <h2 id="result-heading">{result ? `The ${campaign.agmYear} result` : `The ${campaign.agmYear} meeting`}</h2>
      {result ? (
        <>
          <p className="result-banner__figure">
            <span className="result-banner__number">{formatPercent(result.supportPercent)}</span> of votes cast were for the proposal
          </p>
          <p>
            {campaign.meetingPast ? `The annual meeting voted on ${meeting.date}. ` : ''}
            {resultVerdict(result, threshold)}
            {result.sourceUrl ? (
              <>
                {' '}
                <a href={result.sourceUrl}>Source of the result</a>.
              </>
            ) : null}
          </p>
        </>
      ) : (
        <p>
          The annual meeting took place on {meeting.date}. Its official result is not recorded here yet; the company publishes it
          in a Form 8-K within four business days.
        </p>
      )}
      {result ? <ResultCounts result={result} pledgedFor={data.tally.sharesByIntention.for} /> : null}
      <p className="result-banner__note">Support is counted as for ÷ (for + against); abstentions and broker non-votes are left out.</p>
    </section>
  )
}

/** The official counts, when recorded, and how the shares pledged here compare with them. */
function ResultCounts({ result, pledgedFor }: { result: NonNullable<Data['result']>; pledgedFor: string }) {
  const rows = [
    ['For', result.votes.for],
    ['Against', result.votes.against],
    ['Abstain', result.votes.abstain],
    ['Broker non-votes', result.votes.brokerNonVotes],
  ].filter((row): row is [string, string] => row[1] !== null)
  if (rows.length === 0) return null
  return (
    <>
      <dl className="result-banner__counts">
        {rows.map(([label, shares]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatCount(shares)} shares</dd>
          </div>
        ))}
      </dl>
      {result.pledgedOfFor !== null ? (
        <p>
          Shares pledged for on Quorum: <strong>{formatCount(pledgedFor)}</strong>, {formatPercent(result.pledgedOfFor)} of the shares voted for.
        </p>
      ) : null}
    </>
  )
}
