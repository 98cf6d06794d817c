import type { SerializeFrom } from '@remix-run/node'
import type { TFunction } from 'i18next'
import { Trans } from 'react-i18next'
import { useLocale } from '~/i18n/use-locale'
import type { CampaignPageData } from '~/models/campaign-page.server'

type Data = SerializeFrom<CampaignPageData>

/** "first", "erste", "primera": the proposal's votes within five years number one to six. */
export function ordinalWord(t: TFunction, n: number): string {
  return t(`ordinal.${n}`, { defaultValue: String(n) })
}

/** What the result meant for refiling, in the past tense: the vote has happened. */
export function resultVerdict(t: TFunction, result: { clearsThreshold: boolean; majority: boolean }, threshold: { timesVoted: number; thresholdPercent: number }): string {
  const values = { ordinal: ordinalWord(t, threshold.timesVoted), threshold: threshold.thresholdPercent }
  if (result.majority) return t('result.verdictMajority', values)
  return result.clearsThreshold ? t('result.verdictCleared', values) : t('result.verdictShort', values)
}

/**
 * Once the meeting has voted, the campaign page leads with the official result (or says plainly
 * that it is not recorded yet); before the meeting it shows nothing.
 */
export function MeetingResult({ data }: { data: Data }) {
  const { t, percent } = useLocale()
  const { campaign, result, threshold } = data
  const meeting = data.keyDates.find((d) => d.key === 'agm')!
  if (!result && !campaign.meetingPast) return null
  return (
    <section className="result-banner" aria-labelledby="result-heading">
      <h2 id="result-heading">{result ? t('result.heading', { year: campaign.agmYear }) : t('result.meetingHeading', { year: campaign.agmYear })}</h2>
      {result ? (
        <>
          <p className="result-banner__figure">
            <Trans i18nKey="result.figure" values={{ percent: percent(result.supportPercent) }} components={{ number: <span className="result-banner__number" /> }} />
          </p>
          <p>
            {campaign.meetingPast ? `${t('result.votedOn', { date: meeting.date })} ` : ''}
            {resultVerdict(t, result, threshold)}
            {result.sourceUrl ? (
              <>
                {' '}
                <a href={result.sourceUrl}>{t('result.source')}</a>.
              </>
            ) : null}
          </p>
        </>
      ) : (
        <p>{t('result.notRecorded', { date: meeting.date })}</p>
      )}
      {result ? <ResultCounts result={result} pledgedFor={data.tally.sharesByIntention.for} /> : null}
      <p className="result-banner__note">{t('result.howCounted')}</p>
    </section>
  )
}

/** The official counts, when recorded, and how the shares pledged here compare with them. */
function ResultCounts({ result, pledgedFor }: { result: NonNullable<Data['result']>; pledgedFor: string }) {
  const { t, count, percent } = useLocale()
  const rows = [
    [t('result.for'), result.votes.for],
    [t('result.against'), result.votes.against],
    [t('result.abstain'), result.votes.abstain],
    [t('result.brokerNonVotes'), result.votes.brokerNonVotes],
  ].filter((row): row is [string, string] => row[1] !== null)
  if (rows.length === 0) return null
  return (
    <>
      <dl className="result-banner__counts">
        {rows.map(([label, shares]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{t('result.shares', { count: BigInt(shares) === 1n ? 1 : 2, shares: count(shares) })}</dd>
          </div>
        ))}
      </dl>
      {result.pledgedOfFor !== null ? (
        <p>
          <Trans
            i18nKey="result.pledgedOfFor"
            values={{ shares: count(pledgedFor), percent: percent(result.pledgedOfFor) }}
            components={{ strong: <strong /> }}
          />
        </p>
      ) : null}
    </>
  )
}
