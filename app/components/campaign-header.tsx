import type { CampaignPageData } from '~/models/campaign-page.server'
import type { SerializeFrom } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { StatusBadge } from './status-badge'

type Campaign = SerializeFrom<CampaignPageData>['campaign']

export function CampaignEyebrow({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation()
  return (
    <p className="eyebrow">
      {campaign.company} · {campaign.exchange}: {campaign.ticker} · {t('campaign.annualMeeting', { year: campaign.agmYear })}
      {campaign.proxyItem ? ` · ${t('campaign.proxyItem', { item: campaign.proxyItem })}` : ''}
    </p>
  )
}

export function DemoNotice({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation()
  if (!campaign.isDemo || !campaign.demoNote) return null
  return (
    <aside className="notice notice--demo" aria-label={t('campaign.aboutDemo')}>
      <p>
        <strong>{t('campaign.demoCampaign')}</strong> <span lang="en">{campaign.demoNote}</span>
      </p>
    </aside>
  )
}

/** The legend every campaign page carries: Quorum records intentions and never takes a proxy. */
export function Legend({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation()
  return (
    <aside className="legend" aria-label={t('campaign.legalNotice')}>
      {/* The campaign's own legal words, as its organizers wrote them. */}
      <p lang="en">{campaign.legend}</p>
    </aside>
  )
}

export function CampaignTitle({ campaign, children }: { campaign: Campaign; children?: React.ReactNode }) {
  return (
    <header className="campaign-header">
      <CampaignEyebrow campaign={campaign} />
      <h1>{children ?? campaign.title}</h1>
      <StatusBadge status={campaign.status} isDemo={campaign.isDemo} />
    </header>
  )
}
