import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { StatusBadge } from '~/components/status-badge'
import { getGlobalMailPause, setMailerPaused } from '~/models/mail-pauses.server'
import { listOrganizerCampaigns } from '~/models/organizers.server'
import { MailerSwitchSchema } from '~/schemas/update'
import mailStylesHref from '~/styles/organizer-mail.css'
import { formatInstantIn } from '~/utils/dates'
import { requireOrganizer } from '~/utils/organizer-auth.server'
import { readForm } from '~/utils/read-form.server'

// The organizer area's home: the organizer's campaigns and, for owners, the switch that pauses
// sending for every campaign on this Quorum (each campaign's own pause is on its email page).

export const links = () => [{ rel: 'stylesheet', href: mailStylesHref }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request, context)
  const [campaigns, pause] = await Promise.all([listOrganizerCampaigns(context.db, { organizerId: organizer.id }), getGlobalMailPause(context.db)])
  return json({
    campaigns,
    isOwner: campaigns.some((c) => c.role === 'owner'),
    globalPause: pause ? { since: formatInstantIn(pause.pausedAt, 'UTC'), by: pause.pausedBy ?? 'an organizer since removed' } : null,
  })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request, context)
  const parsed = MailerSwitchSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return json({ ok: false, message: 'That action is not known here.' }, { status: 400 })
  const campaigns = await listOrganizerCampaigns(context.db, { organizerId: organizer.id })
  if (!campaigns.some((c) => c.role === 'owner')) return json({ ok: false, message: 'Only a campaign owner can pause or resume all sending.' }, { status: 403 })
  const paused = parsed.data.intent === 'pause-all'
  await setMailerPaused(context.db, { organizerId: organizer.id, paused })
  return json({ ok: true, message: paused ? 'All sending is paused, for every campaign.' : 'Sending has resumed for every campaign (except those paused on their own email page).' })
}

export const meta: MetaFunction = () => [{ title: 'Your campaigns · Quorum' }]

export default function OrganizerHome() {
  const { campaigns, isOwner, globalPause } = useLoaderData<typeof loader>()
  const acted = useActionData<typeof action>()
  return (
    <>
      <div className="organizer-heading">
        <h1>Your campaigns</h1>
        <Link to="/organizer/c/new" className="button">
          New campaign
        </Link>
      </div>
      {acted ? (
        <p className={acted.ok ? 'notice notice--strong' : 'form-error'} role={acted.ok ? 'status' : 'alert'}>
          {acted.message}
        </p>
      ) : null}
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
      {isOwner || globalPause ? (
        <section className={globalPause ? 'panel mail-state mail-state--paused' : 'panel mail-state'} aria-labelledby="all-sending-heading">
          <h2 id="all-sending-heading">{globalPause ? 'All sending is paused' : 'Sending, for every campaign'}</h2>
          {globalPause ? (
            <p>
              Paused by {globalPause.by} on {globalPause.since}. No campaign’s update starts or sends until an owner resumes it; sign-up
              confirmations still go out.
            </p>
          ) : (
            <p className="muted">
              An emergency stop for the whole of this Quorum: it holds every campaign’s updates, not only yours. To hold one campaign’s
              updates, use “Pause this campaign’s sending” on its email page. Sign-up confirmations are never held.
            </p>
          )}
          {isOwner ? (
            <Form method="post" className="actions">
              <button type="submit" name="intent" value={globalPause ? 'resume-all' : 'pause-all'} className={globalPause ? 'button button--primary' : 'button button--danger'}>
                {globalPause ? 'Resume sending for every campaign' : 'Pause sending for every campaign'}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  )
}
