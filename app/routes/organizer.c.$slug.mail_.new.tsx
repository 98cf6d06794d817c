import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { UpdateComposeForm } from '~/components/update-compose-form'
import { draftUpdate, segmentChoices } from '~/models/updates.server'
import { wallClockToInstant } from '~/schemas/campaign'
import { UpdateComposeSchema } from '~/schemas/update'
import { readCampaignForm } from '~/utils/campaign-action.server'
import { addDays, calendarDateIn } from '~/utils/dates'
import { requireCampaignRole } from '~/utils/organizer-auth.server'

// Writing a one-off update, outside the calendar's sequence, to the whole audience or a segment
// of the pledgers. It is saved as a draft: the email page reviews (with the segment's count) and
// schedules it like any other.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'editor')
  const choices = await segmentChoices(context.db, { campaignId: campaign.id })
  const tomorrow = addDays(calendarDateIn(new Date(), campaign.time_zone), 1)
  return json({ campaign: { slug: campaign.slug, title: campaign.title, timeZone: campaign.time_zone }, role, choices, defaultSendAt: `${tomorrow}T10:00` })
}

export async function action(args: ActionFunctionArgs) {
  const { campaign, organizer, form } = await readCampaignForm(args, 'editor')
  const submission = parseWithZod(form, { schema: UpdateComposeSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  const { subject, body, sendAt, audience, confirmedSince, ...filters } = submission.value
  const tz = campaign.time_zone
  const segment = { ...filters, ...(confirmedSince ? { confirmedSince: wallClockToInstant(`${confirmedSince}T00:00`, tz)!.toISOString() } : {}) }
  const draft = await draftUpdate(args.context.db, {
    campaignId: campaign.id,
    organizerId: organizer.id,
    subject,
    body,
    sendAt: wallClockToInstant(sendAt, tz)!,
    audience,
    segment: Object.fromEntries(Object.entries(segment).filter(([, value]) => value !== undefined)),
    via: 'email page',
  })
  return redirect(`/organizer/c/${campaign.slug}/mail#update-${draft.id}`, 303)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Write an update · ${data?.campaign.title ?? 'Campaign'} · Quorum` }]

export default function ComposeUpdate() {
  const { campaign, role, choices, defaultSendAt } = useLoaderData<typeof loader>()
  const acted = useActionData<typeof action>()
  return (
    <>
      <h1>{campaign.title}: write an update</h1>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={role} />
      <p>
        A one-off email beside the calendar’s updates. It is saved as a draft; on the <Link to={`/organizer/c/${campaign.slug}/mail`}>email page</Link>{' '}
        you then preview it, send yourself a test, and review how many people it reaches before it is scheduled.
      </p>
      <section className="panel">
        <UpdateComposeForm timeZone={campaign.timeZone} defaultSendAt={defaultSendAt} choices={choices} lastResult={acted?.result ?? null} />
      </section>
    </>
  )
}
