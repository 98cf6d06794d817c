import type { HeadersFunction, LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, NavLink, Outlet, useLoaderData } from '@remix-run/react'
import organizerStylesHref from '~/styles/organizer.css'
import { listOrganizerCampaigns } from '~/models/organizers.server'
import { PRIVATE_NO_STORE, requireOrganizer } from '~/utils/organizer-auth.server'

// The organizer area's frame: every page below needs a signed-in organizer.

export const links = () => [{ rel: 'stylesheet', href: organizerStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request, context)
  const campaigns = await listOrganizerCampaigns(context.db, { organizerId: organizer.id })
  return json({ organizer: { email: organizer.email }, campaigns: campaigns.map((c) => ({ slug: c.slug, title: c.title, agmYear: c.agm_year, role: c.role })) }, { headers: PRIVATE_NO_STORE })
}

export const headers: HeadersFunction = () => PRIVATE_NO_STORE

export default function OrganizerLayout() {
  const { organizer, campaigns } = useLoaderData<typeof loader>()
  return (
    <div className="wrap organizer">
      <nav className="organizer-nav" aria-label="Organizer">
        <NavLink to="/organizer" end>
          Campaigns
        </NavLink>
        {campaigns.map((c) => (
          <NavLink key={c.slug} to={`/organizer/c/${c.slug}`}>
            {c.title} {c.agmYear}
          </NavLink>
        ))}
        <NavLink to="/organizer/audit">Audit log</NavLink>
        <NavLink to="/organizer/outbox">Outbox</NavLink>
        <span className="organizer-nav__spacer" />
        <NavLink to="/organizer/password">{organizer.email}</NavLink>
        <Form method="post" action="/organizer/logout">
          <button type="submit" className="link-button">
            Sign out
          </button>
        </Form>
      </nav>
      <Outlet />
    </div>
  )
}
