import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'
import type { CampaignPageData } from '~/models/campaign-page.server'
import { formatPercent } from '~/utils/format'
import { ordinal } from '~/utils/resubmission'
import { ColumnHeads } from './column-heads'
import { resultVerdict } from './meeting-result'

type Data = SerializeFrom<CampaignPageData>

export function VoteHistory({ data }: { data: Data }) {
  const { history, threshold, result, related, campaign } = data
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">Vote history</h2>
      {history.length > 0 ? (
        <table className="history-table">
          <caption className="visually-hidden">Support for this proposal at earlier annual meetings</caption>
          <ColumnHeads columns={['Meeting', 'Support']} />
          <tbody>
            {history.map((h) => (
              <tr key={h.year}>
                <th scope="row">{h.year}</th>
                <td>{formatPercent(h.supportPercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{campaign.meetingPast ? `The ${campaign.agmYear} vote was the proposal’s first.` : 'This is the first time the proposal goes to a vote.'}</p>
      )}
      {result ? (
        <p className="result">
          <strong>
            Result in {campaign.agmYear}: {formatPercent(result.supportPercent)} of votes cast for.
          </strong>{' '}
          {resultVerdict(result, threshold)}
        </p>
      ) : campaign.meetingPast ? (
        <p>
          This was the proposal’s {ordinal(threshold.timesVoted)} vote in the five calendar years {threshold.window.from}–{threshold.window.to}.
          To be filed again it needed at least <strong>{threshold.thresholdPercent}% of votes cast</strong> (Rule 14a-8(i)(12)). Its result
          is not recorded here yet.
        </p>
      ) : (
        <p>
          This will be the proposal’s {ordinal(threshold.timesVoted)} vote in the five calendar years {threshold.window.from}–
          {threshold.window.to}. To be filed again next year it needs at least{' '}
          <strong>{threshold.thresholdPercent}% of votes cast</strong> (Rule 14a-8(i)(12)); a majority is over 50%.
        </p>
      )}
      <p className="panel__footnote">Support is counted as for ÷ (for + against); abstentions and broker non-votes are left out.</p>
      {related.length > 0 ? (
        <>
          <h3>Other years</h3>
          <ul className="related">
            {related.map((r) => (
              <li key={r.slug}>
                <Link to={`/c/${r.slug}`}>
                  {r.year} annual meeting{r.isDemo ? ' (demo)' : ''}
                </Link>{' '}
                <span className="muted">· {r.status === 'closed' ? 'closed' : 'live'}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
