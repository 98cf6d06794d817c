import { Form } from '@remix-run/react'
import type { DeliveryFigures } from '~/models/delivery-figures.server'
import { AUDIENCES } from '~/schemas/update'
import { AUDIENCE_LABELS, isEditableUpdate, isUnsent, KIND_LABELS, UPDATE_STATUS_LABELS } from '~/utils/update-labels'
import type { UpdateAudience, UpdateKind, UpdateStatus } from '../../db/schema'
import { SendReview, type SendReviewView } from './send-review'
import { UpdateFigures } from './update-figures'

// One update on the campaign's email page: what it is, when it goes and to whom, its figures
// once it has started, and the controls an editor has over it.

export interface UpdateView {
  id: number
  kind: UpdateKind
  subject: string
  body: string
  audience: UpdateAudience
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
  fieldErrors,
}: {
  update: UpdateView
  slug: string
  timeZone: string
  /** Where the email's images may come from; any other image goes out as its description. */
  imageOrigins: string[]
  canEdit: boolean
  review: SendReviewView | null
  fieldErrors: Record<string, string[] | null | undefined> | null
}) {
  const editable = canEdit && isEditableUpdate(u)
  const error = (name: string) =>
    fieldErrors?.[name]?.length ? (
      <p id={`${name}-${u.id}-error`} className="field-error">
        {fieldErrors[name]!.join(' ')}
      </p>
    ) : null
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
        <details className="update__edit" open={Boolean(fieldErrors)}>
          <summary>Edit this update</summary>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="edit" />
            <input type="hidden" name="updateId" value={u.id} />
            <div className="field">
              <label htmlFor={`subject-${u.id}`}>Subject</label>
              <input id={`subject-${u.id}`} name="subject" type="text" defaultValue={u.subject} required maxLength={200} aria-describedby={fieldErrors?.subject ? `subject-${u.id}-error` : undefined} />
              {error('subject')}
            </div>
            <div className="field">
              <label htmlFor={`body-${u.id}`}>Message (markdown)</label>
              <textarea
                id={`body-${u.id}`}
                name="body"
                rows={6}
                defaultValue={u.body}
                required
                aria-describedby={fieldErrors?.body ? `body-${u.id}-hint body-${u.id}-error` : `body-${u.id}-hint`}
              />
              <p className="field-hint" id={`body-${u.id}-hint`}>
                Images (<code>![description](address)</code>) show only from {imageOrigins.map((o, i) => (
                  <span key={o}>
                    {i > 0 ? (i === imageOrigins.length - 1 ? ' or ' : ', ') : null}
                    <code>{o}</code>
                  </span>
                ))}
                ; any other image is sent as its description, so no image can report who opened the email. More image servers can be allowed with
                MAIL_IMAGE_ORIGINS.
              </p>
              {error('body')}
            </div>
            <div className="field">
              <label htmlFor={`sendAt-${u.id}`}>Send at ({timeZone.replace('_', ' ')})</label>
              <input id={`sendAt-${u.id}`} name="sendAt" type="datetime-local" defaultValue={u.sendAtLocal} required aria-describedby={fieldErrors?.sendAt ? `sendAt-${u.id}-error` : undefined} />
              {error('sendAt')}
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
              {error('audience')}
            </div>
            <button type="submit" className="button button--primary">
              Save update
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  )
}
