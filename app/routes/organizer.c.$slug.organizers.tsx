import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { InviteOrganizerForm, OrganizerRow, PendingInvitationRow, ROLES } from '~/components/editor-organizers'
import { FormOutcome } from '~/components/form-outcome'
import { EditorHeading } from '~/components/organizer-headings'
import { changeCampaignRole, listCampaignOrganizers, removeCampaignOrganizer } from '~/models/campaign-organizers.server'
import { inviteOrganizer, listPendingInvitations, revokeInvitation } from '~/models/organizer-invitations.server'
import { ChangeRoleSchema, InviteOrganizerSchema, RemoveOrganizerSchema, RevokeInvitationSchema } from '~/schemas/campaign'
import editorStylesHref from '~/styles/organizer-editor.css'
import teamStylesHref from '~/styles/organizer-team.css'
import { readCampaignForm } from '~/utils/campaign-action.server'
import { PRIVATE_NO_STORE, privatePageHeaders, requireCampaignRole } from '~/utils/organizer-auth.server'
import { failureMessage, replyWithFailure } from '~/utils/result'

// Owners decide who works on a campaign: they invite people by email (decision 017), change roles
// and remove. The model refuses to leave a campaign without an owner.

export const links = () => [
  { rel: 'stylesheet', href: editorStylesHref },
  { rel: 'stylesheet', href: teamStylesHref },
]
export const headers = privatePageHeaders
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Organizers of ${data.campaign.title} · Quorum` : 'Organizers · Quorum' }]

const NOTICES: Record<string, string> = {
  invited: 'Invitation sent. It waits below until they accept it.',
  revoked: 'Invitation revoked: its link no longer works.',
  role: 'Role changed.',
  removed: 'Organizer removed.',
}
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' })

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { organizer, campaign, role } = await requireCampaignRole(request, context, params.slug, 'owner')
  const [organizers, invitations] = await Promise.all([listCampaignOrganizers(context.db, { campaignId: campaign.id }), listPendingInvitations(context.db, { campaignId: campaign.id })])
  return json(
    {
      campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, agmYear: campaign.agm_year, role },
      organizers: organizers.map((o) => ({ id: o.id, email: o.email, name: o.name, role: o.role, added: dateFormat.format(o.addedAt), isYou: o.id === organizer.id })),
      invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role!, invitedBy: i.invitedBy, sent: dateFormat.format(i.createdAt), expires: dateFormat.format(i.expiresAt) })),
    },
    { headers: PRIVATE_NO_STORE },
  )
}

export async function action(args: ActionFunctionArgs) {
  const { organizer, campaign, form } = await readCampaignForm(args, 'owner')
  const intent = form.get('intent')
  const base = `/organizer/c/${campaign.slug}/organizers`

  if (intent === 'invite') {
    const submission = parseWithZod(form, { schema: InviteOrganizerSchema })
    if (submission.status !== 'success') return json({ intent, result: submission.reply(), row: null }, { status: 400, headers: PRIVATE_NO_STORE })
    const invited = await inviteOrganizer(args.context.db, { actorId: organizer.id, campaignId: campaign.id, clientIp: args.context.clientIp, ...submission.value })
    if (!invited.ok) {
      const throttled = 'retryAfterSeconds' in invited
      return json(
        { intent, result: replyWithFailure(submission, invited), row: null },
        { status: throttled ? 429 : 422, headers: { ...PRIVATE_NO_STORE, ...(throttled ? { 'Retry-After': String(invited.retryAfterSeconds) } : {}) } },
      )
    }
    return redirect(`${base}?done=invited`)
  }
  if (intent === 'revoke') {
    const submission = parseWithZod(form, { schema: RevokeInvitationSchema })
    const invitationId = String(form.get('invitationId') ?? '')
    if (submission.status !== 'success') return json({ intent, result: null, row: null, invitation: { invitationId, message: 'Choose an invitation to revoke.' } }, { status: 400, headers: PRIVATE_NO_STORE })
    const revoked = await revokeInvitation(args.context.db, { actorId: organizer.id, campaignId: campaign.id, invitationId: submission.value.invitationId })
    if (!revoked.ok) return json({ intent, result: null, row: null, invitation: { invitationId, message: failureMessage(revoked) } }, { status: 422, headers: PRIVATE_NO_STORE })
    return redirect(`${base}?done=revoked`)
  }

  const organizerId = Number(form.get('organizerId'))
  const rowError = (message: string, status: 400 | 422) => json({ intent, result: null, row: { organizerId, message } }, { status, headers: PRIVATE_NO_STORE })
  if (intent === 'remove') {
    const submission = parseWithZod(form, { schema: RemoveOrganizerSchema })
    if (submission.status !== 'success') return rowError('Choose an organizer to remove.', 400)
    const removed = await removeCampaignOrganizer(args.context.db, { actorId: organizer.id, campaignId: campaign.id, organizerId: submission.value.organizerId })
    if (!removed.ok) return rowError(failureMessage(removed), 422)
    // Someone who removed themselves can no longer open this campaign.
    return redirect(submission.value.organizerId === organizer.id ? '/organizer' : `${base}?done=removed`)
  }
  const submission = parseWithZod(form, { schema: ChangeRoleSchema })
  if (submission.status !== 'success') return rowError(Object.values(submission.error ?? {}).flat().join(' ') || 'Choose a role and try again.', 400)
  const { role } = submission.value
  const changed = await changeCampaignRole(args.context.db, { actorId: organizer.id, campaignId: campaign.id, organizerId: submission.value.organizerId, role })
  if (!changed.ok) return rowError(failureMessage(changed), 422)
  // Someone who gave up their own ownership can no longer open this page.
  if (submission.value.organizerId === organizer.id && role !== 'owner') return redirect(role === 'editor' ? `/organizer/c/${campaign.slug}/edit` : '/organizer')
  return redirect(changed.changed ? `${base}?done=role` : base)
}

export default function CampaignOrganizersPage() {
  const { campaign, organizers, invitations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  const notice = actionData ? undefined : NOTICES[search.get('done') ?? '']
  const invitationError = actionData && 'invitation' in actionData ? actionData.invitation : undefined
  return (
    <div className="editor-page">
      <EditorHeading campaign={campaign}>Organizers of {campaign.title}</EditorHeading>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={campaign.role} />
      <FormOutcome done={notice} />
      <div className="organizers-layout">
        <section className="editor-section editor-section--standalone" aria-labelledby="organizers-heading">
          <h2 id="organizers-heading">
            Who works on this campaign <span className="count">{organizers.length}</span>
          </h2>
          <ul className="organizer-list">
            {organizers.map((o) => (
              <OrganizerRow key={`${o.id}-${o.role}`} organizer={o} error={actionData?.row?.organizerId === o.id ? actionData.row.message : undefined} />
            ))}
          </ul>
          <p className="form-note">A campaign always keeps at least one owner: make someone else an owner before you step down.</p>
          <h2 id="invitations-heading">
            Invitations waiting for an answer <span className="count">{invitations.length}</span>
          </h2>
          {invitations.length ? (
            <ul className="organizer-list" aria-labelledby="invitations-heading">
              {invitations.map((i) => (
                <PendingInvitationRow key={i.id} invitation={i} error={invitationError?.invitationId === i.id ? invitationError.message : undefined} />
              ))}
            </ul>
          ) : (
            <p className="muted">None: every invitation was accepted, revoked or has expired.</p>
          )}
        </section>
        <section className="editor-section editor-section--standalone" aria-labelledby="invite-organizer-heading">
          <h2 id="invite-organizer-heading">Invite an organizer</h2>
          <InviteOrganizerForm lastResult={actionData?.intent === 'invite' ? actionData.result : null} />
          <dl className="role-help">
            {ROLES.map(([role, label, help]) => (
              <div key={role}>
                <dt>{label}</dt>
                <dd>{help}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </div>
  )
}
