import type { HeadersFunction, LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { isRouteErrorResponse, Link, Outlet, useLoaderData, useRouteError, useRouteLoaderData } from '@remix-run/react'
import { OrganizerNav } from '~/components/organizer-nav'
import organizerStylesHref from '~/styles/organizer-layout.css'
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
      <OrganizerNav email={organizer.email} campaigns={campaigns} />
      <Outlet />
    </div>
  )
}

const PROBLEMS: Record<number, { title: string; text: string }> = {
  403: {
    title: 'Your role does not allow this',
    text: 'You work on this campaign, but this page needs a higher role (an editor’s to change things, an owner’s to manage its organizers). An owner of the campaign can change your role.',
  },
  404: {
    title: 'Not found',
    text: 'There is no such page, or no campaign at this address that you work on: it may have been renamed, or you may not have been added to it. Choose a campaign from the list above.',
  },
}

/**
 * An error in an organizer page keeps the area's navigation (when the frame itself loaded) and
 * says what the status means here; anything else is the generic apology, never a stack trace.
 */
export function ErrorBoundary() {
  const error = useRouteError()
  const frame = useRouteLoaderData<typeof loader>('routes/organizer')
  const problem = isRouteErrorResponse(error) ? PROBLEMS[error.status] : undefined
  return (
    <div className="wrap organizer">
      {frame ? <OrganizerNav email={frame.organizer.email} campaigns={frame.campaigns} /> : null}
      <div className="page-message">
        <title>{`${problem?.title ?? 'Something went wrong'} · Quorum`}</title>
        <p className="eyebrow">{isRouteErrorResponse(error) ? `Error ${error.status}` : 'Error'}</p>
        <h1>{problem?.title ?? 'Something went wrong'}</h1>
        <p>{problem?.text ?? 'We could not show this page just now. Please try again in a moment.'}</p>
        <p>
          <Link to="/organizer" className="button">
            Your campaigns
          </Link>
        </p>
      </div>
    </div>
  )
}
