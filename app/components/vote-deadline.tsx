import type { SerializeFrom } from '@remix-run/node'
import type { ReactNode } from 'react'
import { Trans } from 'react-i18next'
import { useLocale } from '~/i18n/use-locale'
import type { CampaignPageData, KeyDate } from '~/models/campaign-page.server'

// The voting guides' deadline: closed, passed, or when votes through a broker must be in. A
// broker's guide adds its own cut-off beside the meeting's (`children`, while voting is open).

type Campaign = SerializeFrom<CampaignPageData>['campaign']
type Result = { supportPercent: string } | null

export function VoteDeadline({ campaign, deadline, meeting, result, children }: { campaign: Campaign; deadline: KeyDate; meeting: KeyDate; result: Result; children?: ReactNode }) {
  const { t, percent } = useLocale()
  if (campaign.status === 'closed' || campaign.meetingPast) {
    return (
      <aside className="notice" aria-label={t('deadline.closedLabel')}>
        <p>
          <strong>{t('deadline.closedLabel')}.</strong> {campaign.meetingPast ? t('deadline.meetingTookPlace', { date: meeting.date }) : t('deadline.campaignEnded')}{' '}
          {result ? t('deadline.received', { percent: percent(result.supportPercent) }) : t('deadline.notRecorded')} {t('deadline.keptForReference')}
        </p>
      </aside>
    )
  }
  const when = `${deadline.time}, ${deadline.date}`
  const time = <time dateTime={deadline.iso} />
  if (!campaign.votingOpen) {
    return (
      <aside className="deadline-callout" aria-labelledby="deadline-heading">
        <h2 id="deadline-heading">{t('deadline.passedHeading')}</h2>
        <p>
          <Trans i18nKey="deadline.passedText" values={{ when }} components={{ when: time }} />
        </p>
      </aside>
    )
  }
  return (
    <aside className="deadline-callout" aria-labelledby="deadline-heading">
      <h2 id="deadline-heading">{t('deadline.heading')}</h2>
      <p>
        <Trans i18nKey="deadline.text" values={{ when }} components={{ strong: <strong />, when: time }} />
        {deadline.alsoAs ? ` (${deadline.alsoAs})` : ''}
        {deadline.relative ? `: ${deadline.relative}` : ''}.
      </p>
      {children}
    </aside>
  )
}

/** Every voting guide ends with it: Quorum records intentions and never takes a proxy. */
export function NoProxyNotice() {
  const { t } = useLocale()
  return (
    <aside className="notice notice--strong" aria-labelledby="no-proxy-heading">
      <h2 id="no-proxy-heading">{t('noProxy.heading')}</h2>
      <p>{t('noProxy.text')}</p>
    </aside>
  )
}
