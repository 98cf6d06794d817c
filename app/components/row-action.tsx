import { Form } from '@remix-run/react'

// One action on one row of an organizer's table (revoke a token, disable an endpoint, resend a
// delivery): a small form that posts the row's id and the intent, and the row's error beside it.

export function RowAction(props: { idName: string; id: number | string; intent: string; label: string; accessibleLabel: string; danger?: boolean }) {
  return (
    <Form method="post" preventScrollReset>
      <input type="hidden" name={props.idName} value={props.id} />
      <button
        type="submit"
        name="intent"
        value={props.intent}
        className={`button button--small${props.danger ? ' button--danger' : ''}`}
        aria-label={props.accessibleLabel}
      >
        {props.label}
      </button>
    </Form>
  )
}

/** The error of the action last tried on this row, if it was this one. */
export function RowError({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  )
}
