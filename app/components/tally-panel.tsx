import type { SerializeFrom } from '@remix-run/node'
import type { CampaignPageData } from '~/models/campaign-page.server'
import { formatCount, formatPercent } from '~/utils/format'
import { FIGURES_FOOTNOTE, type IntentionFigure, headlineParts, intentionSplit, votedSentence } from '~/utils/public-figures'
import { ColumnHeads } from './column-heads'

type TallyData = SerializeFrom<CampaignPageData>['tally']

/** "1,234 people pledged for · 5,678,901 shares", with the numbers set large. */
export function FiguresHeadline({ pledgedFor, className = 'tally__headline' }: { pledgedFor: IntentionFigure; className?: string }) {
  const parts = headlineParts(pledgedFor)
  return (
    <p className={className}>
      <span className="tally__number">{parts.people}</span> {parts.peopleLabel} · <span className="tally__figure">{parts.shares}</span> {parts.sharesLabel}
    </p>
  )
}

/** The people and shares of each intention, with the totals of all confirmed pledges. */
export function IntentionSplitTable({ tally }: { tally: Pick<TallyData, 'figures' | 'supporters' | 'sharesPledged'> }) {
  return (
    <table className="tally__split">
      <caption>Confirmed pledges by intention</caption>
      <ColumnHeads columns={['Intention', 'People', 'Shares']} />
      <tbody>
        {intentionSplit(tally.figures).map((row) => (
          <tr key={row.intention}>
            <th scope="row">{row.name}</th>
            <td>{formatCount(row.people)}</td>
            <td>{formatCount(row.shares)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All</th>
          <td>{formatCount(tally.supporters)}</td>
          <td>{formatCount(tally.sharesPledged)}</td>
        </tr>
      </tfoot>
    </table>
  )
}

export function TallyPanel({ tally, closed }: { tally: TallyData; closed: boolean }) {
  const empty = tally.supporters === 0
  return (
    <section className="panel tally" aria-labelledby="tally-heading">
      <h2 id="tally-heading">{closed ? 'Pledged on Quorum' : 'Support so far'}</h2>
      {empty && closed ? (
        <p>No pledges were recorded on Quorum for this meeting.</p>
      ) : (
        <>
          <FiguresHeadline pledgedFor={tally.figures.for} />
          <p className="tally__share-of">{formatPercent(tally.percentOfOutstanding.for)} of the shares outstanding are pledged for.</p>
          {empty ? <p>No confirmed pledges yet: yours can be the first.</p> : <IntentionSplitTable tally={tally} />}
          {tally.voted > 0 ? <p className="tally__voted">{votedSentence(tally.voted)}</p> : null}
        </>
      )}
      {tally.names.length > 0 ? (
        <div className="named">
          <h3>Among those pledged for</h3>
          <p>{tally.names.join(' · ')}</p>
        </div>
      ) : null}
      <p className="panel__footnote">{FIGURES_FOOTNOTE}</p>
    </section>
  )
}
