import { getCollectionProps, getFormProps, getSelectProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { API_SCOPES, NewApiTokenSchema, SCOPE_LABELS, TOKEN_LIFETIMES, type ApiScopeName } from '~/schemas/api'
import { ColumnHeads } from './column-heads'
import { FieldError, FormError, TextField } from './field'
import { RowAction, RowError } from './row-action'

// The owners' part of the Embed and API page: their campaign's tokens, a form for a new one, and
// the new token itself, shown this once.

export interface ApiTokenRow {
  id: number
  name: string
  prefix: string
  scopes: ApiScopeName[]
  createdBy: string
  created: string
  expires: string
  lastUsed: string | null
  state: 'active' | 'expired' | 'revoked'
}

const STATE_LABELS = { active: 'Active', expired: 'Expired', revoked: 'Revoked' }

export function NewTokenNotice({ token, name }: { token: string; name: string }) {
  return (
    <div className="notice notice--strong token-once" role="status">
      <p>
        <strong>Your new token “{name}”.</strong> Copy it now: Quorum keeps only a fingerprint of it and cannot show it again.
      </p>
      <label htmlFor="new-token">The token</label>
      <input id="new-token" className="control control--code" readOnly value={token} />
    </div>
  )
}

export function ApiTokenTable({ tokens, error }: { tokens: ApiTokenRow[]; error?: { tokenId: number; message: string } }) {
  if (tokens.length === 0) return <p>No tokens yet.</p>
  return (
    <div className="table-scroll">
      <table className="token-table">
        <caption className="visually-hidden">This campaign’s API tokens</caption>
        <ColumnHeads columns={['Name', 'May', 'Created', 'Expires', 'Last used', 'State']} />
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <th scope="row">
                {t.name}
                <br />
                <code>{t.prefix}…</code>
              </th>
              <td>{t.scopes.join(', ')}</td>
              <td>
                {t.created}
                <br />
                <span className="muted">by {t.createdBy}</span>
              </td>
              <td>{t.expires}</td>
              <td>{t.lastUsed ?? 'Never'}</td>
              <td>
                {STATE_LABELS[t.state]}
                {t.state === 'active' ? <RowAction idName="tokenId" id={t.id} intent="revoke" label="Revoke" accessibleLabel={`Revoke ${t.name}`} danger /> : null}
                <RowError message={error?.tokenId === t.id ? error.message : null} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function NewApiTokenForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useForm({
    id: 'new-api-token',
    lastResult,
    defaultValue: { expiresInDays: '90', scopes: ['pledges:read'] },
    constraint: getZodConstraint(NewApiTokenSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewApiTokenSchema }),
  })
  const { key: lifetimeKey, ...lifetimeProps } = getSelectProps(fields.expiresInDays)
  const scopeError = fields.scopes.errors?.length ? fields.scopes.errorId : undefined
  return (
    <Form method="post" className="form" preventScrollReset {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      <TextField meta={fields.name} label="Name" hint="Where it will be used, e.g. “Partner CRM sync”." autoComplete="off" />
      <fieldset className={scopeError ? 'field has-error' : 'field'} aria-describedby={scopeError}>
        <legend>It may</legend>
        {getCollectionProps(fields.scopes, { type: 'checkbox', options: [...API_SCOPES] }).map(({ key, ...props }) => (
          <div key={key} className="field field--checkbox">
            <input {...props} />
            <label htmlFor={props.id}>{SCOPE_LABELS[props.value as ApiScopeName]}</label>
          </div>
        ))}
        <FieldError meta={fields.scopes} />
      </fieldset>
      <div className={fields.expiresInDays.errors?.length ? 'field has-error' : 'field'}>
        <label htmlFor={fields.expiresInDays.id}>Expires after</label>
        <select key={lifetimeKey} {...lifetimeProps} className="field--short">
          {TOKEN_LIFETIMES.map((days) => (
            <option key={days} value={days}>
              {days === 365 ? 'a year' : `${days} days`}
            </option>
          ))}
        </select>
        <FieldError meta={fields.expiresInDays} />
      </div>
      <div>
        <button type="submit" name="intent" value="create" className="button button--primary">
          Create token
        </button>
      </div>
    </Form>
  )
}
