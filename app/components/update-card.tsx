import type { SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import type { DeliveryFigures } from '~/models/delivery-figures.server'
import { AUDIENCE_LABELS, isEditableUpdate, isUnsent, KIND_LABELS, UPDATE_STATUS_LABELS } from '~/utils/update-labels'
import type { UpdateAudience, UpdateKind, UpdateStatus } from '../../db/schema'
import { SendReview, type SendReviewView } from './send-review'
import { UpdateEditForm } from './update-edit-form'
import { UpdateFigures } from './update-figures'

// One update on the campaign's email page: what it is, when it goes and to whom, its figures
// once it has started, and the controls an editor has over it.

export interface UpdateView {
  id: number
  kind: UpdateKind
  subject: string
  body: string
  audience: UpdateAudience
  /** The segment in words ("Only confirmed pledgers who …"), for a one-off update that has one. */
  segment: string | null
  status: UpdateStatus
  /** "Tuesday, June 3, 2025, 10:00 a.m. EDT" */
  sendAt: string
  /** "in 5 days", "8 days ago" */
  sendAtRelative: string
  sendAtLocal: string
  started: boolean
  /** Scheduled and due: it starts within moments. */
  starting: boolean
  finishedAt: string | null
  figures: DeliveryFigures
  derivedFrom: 'record_date' | 'vote_deadline' | 'agm_at' | null
  movedTo: string | null
}

const DATE_LABELS = { record_date: 'record date', vote_deadline: 'voting deadline', agm_at: 'meeting date' } as const
const BADGE: Record<UpdateStatus, string> = { draft: 'demo', scheduled: 'live', sending: 'live', sent: 'closed', paused: 'demo', cancelled: 'closed' }

function when(u: UpdateView): string {
  if (u.status === 'sent') return `Sent ${u.finishedAt ?? u.sendAt}`
  if (u.status === 'sending') return `Sending since ${u.sendAt}`
  if (u.status === 'cancelled') return `Was dated ${u.sendAt}`
  if (u.starting) return 'Going now'
  return `${u.status === 'scheduled' ? 'Goes' : 'Dated'} ${u.sendAt} (${u.sendAtRelative})`
}

export function UpdateCard({
  update: u,
  slug,
  timeZone,
  imageOrigins,
  canEdit,
  review,
  lastEdit,
}: {
  update: UpdateView
  slug: string
  timeZone: string
  /** Where the email's images may come from; any other image goes out as its description. */
  imageOrigins: string[]
  canEdit: boolean
  review: SendReviewView | null
  lastEdit: SubmissionResult<string[]> | null
}) {
  const editable = canEdit && isEditableUpdate(u)
  return (
    <section id={`update-${u.id}`} className="panel update" aria-labelledby={`update-${u.id}-heading`}>
      <div className="update__head">
        <h2 id={`update-${u.id}-heading`}>{u.subject}</h2>
        <span className={`badge badge--${BADGE[u.status]}`}>{UPDATE_STATUS_LABELS[u.status]}</span>
      </div>
      <p className="update__meta">
        <span>{KIND_LABELS[u.kind]}</span>
        <span>{when(u)}</span>
        <span>To: {AUDIENCE_LABELS[u.audience]}</span>
      </p>
      {u.segment ? <p className="update__meta">{u.segment}</p> : null}
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
      {u.started ? <UpdateFigures id={u.id} figures={u.figures} sending={u.status === 'sending'} audienceLabel={AUDIENCE_LABELS[u.audience]} /> : null}
      {review ? <SendReview review={review} timeZone={timeZone} slug={slug} /> : null}
      <Form method="post" className="actions update__actions">
        <a className="button" href={`/organizer/c/${slug}/mail/${u.id}/preview`} target="_blank" rel="noreferrer">
          Preview<span className="visually-hidden"> {u.subject}</span>
        </a>
        {canEdit ? (
          <>
            <input type="hidden" name="updateId" value={u.id} />
            <button type="submit" name="intent" value="test" className="button">
              Send me a test
            </button>
            {!review && (u.status === 'draft' || u.status === 'paused') ? (
              <button type="submit" name="intent" value={u.status === 'paused' ? 'review-resume' : 'review-schedule'} className="button button--primary">
                {u.status === 'paused' ? 'Resume…' : 'Schedule…'}
              </button>
            ) : null}
            {u.status === 'scheduled' || u.status === 'sending' ? (
              <button type="submit" name="intent" value="pause" className="button">
                Pause
              </button>
            ) : null}
            {isUnsent(u.status) ? (
              <button type="submit" name="intent" value="cancel" className="button button--danger">
                Cancel this update
              </button>
            ) : null}
          </>
        ) : null}
      </Form>
      {editable ? (
        <details className="update__edit" open={Boolean(lastEdit)}>
          <summary>Edit this update</summary>
          <UpdateEditForm update={u} timeZone={timeZone} imageOrigins={imageOrigins} lastResult={lastEdit} />
        </details>
      ) : null}
    </section>
  )
}
