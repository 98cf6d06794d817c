import type { SerializeFrom } from '@remix-run/node'
import type { CampaignPageData } from '~/models/campaign-page.server'
import { useLocale } from '~/i18n/use-locale'
import { INTENTIONS } from '~/utils/tally'
import type { IntentionFigure } from '~/utils/public-figures'
import { ColumnHeads } from './column-heads'

type TallyData = SerializeFrom<CampaignPageData>['tally']

/** "1,234 people pledged for · 5,678,901 shares", with the numbers set large. */
export function FiguresHeadline({ pledgedFor, className = 'tally__headline' }: { pledgedFor: IntentionFigure; className?: string }) {
  const { t, count } = useLocale()
  const shares = BigInt(pledgedFor.shares)
  return (
    <p className={className}>
      <span className="tally__number">{count(pledgedFor.people)}</span> {t('figures.peoplePledgedFor', { count: pledgedFor.people })} ·{' '}
      <span className="tally__figure">{count(pledgedFor.shares)}</span> {t('figures.shares', { count: shares === 1n ? 1 : 2 })}
    </p>
  )
}

/** The people and shares of each intention, with the totals of all confirmed pledges. */
export function IntentionSplitTable({ tally }: { tally: Pick<TallyData, 'figures' | 'supporters' | 'sharesPledged'> }) {
  const { t, count } = useLocale()
  return (
    <table className="tally__split">
      <caption>{t('tally.splitCaption')}</caption>
      <ColumnHeads columns={[t('tally.intention'), t('tally.people'), t('tally.sharesColumn')]} />
      <tbody>
        {INTENTIONS.map((intention) => (
          <tr key={intention}>
            <th scope="row">{t(`intentions.${intention}`)}</th>
            <td>{count(tally.figures[intention].people)}</td>
            <td>{count(tally.figures[intention].shares)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('tally.all')}</th>
          <td>{count(tally.supporters)}</td>
          <td>{count(tally.sharesPledged)}</td>
        </tr>
      </tfoot>
    </table>
  )
}

export function TallyPanel({ tally, closed }: { tally: TallyData; closed: boolean }) {
  const { t, percent, count } = useLocale()
  const empty = tally.supporters === 0
  return (
    <section className="panel tally" aria-labelledby="tally-heading">
      <h2 id="tally-heading">{closed ? t('tally.pledgedOnQuorum') : t('tally.supportSoFar')}</h2>
      {empty && closed ? (
        <p>{t('tally.noneRecorded')}</p>
      ) : (
        <>
          <FiguresHeadline pledgedFor={tally.figures.for} />
          <p className="tally__share-of">{t('tally.shareOfOutstanding', { percent: percent(tally.percentOfOutstanding.for) })}</p>
          {empty ? <p>{t('tally.noneYet')}</p> : <IntentionSplitTable tally={tally} />}
          {tally.voted > 0 ? <p className="tally__voted">{t('tally.voted', { count: tally.voted, people: count(tally.voted) })}</p> : null}
        </>
      )}
      {tally.names.length > 0 ? (
        <div className="named">
          <h3>{t('tally.namesHeading')}</h3>
          <p>{tally.names.join(' · ')}</p>
        </div>
      ) : null}
      <p className="panel__footnote">{t('figures.footnote')}</p>
    </section>
  )
}
