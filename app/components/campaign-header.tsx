import type { CampaignPageData } from '~/models/campaign-page.server'
import type { SerializeFrom } from '@remix-run/node'
import { useTranslation } from 'react-i18next'
import { useCampaignTextLang } from '~/i18n/campaign-text'
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
  const textLang = useCampaignTextLang()
  if (!campaign.isDemo || !campaign.demoNote) return null
  return (
    <aside className="notice notice--demo" aria-label={t('campaign.aboutDemo')}>
      <p>
        <strong>{t('campaign.demoCampaign')}</strong> <span lang={textLang}>{campaign.demoNote}</span>
      </p>
    </aside>
  )
}

/** The legend every campaign page carries: Quorum records intentions and never takes a proxy. */
export function Legend({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation()
  const textLang = useCampaignTextLang()
  return (
    <aside className="legend" aria-label={t('campaign.legalNotice')}>
      {/* The campaign's own legal words, as its organizers wrote them. */}
      <p lang={textLang}>{campaign.legend}</p>
    </aside>
  )
}

export function CampaignTitle({ campaign, children, translated = false }: { campaign: Campaign; children?: React.ReactNode; translated?: boolean }) {
  const originalLang = useCampaignTextLang()
  const textLang = translated ? undefined : originalLang
  return (
    <header className="campaign-header">
      <CampaignEyebrow campaign={campaign} />
      <h1 lang={children ? undefined : textLang}>{children ?? campaign.title}</h1>
      <StatusBadge status={campaign.status} isDemo={campaign.isDemo} />
    </header>
  )
}
