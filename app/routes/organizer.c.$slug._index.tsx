import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { BrokerBreakdown, HolderTypeBreakdown, IntentionBreakdown, SourceBreakdown } from '~/components/dashboard-breakdowns'
import { DashboardCountdown } from '~/components/dashboard-countdown'
import { DashboardHeadline } from '~/components/dashboard-headline'
import { DashboardOutlook } from '~/components/dashboard-outlook'
import { DashboardSupportOverTime } from '~/components/dashboard-support-over-time'
import { StatusBadge } from '~/components/status-badge'
import { getDashboard } from '~/models/dashboard.server'
import dashboardStylesHref from '~/styles/organizer-dashboard.css'
import { formatCalendarDate } from '~/utils/dates'
import { PRIVATE_NO_STORE, requireCampaignRole } from '~/utils/organizer-auth.server'

// The campaign's dashboard, for every organizer role. All figures come from tables the
// database keeps up to date (see app/models/dashboard.server.ts).

export const links = () => [{ rel: 'stylesheet', href: dashboardStylesHref }]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'viewer')
  const dashboard = await getDashboard(context.db, { campaign, now: new Date() })
  return json({ ...dashboard, role }, { headers: PRIVATE_NO_STORE })
}

export const headers: HeadersFunction = () => PRIVATE_NO_STORE

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Dashboard: ${data.campaign.title} ${data.campaign.agmYear} · Quorum` : 'Dashboard · Quorum' },
  { name: 'robots', content: 'noindex' },
]

export default function CampaignDashboard() {
  const data = useLoaderData<typeof loader>()
  const { campaign } = data
  return (
    <div className="dashboard">
      <header className="dashboard-header">
        <p className="eyebrow">
          {campaign.company} · {campaign.ticker} · {campaign.agmYear} annual meeting
        </p>
        <h1>{campaign.title}</h1>
        <p className="dashboard-header__meta">
          <StatusBadge status={campaign.status} isDemo={campaign.isDemo} />
          <span>
            Figures as of {formatCalendarDate(data.today)} · your role: {data.role}
          </span>
        </p>
      </header>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={data.role} />
      {campaign.isDemo ? (
        <p className="notice notice--demo">
          <strong>Demo campaign.</strong> Its pledges are synthetic and its shares outstanding approximate.
        </p>
      ) : null}

      <DashboardHeadline data={data} />

      <div className="dashboard-grid dashboard-grid--main">
        <DashboardSupportOverTime series={data.series} />
        <DashboardCountdown dates={data.keyDates} timeZone={campaign.timeZone} />
      </div>

      <DashboardOutlook data={data} />

      <div className="dashboard-grid">
        <IntentionBreakdown data={data} />
        <HolderTypeBreakdown data={data} />
      </div>
      <BrokerBreakdown data={data} />
      <SourceBreakdown data={data} />
    </div>
  )
}
