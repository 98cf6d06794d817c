import { EventEmitter } from 'node:events'

// Models say "there is mail work" after their transaction commits; the job queue of this
// process (app/jobs) turns that into a pg-boss job, so a worker here or in any other process
// starts at once. Without a job queue running (unit tests) nobody listens.
const signal = new EventEmitter()

export type MailWork = 'sign-up-emails' | 'mailer' | 'webhooks'

export function signalEmailQueued(): void {
  signal.emit('work', 'sign-up-emails' satisfies MailWork)
}

/** An update was scheduled, resumed, moved, or all sending resumed. */
export function signalMailerWork(): void {
  signal.emit('work', 'mailer' satisfies MailWork)
}

export function onMailWork(listener: (work: MailWork) => void): () => void {
  signal.on('work', listener)
  return () => signal.off('work', listener)
}

/** Webhook deliveries were queued or queued again (app/models/webhook-events.server.ts). */
export function signalWebhookWork(): void {
  signal.emit('work', 'webhooks' satisfies MailWork)
}
