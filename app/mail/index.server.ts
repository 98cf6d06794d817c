// What the rest of Quorum may ask of outgoing mail. Models and routes import from here only;
// everything else in app/mail is how it is done (see docs/delivery-state-machine.md).

/** Enqueue a sign-up email: the row to insert in the transaction that causes it. */
export { signUpEmailRow } from './sign-up-queue.server'
/** Enqueue an organizer account email (an invitation, a password reset), in the transaction that causes it. */
export { organizerEmailRow } from './organizer-emails.server'
/** Wake the senders once a change has committed: sign-up emails, or updates' sending. */
export { signalEmailQueued, signalMailerWork } from './queue-signal.server'
/** How many people an update would reach now, by the rule that freezes its audience. */
export { countEligible } from './deliveries.server'
/** One update as a recipient would get it, for the organizer's preview and test send. */
export { mailImageOrigins, previewCopy, sendOne } from './update-emails.server'
/** Checks a Resend webhook's signature. */
export { verifyResendWebhook } from './resend.server'
export type { MailTransport } from './transport'
export type { SignUpEmailPayload } from './sign-up-emails.server'
export type { OrganizerEmailPayload } from './organizer-emails.server'
