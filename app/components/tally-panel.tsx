import type { SerializeFrom } from '@remix-run/node'
import type { CampaignPageData } from '~/models/campaign-page.server'
import { formatCount, formatPercent } from '~/utils/format'

type TallyData = SerializeFrom<CampaignPageData>['tally']

export function TallyPanel({ tally, closed }: { tally: TallyData; closed: boolean }) {
  return (
    <section className="panel tally" aria-labelledby="tally-heading">
      <h2 id="tally-heading">{closed ? 'Pledged on Quorum' : 'Support so far'}</h2>
      <p className="tally__headline">
        <span className="tally__number">{formatCount(tally.supporters)}</span>{' '}
        {tally.supporters === 1 ? 'confirmed supporter' : 'confirmed supporters'}
      </p>
      <dl className="tally__shares">
        <div>
          <dt>Shares pledged for</dt>
          <dd>{formatCount(tally.sharesByIntention.for)}</dd>
          <dd className="tally__share-of">{formatPercent(tally.percentOfOutstanding.for)} of shares outstanding</dd>
        </div>
        <div>
          <dt>Against</dt>
          <dd>{formatCount(tally.sharesByIntention.against)}</dd>
        </div>
        <div>
          <dt>Abstain</dt>
          <dd>{formatCount(tally.sharesByIntention.abstain)}</dd>
        </div>
        <div>
          <dt>Undecided</dt>
          <dd>{formatCount(tally.sharesByIntention.undecided)}</dd>
        </div>
        <div>
          <dt>Say they have already voted</dt>
          <dd>{formatCount(tally.voted)}</dd>
        </div>
      </dl>
      {tally.names.length > 0 ? (
        <div className="named">
          <h3>Among those pledged for</h3>
          <p>{tally.names.join(' · ')}</p>
        </div>
      ) : null}
      <p className="panel__footnote">
        Only pledges from confirmed email addresses count. Share numbers are as supporters report them.
      </p>
    </section>
  )
}
