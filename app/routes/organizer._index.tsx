import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { StatusBadge } from '~/components/status-badge'
import { listOrganizerCampaigns } from '~/models/organizers.server'
import { requireOrganizer } from '~/utils/organizer-auth.server'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request, context)
  const campaigns = await listOrganizerCampaigns(context.db, { organizerId: organizer.id })
  return json({ campaigns })
}

export const meta: MetaFunction = () => [{ title: 'Your campaigns · Quorum' }]

export default function OrganizerHome() {
  const { campaigns } = useLoaderData<typeof loader>()
  return (
    <>
      <div className="organizer-heading">
        <h1>Your campaigns</h1>
        <Link to="/organizer/c/new" className="button">
          New campaign
        </Link>
      </div>
      {campaigns.length === 0 ? <p>You do not work on any campaign yet. Create one, or ask a campaign’s owner to add you.</p> : null}
      <ul className="campaign-list" aria-label="Your campaigns">
        {campaigns.map((c) => (
          <li key={c.slug} className="campaign-card">
            <p className="eyebrow">
              {c.company} · {c.agm_year} · your role: {c.role}
            </p>
            <h2 className="campaign-card__title">
              <Link to={`/organizer/c/${c.slug}`}>{c.title}</Link>
            </h2>
            <StatusBadge status={c.status} isDemo={c.is_demo} />
          </li>
        ))}
      </ul>
    </>
  )
}
