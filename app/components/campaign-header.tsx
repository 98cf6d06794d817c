import type { CampaignPageData } from '~/models/campaign-page.server'
import type { SerializeFrom } from '@remix-run/node'
import { StatusBadge } from './status-badge'

type Campaign = SerializeFrom<CampaignPageData>['campaign']

export function CampaignEyebrow({ campaign }: { campaign: Campaign }) {
  return (
    <p className="eyebrow">
      {campaign.company} · {campaign.exchange}: {campaign.ticker} · {campaign.agmYear} annual meeting
      {campaign.proxyItem ? ` · Proxy item ${campaign.proxyItem}` : ''}
    </p>
  )
}

export function DemoNotice({ campaign }: { campaign: Campaign }) {
  if (!campaign.isDemo || !campaign.demoNote) return null
  return (
    <aside className="notice notice--demo" aria-label="About this demo">
      <p>
        <strong>Demo campaign.</strong> {campaign.demoNote}
      </p>
    </aside>
  )
}

/** The legend every campaign page carries: Quorum records intentions and never takes a proxy. */
export function Legend({ campaign }: { campaign: Campaign }) {
  return (
    <aside className="legend" aria-label="Legal notice">
      <p>{campaign.legend}</p>
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
