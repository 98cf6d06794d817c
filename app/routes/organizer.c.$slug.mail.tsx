import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { CampaignSubnav } from '~/components/campaign-subnav'
import { isMailerPaused } from '~/models/mailer.server'
import { controlUpdate, editUpdate, listUpdates, proposeSchedule, sendTestUpdate, setMailerPaused } from '~/models/updates.server'
import { roleAtLeast } from '~/models/organizers.server'
import { AUDIENCES, UpdateControlSchema, UpdateEditSchema } from '~/schemas/update'
import { calendarDateIn, formatDateIn, formatTimeIn, zonedTimeToInstant } from '~/utils/dates'
import { proposeDefaultSchedule } from '~/utils/mail-schedule'
import { requireCampaignRole } from '~/utils/organizer-auth.server'
import { readForm } from '~/utils/read-form.server'

const AUDIENCE_LABELS: Record<(typeof AUDIENCES)[number], string> = {
  all: 'All subscribers',
  pledged_not_voted: 'Pledged, not voted yet',
  undecided: 'Undecided',
  pledged_for: 'Pledged for',
  followers: 'Followers without a pledge',
}

const DATE_LABELS = { record_date: 'record date', vote_deadline: 'voting deadline', agm_at: 'meeting date' } as const

function wallClock(instant: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant)
  return `${calendarDateIn(instant, timeZone)}T${time}`
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { campaign, role } = await requireCampaignRole(request, context, params.slug, 'viewer')
  const [updates, paused] = await Promise.all([listUpdates(context.db, { campaignId: campaign.id }), isMailerPaused(context.db)])
  const tz = campaign.time_zone
  // When a campaign date has moved, the updates derived from it are offered the new time.
  const proposed = new Map(proposeDefaultSchedule(campaign).map((p) => [p.kind, p]))
  const movedTo = (u: (typeof updates)[number]) => {
    const fresh = u.derived_from && !u.started_at && ['draft', 'scheduled', 'paused'].includes(u.status) ? proposed.get(u.kind as never) : undefined
    return fresh && Math.abs(fresh.sendAt.getTime() - u.send_at.getTime()) > 60_000 ? `${formatDateIn(fresh.sendAt, tz)}, ${formatTimeIn(fresh.sendAt, tz)}` : null
  }
  return json({
    campaign: { slug: campaign.slug, title: campaign.title, timeZone: tz, status: campaign.status },
    role,
    mailerPaused: paused,
    updates: updates.map((u) => ({
      id: u.id,
      kind: u.kind,
      subject: u.subject,
      body: u.body,
      audience: u.audience,
      status: u.status,
      sendAt: `${formatDateIn(u.send_at, tz)}, ${formatTimeIn(u.send_at, tz)}`,
      sendAtLocal: wallClock(u.send_at, tz),
      started: u.started_at !== null,
      progress: u.progress,
      derivedFrom: u.derived_from,
      movedTo: movedTo(u),
    })),
  })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { campaign, organizer, role } = await requireCampaignRole(request, context, params.slug, 'editor')
  const form = await readForm(request)
  const control = UpdateControlSchema.safeParse(Object.fromEntries(form))
  if (!control.success) return json({ message: 'Unknown action.' }, { status: 400 })
  const { intent, updateId } = control.data
  const base = { campaignId: campaign.id, organizerId: organizer.id }

  if (intent === 'propose') return json({ message: `${await proposeSchedule(context.db, base)} update(s) proposed from the calendar.` })
  if (intent === 'pause-all' || intent === 'resume-all') {
    if (!roleAtLeast(role, 'owner')) return json({ message: 'Only an owner can pause all sending.' }, { status: 403 })
    await setMailerPaused(context.db, { organizerId: organizer.id, paused: intent === 'pause-all' })
    return json({ message: intent === 'pause-all' ? 'All sending is paused.' : 'Sending has resumed.' })
  }
  if (!updateId) return json({ message: 'Choose an update.' }, { status: 400 })
  if (intent === 'test') {
    const sent = await sendTestUpdate(context.db, { ...base, updateId, to: organizer.email })
    return json({ message: sent.ok ? `A test was sent to ${organizer.email}.` : sent.message }, { status: sent.ok ? 200 : 502 })
  }
  if (intent === 'realign') {
    const update = (await listUpdates(context.db, { campaignId: campaign.id })).find((u) => u.id === updateId)
    const fresh = update ? proposeDefaultSchedule(campaign).find((p) => p.kind === update.kind) : undefined
    if (!update || !fresh) return json({ message: 'This update does not follow from a campaign date.' }, { status: 409 })
    const moved = await editUpdate(context.db, { ...base, updateId, changes: { subject: update.subject, body: update.body, audience: update.audience, sendAt: fresh.sendAt } })
    return json({ message: moved.ok ? 'Update moved to follow the campaign’s new date.' : moved.message }, { status: moved.ok ? 200 : 409 })
  }
  if (intent === 'edit') {
    const submission = parseWithZod(form, { schema: UpdateEditSchema })
    if (submission.status !== 'success') return json({ message: 'Check the highlighted fields.', updateId, result: submission.reply() }, { status: 400 })
    const { subject, body, sendAt, audience } = submission.value
    const edited = await editUpdate(context.db, { ...base, updateId, changes: { subject, body, audience, sendAt: zonedTimeToInstant(sendAt.slice(0, 10), sendAt.slice(11), campaign.time_zone) } })
    return json({ message: edited.ok ? 'Update saved.' : edited.message }, { status: edited.ok ? 200 : 409 })
  }
  const done = await controlUpdate(context.db, { ...base, updateId, control: intent })
  return json({ message: done.ok ? `Update ${intent === 'resume' ? 'resumed' : intent === 'schedule' ? 'scheduled' : `${intent}${intent.endsWith('e') ? 'd' : 'ed'}`}.` : done.message }, { status: done.ok ? 200 : 409 })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Mail · ${data?.campaign.title ?? 'Campaign'} · Quorum` }]

export default function MailControls() {
  const { campaign, role, mailerPaused, updates } = useLoaderData<typeof loader>()
  const acted = useActionData<typeof action>()
  const canEdit = role !== 'viewer'
  return (
    <>
      <h1>{campaign.title}: email updates</h1>
      <CampaignSubnav slug={campaign.slug} title={campaign.title} role={role} />
      {acted?.message ? (
        <p className="notice notice--strong" role="status">
          {acted.message}
        </p>
      ) : null}
      <section className="panel mail-state" aria-labelledby="mailer-heading">
        <h2 id="mailer-heading">Sending is {mailerPaused ? 'paused everywhere' : 'on'}</h2>
        <p className="muted">Times are in the campaign’s time zone ({campaign.timeZone}). Sending follows Resend’s rate limit.</p>
        {canEdit ? (
          <Form method="post" className="actions">
            <button type="submit" name="intent" value="propose" className="button">
              Propose the default schedule
            </button>
            {role === 'owner' ? (
              <button type="submit" name="intent" value={mailerPaused ? 'resume-all' : 'pause-all'} className="button button--danger">
                {mailerPaused ? 'Resume all sending' : 'Pause all sending'}
              </button>
            ) : null}
          </Form>
        ) : null}
      </section>
      {updates.length === 0 ? <p>No updates yet. Propose the default schedule to start from the AGM calendar.</p> : null}
      {updates.map((u) => (
        <section key={u.id} className="panel update" aria-labelledby={`update-${u.id}`}>
          <div className="update__head">
            <h2 id={`update-${u.id}`}>{u.subject}</h2>
            <span className={`badge badge--${u.status === 'sent' ? 'live' : u.status === 'cancelled' ? 'closed' : 'demo'}`}>{u.status}</span>
          </div>
          <p className="muted">
            {u.kind.replace(/_/g, ' ')} · {u.sendAt} · {AUDIENCE_LABELS[u.audience]}
          </p>
          {u.movedTo && canEdit ? (
            <Form method="post" className="notice notice--demo moved">
              <input type="hidden" name="updateId" value={u.id} />
              <p>
                The campaign’s {DATE_LABELS[u.derivedFrom ?? 'agm_at']} has changed since this update was planned. Move it to <strong>{u.movedTo}</strong>?
              </p>
              <button type="submit" name="intent" value="realign" className="button">
                Move it
              </button>
            </Form>
          ) : null}
          {u.progress.total > 0 ? (
            <div className="progress">
              <label htmlFor={`progress-${u.id}`}>
                Sent {u.progress.sent} of {u.progress.total} · queued {u.progress.queued + u.progress.sending} · failed {u.progress.failed} · skipped {u.progress.skipped}
              </label>
              <progress id={`progress-${u.id}`} max={u.progress.total} value={u.progress.sent + u.progress.failed + u.progress.skipped} />
            </div>
          ) : null}
          <div className="actions">
            <a className="button" href={`/organizer/c/${campaign.slug}/mail/${u.id}/preview`} target="_blank" rel="noreferrer">
              Preview<span className="visually-hidden"> {u.subject}</span>
            </a>
            {canEdit ? (
              <Form method="post" className="actions">
                <input type="hidden" name="updateId" value={u.id} />
                <button type="submit" name="intent" value="test" className="button">
                  Send me a test
                </button>
                {u.status === 'draft' || u.status === 'paused' ? (
                  <button type="submit" name="intent" value={u.status === 'paused' ? 'resume' : 'schedule'} className="button button--primary">
                    {u.status === 'paused' ? 'Resume' : 'Schedule'}
                  </button>
                ) : null}
                {u.status === 'scheduled' || u.status === 'sending' ? (
                  <button type="submit" name="intent" value="pause" className="button">
                    Pause
                  </button>
                ) : null}
                {['draft', 'scheduled', 'paused'].includes(u.status) ? (
                  <button type="submit" name="intent" value="cancel" className="button button--danger">
                    Cancel
                  </button>
                ) : null}
              </Form>
            ) : null}
          </div>
          {canEdit && !u.started && ['draft', 'scheduled', 'paused'].includes(u.status) ? (
            <details className="update__edit">
              <summary>Edit this update</summary>
              <Form method="post" className="form">
                <input type="hidden" name="intent" value="edit" />
                <input type="hidden" name="updateId" value={u.id} />
                <div className="field">
                  <label htmlFor={`subject-${u.id}`}>Subject</label>
                  <input id={`subject-${u.id}`} name="subject" type="text" defaultValue={u.subject} required maxLength={200} />
                </div>
                <div className="field">
                  <label htmlFor={`body-${u.id}`}>Message (markdown)</label>
                  <textarea id={`body-${u.id}`} name="body" rows={6} defaultValue={u.body} required />
                </div>
                <div className="field">
                  <label htmlFor={`send-${u.id}`}>Send at ({campaign.timeZone})</label>
                  <input id={`send-${u.id}`} name="sendAt" type="datetime-local" defaultValue={u.sendAtLocal} required />
                </div>
                <div className="field">
                  <label htmlFor={`audience-${u.id}`}>Audience</label>
                  <select id={`audience-${u.id}`} name="audience" defaultValue={u.audience}>
                    {AUDIENCES.map((a) => (
                      <option key={a} value={a}>
                        {AUDIENCE_LABELS[a]}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" className="button button--primary">
                  Save update
                </button>
              </Form>
            </details>
          ) : null}
        </section>
      ))}
    </>
  )
}
