import { formatPercent } from '~/utils/format'
import { Form, Link } from '@remix-run/react'
import { useEffect, useRef } from 'react'

// The step between "Schedule" and anything going out: how many people, when (in the campaign's
// time zone and from now), and for a send time already past an explicit "Send now".

export interface SendReviewView {
  updateId: number
  control: 'schedule' | 'resume'
  subject: string
  started: boolean
  recipients: number
  recipientsText: string
  audienceLabel: string
  audienceRule: string
  /** The segment in words, when the update has one. */
  segmentText: string | null
  /** For the results email: the recorded result it reports. */
  result: { supportPercent: string } | null
  sendAtText: string
  relative: string
  isPast: boolean
  pausedBy: 'campaign' | 'everywhere' | null
  reviewedSendAt: string
}

export function SendReview({ review, timeZone, slug }: { review: SendReviewView; timeZone: string; slug: string }) {
  const heading = useRef<HTMLHeadingElement>(null)
  // With JavaScript the page does not reload: bring the review into view and to the reader.
  useEffect(() => {
    const element = heading.current
    if (!element) return
    // After Remix has settled the scroll position of the submission.
    const frame = requestAnimationFrame(() => {
      element.focus({ preventScroll: true })
      element.scrollIntoView({ block: 'center' })
    })
    return () => cancelAnimationFrame(frame)
  }, [review])
  const intent = `confirm-${review.control}`
  return (
    <section id={`review-${review.updateId}`} className="send-review" aria-labelledby={`review-${review.updateId}-heading`}>
      <h3 id={`review-${review.updateId}-heading`} tabIndex={-1} ref={heading}>
        Review before {review.control === 'schedule' ? 'scheduling' : 'resuming'}: nothing has been sent
      </h3>
      <dl className="send-review__facts">
        <div>
          <dt>{review.started ? 'Still to send' : 'Goes to'}</dt>
          <dd>
            <strong>{review.recipientsText}</strong>{' '}
            {review.started
              ? '(the audience was fixed when it started)'
              : `if it went now: ${review.audienceRule} (${review.audienceLabel})${review.segmentText ? `; ${review.segmentText.replace(/^Only /, 'only ')}` : ''}, confirmed and not suppressed. The audience is fixed when it starts.`}
          </dd>
        </div>
        <div>
          <dt>{review.isPast ? 'Dated' : 'Goes'}</dt>
          <dd>
            <strong>{review.sendAtText}</strong> ({review.relative}; times in {timeZone.replace('_', ' ')})
          </dd>
        </div>
        {review.result ? (
          <div>
            <dt>Reports</dt>
            <dd>
              The recorded result: <strong>{formatPercent(review.result.supportPercent)}</strong> of the votes cast were for the proposal
            </dd>
          </div>
        ) : null}
      </dl>
      {review.isPast ? (
        <p className="notice notice--warn">
          <strong>Its send time has passed.</strong> Scheduling it now would send it at once. Send it now, or give it a later time in
          “Edit this update”.
        </p>
      ) : null}
      {review.recipients === 0 ? <p className="notice notice--warn">Nobody would receive it now: its audience is empty.</p> : null}
      {review.pausedBy ? (
        <p className="notice">
          Sending is paused {review.pausedBy === 'campaign' ? 'for this campaign' : 'for every campaign'}: it will go when sending resumes.
        </p>
      ) : null}
      <Form method="post" className="actions">
        <input type="hidden" name="updateId" value={review.updateId} />
        <input type="hidden" name="reviewedSendAt" value={review.reviewedSendAt} />
        {review.isPast ? (
          <>
            <input type="hidden" name="sendNow" value="yes" />
            <button type="submit" name="intent" value={intent} className="button button--primary">
              Send now to {review.recipientsText}
            </button>
          </>
        ) : (
          <button type="submit" name="intent" value={intent} className="button button--primary">
            {review.started ? `Resume: send to ${review.recipientsText}` : `${review.control === 'schedule' ? 'Schedule' : 'Resume'} for ${review.sendAtText}`}
          </button>
        )}
        <Link to={`/organizer/c/${slug}/mail`} className="button">
          Not now
        </Link>
      </Form>
    </section>
  )
}
