import { getCollectionProps, getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { EVENT_LABELS, NewWebhookEndpointSchema, WEBHOOK_EVENT_TYPES } from '~/schemas/webhooks'
import type { WebhookEventType } from '../../db/schema'
import { ColumnHeads } from './column-heads'
import { FieldError, FormError, TextField } from './field'
import { RowAction, RowError } from './row-action'

// The owners' webhooks page: endpoints with their actions, the form for a new one, a secret
// shown the once it exists, and the latest deliveries with every attempt and "Resend".

export interface WebhookEndpointRow {
  id: number
  url: string
  description: string
  events: WebhookEventType[]
  enabled: boolean
  rotatingUntil: string | null
}

export interface WebhookDeliveryRow {
  id: string
  messageId: string
  event: WebhookEventType
  url: string
  status: 'queued' | 'sending' | 'delivered' | 'failed'
  nextAttempt: string | null
  lastError: string | null
  attempts: Array<{ id: string; at: string; outcome: string; durationMs: number }>
}

const STATUS_LABELS = { queued: 'Waiting', sending: 'Sending', delivered: 'Delivered', failed: 'Failed' }

export function NewSecretNotice({ secret, url, rotated }: { secret: string; url: string; rotated: boolean }) {
  return (
    <div className="notice notice--strong token-once" role="status">
      <p>
        <strong>{rotated ? 'The new signing secret' : 'The signing secret'} for {url}.</strong> Copy it into your receiver now: it is not shown again.
        {rotated ? ' The old secret keeps signing beside it for 24 hours, so you can switch without missing an event.' : ''}
      </p>
      <label htmlFor="new-secret">Signing secret</label>
      <input id="new-secret" className="control control--code" readOnly value={secret} />
    </div>
  )
}

function EndpointAction({ id, intent, label, url, danger }: { id: number; intent: string; label: string; url: string; danger?: boolean }) {
  return <RowAction idName="endpointId" id={id} intent={intent} label={label} accessibleLabel={`${label}: ${url}`} danger={danger} />
}

export function WebhookEndpointTable({ endpoints, error }: { endpoints: WebhookEndpointRow[]; error?: { endpointId: number; message: string } }) {
  if (endpoints.length === 0) return <p>No endpoints yet.</p>
  return (
    <div className="table-scroll">
      <table className="token-table webhook-table">
        <caption className="visually-hidden">This campaign’s webhook endpoints</caption>
        <ColumnHeads columns={['Address', 'Events', 'State', 'Actions']} />
        <tbody>
          {endpoints.map((e) => (
            <tr key={e.id}>
              <th scope="row">
                <code className="break-anywhere">{e.url}</code>
                {e.description ? (
                  <>
                    <br />
                    <span className="muted">{e.description}</span>
                  </>
                ) : null}
              </th>
              <td>{e.events.join(', ')}</td>
              <td>
                {e.enabled ? 'Enabled' : 'Disabled'}
                {e.rotatingUntil ? (
                  <>
                    <br />
                    <span className="muted">Old secret valid until {e.rotatingUntil}</span>
                  </>
                ) : null}
              </td>
              <td>
                <EndpointAction id={e.id} intent="rotate" label="Rotate secret" url={e.url} />
                {e.enabled ? <EndpointAction id={e.id} intent="disable" label="Disable" url={e.url} /> : <EndpointAction id={e.id} intent="enable" label="Enable" url={e.url} />}
                <EndpointAction id={e.id} intent="delete" label="Delete" url={e.url} danger />
                <RowError message={error?.endpointId === e.id ? error.message : null} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function NewWebhookEndpointForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useForm({
    id: 'new-webhook-endpoint',
    lastResult,
    defaultValue: { eventTypes: ['pledge.confirmed', 'pledge.changed', 'pledge.deleted', 'supporter.unsubscribed'] },
    constraint: getZodConstraint(NewWebhookEndpointSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewWebhookEndpointSchema }),
  })
  const eventsError = fields.eventTypes.errors?.length ? fields.eventTypes.errorId : undefined
  return (
    <Form method="post" className="form" preventScrollReset {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      <TextField meta={fields.url} label="Address" hint="An https:// address on the public internet; Quorum POSTs each event to it as JSON." autoComplete="off" inputMode="url" />
      <TextField meta={fields.description} label="Description (optional)" hint="What receives it, e.g. “Partner CRM”." autoComplete="off" />
      <fieldset className={eventsError ? 'field has-error' : 'field'} aria-describedby={eventsError}>
        <legend>Send these events</legend>
        {getCollectionProps(fields.eventTypes, { type: 'checkbox', options: [...WEBHOOK_EVENT_TYPES] }).map(({ key, ...props }) => (
          <div key={key} className="field field--checkbox">
            <input {...props} />
            <label htmlFor={props.id}>
              {EVENT_LABELS[props.value as WebhookEventType]} <code>{props.value}</code>
            </label>
          </div>
        ))}
        <FieldError meta={fields.eventTypes} />
      </fieldset>
      <div>
        <button type="submit" name="intent" value="create" className="button button--primary">
          Add endpoint
        </button>
      </div>
    </Form>
  )
}

export function WebhookDeliveryTable({ deliveries, error }: { deliveries: WebhookDeliveryRow[]; error?: { deliveryId: string; message: string } }) {
  if (deliveries.length === 0) return <p>No events have been sent yet.</p>
  return (
    <div className="table-scroll">
      <table className="token-table webhook-table">
        <caption className="visually-hidden">The latest webhook deliveries, newest first</caption>
        <ColumnHeads columns={['Event', 'State', 'Attempts', '']} />
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <code>{d.event}</code>
                <br />
                <code className="muted break-anywhere">{d.messageId}</code>
                <br />
                <span className="muted break-anywhere">to {d.url}</span>
              </th>
              <td>
                {STATUS_LABELS[d.status]}
                {d.status === 'queued' && d.nextAttempt ? (
                  <>
                    <br />
                    <span className="muted">next try {d.nextAttempt}</span>
                  </>
                ) : null}
                {d.lastError && d.status !== 'delivered' ? (
                  <>
                    <br />
                    <span className="muted break-anywhere">{d.lastError}</span>
                  </>
                ) : null}
              </td>
              <td>
                {d.attempts.length === 0 ? (
                  'None yet'
                ) : (
                  <ol className="attempt-list" reversed>
                    {d.attempts.map((a) => (
                      <li key={a.id}>
                        {a.at}: <span className="break-anywhere">{a.outcome}</span>, {a.durationMs} ms
                      </li>
                    ))}
                  </ol>
                )}
              </td>
              <td>
                {d.status !== 'sending' ? <RowAction idName="deliveryId" id={d.id} intent="resend" label="Resend" accessibleLabel={`Resend ${d.event} ${d.messageId}`} /> : null}
                <RowError message={error?.deliveryId === d.id ? error.message : null} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
