import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, useActionData, useSearchParams } from '@remix-run/react'
import { FormError, PasswordField } from '~/components/field'
import { recordAudit } from '~/models/audit.server'
import { changePassword } from '~/models/organizers.server'
import { PasswordChangeSchema } from '~/schemas/organizer'
import { requireOrganizer, startSessionCookie } from '~/utils/organizer-auth.server'
import { readForm } from '~/utils/read-form.server'
import { replyWithFailure } from '~/utils/result'

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireOrganizer(request, context)
  return json({})
}

export async function action({ request, context }: ActionFunctionArgs) {
  const organizer = await requireOrganizer(request, context)
  const submission = parseWithZod(await readForm(request), { schema: PasswordChangeSchema })
  if (submission.status !== 'success') return json({ result: submission.reply({ resetForm: false, hideFields: ['currentPassword', 'newPassword', 'confirmPassword'] }) }, { status: 400 })
  const changed = await changePassword(context.db, { organizerId: organizer.id, currentPassword: submission.value.currentPassword, newPassword: submission.value.newPassword })
  if (!changed.ok) return json({ result: replyWithFailure(submission, changed, { hideFields: ['currentPassword', 'newPassword', 'confirmPassword'] }) }, { status: 400 })
  await recordAudit(context.db, { organizerId: organizer.id, campaignId: null, action: 'password.changed', entityType: 'organizer', entityId: organizer.id })
  // Every other session ended with the change; this one continues on a fresh session.
  return redirect('/organizer/password?changed', { headers: { 'Set-Cookie': await startSessionCookie(context, organizer.id) } })
}

export const meta: MetaFunction = () => [{ title: 'Change your password · Quorum' }]

export default function PasswordPage() {
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  const [form, fields] = useForm({
    id: 'password',
    lastResult: actionData?.result,
    constraint: getZodConstraint(PasswordChangeSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordChangeSchema }),
  })
  return (
    <div className="narrow">
      <h1>Change your password</h1>
      {search.has('changed') ? (
        <p className="notice notice--strong" role="status">
          Your password is changed. Every other session has been signed out.
        </p>
      ) : null}
      <Form method="post" className="form panel" {...getFormProps(form)}>
        <FormError errors={form.errors} id={form.errorId} />
        <PasswordField meta={fields.currentPassword} label="Current password" autoComplete="current-password" />
        <PasswordField meta={fields.newPassword} label="New password (at least 12 characters)" autoComplete="new-password" />
        <PasswordField meta={fields.confirmPassword} label="New password again" autoComplete="new-password" />
        <button type="submit" className="button button--primary">
          Change password
        </button>
      </Form>
    </div>
  )
}
