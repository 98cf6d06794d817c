import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { CampaignSubnav } from '~/components/campaign-subnav'
import type { SendReviewView } from '~/components/send-review'
import { UpdateCard } from '~/components/update-card'
import { mailImageOrigins } from '~/mail/index.server'
import { getCampaignMailPause, getGlobalMailPause, setCampaignMailPaused } from '~/models/mail-pauses.server'
import { confirmSend, reviewSend, type SendReview } from '~/models/update-review.server'
import { controlUpdate, editUpdate, listUpdates, proposeSchedule, realignedSendAt, realignUpdate, sendTestUpdate } from '~/models/updates.server'
import { wallClockToInstant } from '~/schemas/campaign'
import { ConfirmSendSchema, UpdateControlSchema, UpdateEditSchema } from '~/schemas/update'
import mailStylesHref from '~/styles/organizer-mail.css'
import { readCampaignForm } from '~/utils/campaign-action.server'
import { describeFromNow, formatDateIn, formatInstantIn, wallClockIn } from '~/utils/dates'
import { peopleText } from '~/utils/public-figures'
import { requireCampaignRole } from '~/utils/organizer-auth.server'
import { failureMessage, replyWithFailure } from '~/utils/result'
import { AUDIENCE_LABELS, AUDIENCE_RULES, describeSegment } from '~/utils/update-labels'

// A campaign's email updates: their schedule, a review before anything is sent, their figures,
// and this campaign's own pause. (Pausing every campaign is on the organizer area's home page.)

export const links = () => [{ rel: 'stylesheet', href: mailStylesHref }]

function reviewView(review: SendReview, timeZone: string, now: Date): SendReviewView {
  const { sendAt, audience, segment, ...rest } = review
  return {
    ...rest,
    segmentText: describeSegment(segment, (d) => formatDateIn(d, timeZone)),
    recipientsText: peopleText(review.recipients),
    audienceLabel: AUDIENCE_LABELS[audience],
    audienceRule: AUDIENCE_RULES[audience],
    sendAtText: formatInstantIn(sendAt, timeZone),
    relative: describeFromNow(sendAt, now),
    reviewedSendAt: sendAt.toISOString(),
  }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'viewer')
  const [updates, campaignPause, globalPause] = await Promise.all([
    listUpdates(context.db, { campaignId: campaign.id }),
    getCampaignMailPause(context.db, { campaignId: campaign.id }),
    getGlobalMailPause(context.db),
  ])
  const tz = campaign.time_zone
  const now = new Date()
  // When a campaign date has moved, the updates derived from it are offered the new time.
  const movedTo = (u: (typeof updates)[number]) => {
    const sendAt = realignedSendAt(campaign, u)
    return sendAt ? formatInstantIn(sendAt, tz) : null
  }
  const pauseView = (pause: typeof campaignPause) => (pause ? { since: formatInstantIn(pause.pausedAt, tz), by: pause.pausedBy ?? 'an organizer since removed' } : null)
  return json({
    campaign: { slug: campaign.slug, title: campaign.title, timeZone: tz, status: campaign.status },
    role,
    imageOrigins: mailImageOrigins().origins,
    campaignPause: pauseView(campaignPause),
    globalPause: pauseView(globalPause),
    updates: updates.map((u) => ({
      id: u.id,
      kind: u.kind,
      subject: u.subject,
      body: u.body,
      audience: u.audience,
      segment: describeSegment(u.segment, (d) => formatDateIn(d, tz)),
      status: u.status,
      sendAt: formatInstantIn(u.send_at, tz),
      sendAtRelative: describeFromNow(u.send_at, now),
      sendAtLocal: wallClockIn(u.send_at, tz),
      started: u.started_at !== null,
      /** Scheduled and due: the mailer starts it within moments. */
      starting: u.status === 'scheduled' && u.send_at <= now,
      finishedAt: u.finished_at ? formatInstantIn(u.finished_at, tz) : null,
      figures: u.figures,
      derivedFrom: u.derived_from,
      movedTo: movedTo(u),
    })),
  })
}

