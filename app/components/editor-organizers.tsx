import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import type { OrganizerRole } from '../../db/schema'
import { InviteOrganizerSchema } from '~/schemas/campaign'
import { FieldError, FormError, TextField } from './field'
import { singleSelectProps } from '~/utils/select-props'

// The organizers page's pieces: one row per organizer (change role, remove), the invitations
// waiting for an answer (revoke) and the invitation form.

export const ROLES = [
  ['owner', 'Owner', 'edits the campaign and decides who works on it'],
  ['editor', 'Editor', 'edits the campaign and its vote history'],
  ['viewer', 'Viewer', 'sees the dashboard, pledges and audit log'],
] as const satisfies ReadonlyArray<readonly [OrganizerRole, string, string]>

export interface OrganizerRowData {
  id: number
  email: string
  name: string | null
  role: OrganizerRole
  added: string
  isYou: boolean
}

export function OrganizerRow({ organizer, error }: { organizer: OrganizerRowData; error?: string }) {
  const selectId = `role-${organizer.id}`
  const errorId = `organizer-${organizer.id}-error`
  return (
    <li className={error ? 'organizer-row has-error' : 'organizer-row'}>
      <div className="organizer-row__who">
        <strong>{organizer.name ?? organizer.email}</strong>
        {organizer.isYou ? <span className="badge badge--you">You</span> : null}
        {organizer.name ? <span className="muted">{organizer.email}</span> : null}
        <span className="organizer-row__added">Added {organizer.added}</span>
      </div>
      <Form method="post" className="organizer-row__role" preventScrollReset>
        <input type="hidden" name="organizerId" value={organizer.id} />
        <label htmlFor={selectId} className="visually-hidden">
          Role of {organizer.email}
        </label>
        <select id={selectId} name="role" defaultValue={organizer.role} aria-describedby={error ? errorId : undefined} className="control control--compact">
          {ROLES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button type="submit" name="intent" value="role" className="button button--small">
          Change role
        </button>
      </Form>
      <Form method="post" className="organizer-row__remove" preventScrollReset>
        <input type="hidden" name="organizerId" value={organizer.id} />
        <button type="submit" name="intent" value="remove" className="button button--small button--danger" aria-label={`Remove ${organizer.email}`}>
          Remove
        </button>
      </Form>
      {error ? (
        <p id={errorId} className="field-error organizer-row__error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  )
}

export interface PendingInvitationData {
  id: string
  email: string
  role: OrganizerRole
  invitedBy: string | null
  sent: string
  expires: string
}

export function PendingInvitationRow({ invitation, error }: { invitation: PendingInvitationData; error?: string }) {
  const errorId = `invitation-${invitation.id}-error`
  return (
    <li className={error ? 'organizer-row has-error' : 'organizer-row'}>
      <div className="organizer-row__who">
        <strong>{invitation.email}</strong>
        <span className="badge">{ROLES.find(([role]) => role === invitation.role)?.[1]}</span>
        <span className="organizer-row__added">
          Invited {invitation.sent}
          {invitation.invitedBy ? ` by ${invitation.invitedBy}` : ''} · the link works until {invitation.expires}
        </span>
      </div>
      <Form method="post" className="organizer-row__remove" preventScrollReset>
        <input type="hidden" name="invitationId" value={invitation.id} />
        <button type="submit" name="intent" value="revoke" className="button button--small button--danger" aria-label={`Revoke the invitation to ${invitation.email}`} aria-describedby={error ? errorId : undefined}>
          Revoke
        </button>
      </Form>
      {error ? (
        <p id={errorId} className="field-error organizer-row__error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  )
}

export function InviteOrganizerForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useForm({
    id: 'invite-organizer',
    lastResult,
    defaultValue: { role: 'editor' },
    constraint: getZodConstraint(InviteOrganizerSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteOrganizerSchema }),
  })
  const { key: roleKey, ...roleProps } = singleSelectProps(fields.role)
  return (
    <Form method="post" className="form add-organizer" preventScrollReset {...getFormProps(form)}>
      <FormError errors={form.errors} id={form.errorId} />
      <TextField
        meta={fields.email}
        type="email"
        label="Email address"
        hint="We email them a link that works once, for 7 days: they choose a password, or sign in if they have an account."
        autoComplete="off"
      />
      <div className={fields.role.errors?.length ? 'field has-error' : 'field'}>
        <label htmlFor={fields.role.id}>Role</label>
        <select key={roleKey} {...roleProps} className="field--short">
          {ROLES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <FieldError meta={fields.role} />
      </div>
      <div>
        <button type="submit" name="intent" value="invite" className="button button--primary">
          Send invitation
        </button>
      </div>
    </Form>
  )
}
