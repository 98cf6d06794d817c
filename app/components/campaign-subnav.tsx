import { NavLink } from '@remix-run/react'
import type { OrganizerRole } from '../../db/schema'

/** The tabs of one campaign in the organizer area; each shows only what the role may open. */
export function CampaignSubnav({ slug, title, role }: { slug: string; title: string; role: OrganizerRole }) {
  const base = `/organizer/c/${slug}`
  return (
    <nav className="campaign-subnav" aria-label={`${title}: organizer pages`}>
      <NavLink to={base} end>
        Dashboard
      </NavLink>
      <NavLink to={`${base}/pledges`}>Pledges</NavLink>
      <NavLink to={`${base}/holders`}>Holders</NavLink>
      <NavLink to={`${base}/projection`}>Projection</NavLink>
      <NavLink to={`${base}/mail`}>Email updates</NavLink>
      {role !== 'viewer' ? <NavLink to={`${base}/edit`}>Edit campaign</NavLink> : null}
      {role !== 'viewer' ? <NavLink to={`${base}/brokers`}>Broker guides</NavLink> : null}
      {role !== 'viewer' ? <NavLink to={`${base}/translations`}>Translations</NavLink> : null}
      {role === 'owner' ? <NavLink to={`${base}/organizers`}>Organizers</NavLink> : null}
      <NavLink to={`${base}/connect`}>Embed and API</NavLink>
      {role === 'owner' ? <NavLink to={`${base}/webhooks`}>Webhooks</NavLink> : null}
      <NavLink to={`/organizer/audit?campaign=${slug}`}>Audit log</NavLink>
      <a href={`/c/${slug}`}>Public page</a>
    </nav>
  )
}
