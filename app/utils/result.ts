import type { SubmissionResult } from '@conform-to/react'

// The one shape of an expected failure. Models return Result values for what a person can fix
// (a taken address, a stale form, a refused transition) and throw only for bugs; routes hand a
// failure to conform with `replyWithFailure`, so it shows next to its field or above the form.

export type Failure = { ok: false; fieldErrors?: Record<string, string[]>; formError?: string }
export type Result<T extends object = object> = ({ ok: true } & T) | Failure

/** A failure about the whole form: "This campaign no longer exists." */
export function formFailure(message: string): Failure {
  return { ok: false, formError: message }
}

/** A failure about one field, shown under it: the slug that is taken. */
export function fieldFailure(field: string, message: string): Failure {
  return { ok: false, fieldErrors: { [field]: [message] } }
}

/** The failure in one sentence, where a page has one place for a message (a table row, a notice). */
export function failureMessage(failure: Failure): string {
  return [failure.formError, ...Object.values(failure.fieldErrors ?? {}).flat()].filter(Boolean).join(' ') || 'Nothing was changed.'
}

type Replyable = { reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }): SubmissionResult<string[]> }

/** conform's reply to a submission the model refused: its errors where the form shows them. */
export function replyWithFailure(submission: Replyable, failure: Failure, options: { hideFields?: string[] } = {}): SubmissionResult<string[]> {
  return submission.reply({ formErrors: failure.formError ? [failure.formError] : undefined, fieldErrors: failure.fieldErrors, ...options })
}
