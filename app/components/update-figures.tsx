import type { DeliveryFigures } from '~/models/delivery-figures.server'
import { formatCount } from '~/utils/format'

// An update's figures once it has started: live while it sends, kept after. A send that reached
// nobody says so in words, not with a row of zeros.

const ROWS: Array<{ key: keyof Omit<DeliveryFigures, 'errors'>; label: string }> = [
  { key: 'recipients', label: 'Recipients' },
  { key: 'sent', label: 'Sent' },
  { key: 'delivered', label: 'Delivered' },
  { key: 'bounced', label: 'Bounced' },
  { key: 'complained', label: 'Marked as spam' },
  { key: 'unsubscribed', label: 'Unsubscribed through it' },
  { key: 'failed', label: 'Failed' },
  { key: 'skipped', label: 'Skipped (left the audience first)' },
]

export function UpdateFigures({ id, figures, sending, audienceLabel }: { id: number; figures: DeliveryFigures; sending: boolean; audienceLabel: string }) {
  const done = figures.recipients - figures.waiting
  const reachedNobody = figures.recipients === 0 || (!sending && figures.sent === 0)
  return (
    <div className="update-figures">
      {reachedNobody && !sending ? (
        <p className="notice notice--warn">
          <strong>This update reached nobody.</strong>{' '}
          {figures.recipients === 0
            ? `Nobody was in its audience (${audienceLabel}) when it started sending.`
            : `None of its ${formatCount(figures.recipients)} emails went out: see why below.`}
        </p>
      ) : null}
      {sending && figures.recipients > 0 ? (
        <div className="update-figures__progress">
          <label htmlFor={`progress-${id}`}>
            Sending: {formatCount(done)} of {formatCount(figures.recipients)} done, {formatCount(figures.waiting)} to go
          </label>
          <progress id={`progress-${id}`} className="progress" max={figures.recipients} value={done} />
        </div>
      ) : null}
      {figures.recipients > 0 ? (
        <dl className="update-figures__grid">
          {ROWS.map(({ key, label }) => (
            <div key={key} className={figures[key] > 0 && ['bounced', 'complained', 'failed'].includes(key) ? 'is-alert' : undefined}>
              <dt>{label}</dt>
              <dd>{formatCount(figures[key])}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {figures.errors.length > 0 ? (
        <details className="update-figures__errors" open={figures.sent === 0}>
          <summary>Why {figures.failed === 1 ? 'a send' : 'sends'} failed</summary>
          <ul>
            {figures.errors.map((e) => (
              <li key={e.message}>
                {e.message} <span className="muted">({formatCount(e.count)})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  )
}