type ActionData = { ok: boolean; message: string; updateId?: number; review?: SendReviewView; edit?: SubmissionResult<string[]> }
const answer = (data: ActionData, status = 200) => json(data, { status })

export async function action(args: ActionFunctionArgs) {
  const { campaign, organizer, form } = await readCampaignForm(args, 'editor')
  const control = UpdateControlSchema.safeParse(Object.fromEntries(form))
  if (!control.success) return answer({ ok: false, message: 'That action is not known here: reload the page and try again.' }, 400)
  const { intent, updateId } = control.data
  const base = { campaignId: campaign.id, organizerId: organizer.id }
  const now = new Date()

  if (intent === 'propose') {
    const count = await proposeSchedule(args.context.db, base)
    return answer({ ok: true, message: count === 0 ? 'Every update of the default schedule is already here.' : `${count} update(s) proposed from the calendar, as drafts: nothing is scheduled yet.` })
  }
  if (intent === 'pause-campaign' || intent === 'resume-campaign') {
    const paused = intent === 'pause-campaign'
    await setCampaignMailPaused(args.context.db, { ...base, paused })
    return answer({ ok: true, message: paused ? 'This campaign’s sending is paused: none of its updates will start or send until you resume.' : 'This campaign’s sending has resumed.' })
  }
  if (!updateId) return answer({ ok: false, message: 'Choose an update.' }, 400)
  if (intent === 'test') {
    const sent = await sendTestUpdate(args.context.db, { ...base, updateId, to: organizer.email })
    return answer(sent.ok ? { ok: true, message: `A test was sent to ${organizer.email}.`, updateId } : { ok: false, message: failureMessage(sent), updateId }, sent.ok ? 200 : 502)
  }
  if (intent === 'review-schedule' || intent === 'review-resume') {
    const reviewed = await reviewSend(args.context.db, { ...base, updateId, control: intent === 'review-schedule' ? 'schedule' : 'resume', now })
    if (!reviewed.ok) return answer({ ok: false, message: failureMessage(reviewed), updateId }, 409)
    return answer({ ok: true, message: `Review “${reviewed.review.subject}” below before it goes: nothing has been sent.`, updateId, review: reviewView(reviewed.review, campaign.time_zone, now) })
  }
  if (intent === 'confirm-schedule' || intent === 'confirm-resume') {
    const confirm = ConfirmSendSchema.safeParse(Object.fromEntries(form))
    if (!confirm.success) return answer({ ok: false, message: 'Review the update again before sending it: nothing was sent.', updateId }, 400)
    const sendControl = intent === 'confirm-schedule' ? 'schedule' : 'resume'
    const done = await confirmSend(args.context.db, { ...base, updateId, control: sendControl, reviewedSendAt: confirm.data.reviewedSendAt, sendNow: confirm.data.sendNow === 'yes' })
    if (!done.ok) {
      // Show the review again, as things stand now.
      const again = await reviewSend(args.context.db, { ...base, updateId, control: sendControl, now })
      return answer({ ok: false, message: failureMessage(done), updateId, review: again.ok ? reviewView(again.review, campaign.time_zone, now) : undefined }, 409)
    }
    const messages = { scheduled: 'Update scheduled.', sending_now: 'Update sending now: its figures appear below as it goes.', resumed: 'Update resumed.' }
    return answer({ ok: true, message: messages[done.outcome], updateId })
  }
  if (intent === 'realign') {
    const moved = await realignUpdate(args.context.db, { campaign, updateId, organizerId: organizer.id })
    return answer(moved.ok ? { ok: true, message: 'Update moved to follow the campaign’s new date.', updateId } : { ok: false, message: failureMessage(moved), updateId }, moved.ok ? 200 : 409)
  }
  if (intent === 'edit') {
    const submission = parseWithZod(form, { schema: UpdateEditSchema })
    if (submission.status !== 'success') return answer({ ok: false, message: 'Check the fields marked below.', updateId, edit: submission.reply() }, 400)
    const { subject, body, sendAt, audience } = submission.value
    const edited = await editUpdate(args.context.db, { ...base, updateId, changes: { subject, body, audience, sendAt: wallClockToInstant(sendAt, campaign.time_zone)! } })
    if (!edited.ok) return answer({ ok: false, message: edited.formError ?? 'Check the fields marked below.', updateId, edit: replyWithFailure(submission, edited) }, 409)
    return answer({ ok: true, message: 'Update saved.', updateId })
  }
  const done = await controlUpdate(args.context.db, { ...base, updateId, control: intent })
  return answer(done.ok ? { ok: true, message: intent === 'pause' ? 'Update paused.' : 'Update cancelled.', updateId } : { ok: false, message: failureMessage(done), updateId }, done.ok ? 200 : 409)
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Email updates · ${data?.campaign.title ?? 'Campaign'} · Quorum` }]

/** While an update sends, its figures refresh every few seconds (with JavaScript; otherwise a link). */
function useLiveFigures(active: boolean) {
  const { revalidate, state } = useRevalidator()
  useEffect(() => {
    if (!active || state !== 'idle') return
    const timer = setTimeout(revalidate, 3000)
    return () => clearTimeout(timer)
  }, [active, state, revalidate])
}

export default function MailControls() {
  const { campaign, role, campaignPause, globalPause, updates, imageOrigins } = useLoaderData<typeof loader>()
  const acted = useActionData<typeof action>()
  const canEdit = role !== 'viewer'
  const sending = updates.some((u) => u.status === 'sending' || u.starting)
  useLiveFigures(sending)
  return (
    <>
      <h1 id="mail-top">{campaign.title}: email updates</h1>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={role} />
      {acted?.message ? (
        <p className={acted.ok ? 'notice notice--strong' : 'form-error'} role={acted.ok ? 'status' : 'alert'}>
          {acted.message}
          {acted.review ? (
            <>
              {' '}
              <a href={`#review-${acted.review.updateId}`}>Go to the review</a>
            </>
          ) : null}
        </p>
      ) : null}
      <section className="panel mail-state" aria-labelledby="mailer-heading">
        <h2 id="mailer-heading">{campaignPause ? 'This campaign’s sending is paused' : globalPause ? 'All sending is paused' : 'Sending is on for this campaign'}</h2>
        {campaignPause ? (
          <p>
            Paused by {campaignPause.by} on {campaignPause.since}. None of this campaign’s updates starts, and one that is sending stops after the
            batch in flight, until sending resumes. Other campaigns are not affected.
          </p>
        ) : (
          <p className="muted">Scheduled updates go at their time, at the pace Resend allows. Pausing here holds this campaign’s updates only.</p>
        )}
        {globalPause ? (
          <p className="notice">
            Sending is also paused for every campaign, by {globalPause.by} since {globalPause.since}: an owner resumes it on the{' '}
            <Link to="/organizer">Campaigns page</Link>.
          </p>
        ) : null}
        <p className="muted">Times are in the campaign’s time zone ({campaign.timeZone.replace('_', ' ')}).</p>
        {canEdit ? (
          <Form method="post" className="actions">
            <button type="submit" name="intent" value="propose" className="button">
              Propose the default schedule
            </button>
            <Link to={`/organizer/c/${campaign.slug}/mail/new`} className="button">
              Write an update
            </Link>
            <button type="submit" name="intent" value={campaignPause ? 'resume-campaign' : 'pause-campaign'} className={campaignPause ? 'button button--primary' : 'button'}>
              {campaignPause ? 'Resume this campaign’s sending' : 'Pause this campaign’s sending'}
            </button>
          </Form>
        ) : null}
        {sending ? (
          <p className="muted">
            An update is sending: its figures refresh by themselves. <Link to=".">Refresh the figures</Link>
          </p>
        ) : null}
      </section>
      {updates.length === 0 ? <p>No updates yet. Propose the default schedule to start from the meeting’s calendar.</p> : null}
      {updates.map((u) => (
        <UpdateCard
          key={u.id}
          update={u}
          slug={campaign.slug}
          timeZone={campaign.timeZone}
          imageOrigins={imageOrigins}
          canEdit={canEdit}
          review={acted?.review?.updateId === u.id ? acted.review : null}
          lastEdit={acted?.updateId === u.id && acted.edit ? acted.edit : null}
        />
      ))}
    </>
  )
}
