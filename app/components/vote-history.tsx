import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { Trans } from 'react-i18next'
import { useLocale } from '~/i18n/use-locale'
import type { CampaignPageData } from '~/models/campaign-page.server'
import { ColumnHeads } from './column-heads'
import { ordinalWord, resultVerdict } from './meeting-result'

type Data = SerializeFrom<CampaignPageData>

export function VoteHistory({ data }: { data: Data }) {
  const { t, percent, href } = useLocale()
  const { history, threshold, result, related, campaign } = data
  const values = { ordinal: ordinalWord(t, threshold.timesVoted), from: threshold.window.from, to: threshold.window.to, threshold: threshold.thresholdPercent }
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.heading')}</h2>
      {history.length > 0 ? (
        <table className="history-table">
          <caption className="visually-hidden">{t('history.caption')}</caption>
          <ColumnHeads columns={[t('history.meeting'), t('history.support')]} />
          <tbody>
            {history.map((h) => (
              <tr key={h.year}>
                <th scope="row">{h.year}</th>
                <td>{percent(h.supportPercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{campaign.meetingPast ? t('history.wasFirst', { year: campaign.agmYear }) : t('history.isFirst')}</p>
      )}
      {result ? (
        <p className="result">
          <strong>{t('history.result', { year: campaign.agmYear, percent: percent(result.supportPercent) })}</strong> {resultVerdict(t, result, threshold)}
        </p>
      ) : campaign.meetingPast ? (
        <p>
          <Trans i18nKey="history.pastThreshold" values={values} components={{ strong: <strong /> }} />
        </p>
      ) : (
        <p>
          <Trans i18nKey="history.threshold" values={values} components={{ strong: <strong /> }} />
        </p>
      )}
      <p className="panel__footnote">{t('result.howCounted')}</p>
      {related.length > 0 ? (
        <>
          <h3>{t('history.otherYears')}</h3>
          <ul className="related">
            {related.map((r) => (
              <li key={r.slug}>
                <Link to={href(`/c/${r.slug}`)}>
                  {t('campaign.annualMeeting', { year: r.year })}
                  {r.isDemo ? ` (${t('history.demo')})` : ''}
                </Link>{' '}
                <span className="muted">· {r.status === 'closed' ? t('history.closed') : t('history.live')}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}
