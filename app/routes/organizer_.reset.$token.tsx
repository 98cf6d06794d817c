import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormError, PasswordField } from '~/components/field'
import { checkResetToken, resetPassword } from '~/models/password-resets.server'
import { NewPasswordSchema } from '~/schemas/organizer'
import { PRIVATE_NO_STORE, privatePageHeaders } from '~/utils/organizer-auth.server'
import { readForm } from '~/utils/read-form.server'

// A password reset link: GET shows the form (mail scanners follow links), POST sets the password,
// once, ends every session of the account, and sends the organizer to sign in with it.

const PROBLEMS = {
  invalid: 'This link is not valid: it may have been cut short when it was copied.',
  expired: 'This link has expired.',
  used: 'This link has been used already.',
} as const

export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = await checkResetToken(context.db, { token: params.token })
  return json(token.ok ? { ok: true as const, email: token.email } : { ok: false as const, problem: token.reason }, { headers: PRIVATE_NO_STORE })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: NewPasswordSchema })
  const hideFields = ['newPassword', 'confirmPassword']
  if (submission.status !== 'success') return json({ result: submission.reply({ hideFields }), problem: null }, { status: 400, headers: PRIVATE_NO_STORE })
  const reset = await resetPassword(context.db, { token: params.token ?? '', newPassword: submission.value.newPassword })
  if (!reset.ok) {
    const problem = 'reason' in reset ? reset.reason : 'invalid'
    return json({ result: submission.reply({ formErrors: [PROBLEMS[problem]], hideFields }), problem }, { status: 410, headers: PRIVATE_NO_STORE })
  }
  return redirect('/organizer/login?reset')
}

export const headers = privatePageHeaders
export const meta: MetaFunction = () => [{ title: 'Choose a new password · Quorum' }, { name: 'robots', content: 'noindex' }]

export default function ResetPassword() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'reset',
    lastResult: actionData?.result,
    constraint: getZodConstraint(NewPasswordSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewPasswordSchema }),
  })
  if (!data.ok) {
    return (
      <div className="wrap narrow page-message">
        <p className="eyebrow">Organizers</p>
        <h1>This link no longer works</h1>
        <p className="lede">{PROBLEMS[data.problem]} A reset link works once, for an hour.</p>
        <p>
          <Link to="/organizer/forgot">Ask for a new link</Link> · <Link to="/organizer/login">Sign in</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="wrap narrow page-message">
      <p className="eyebrow">Organizers</p>
      <h1>Choose a new password</h1>
      <p>
        For the organizer account <strong>{data.email}</strong>. Setting it signs the account out everywhere.
      </p>
      <Form method="post" className="form panel" {...getFormProps(form)}>
        <FormError errors={form.errors} id={form.errorId} />
        <input type="email" name="username" value={data.email} autoComplete="username" readOnly hidden />
        <PasswordField meta={fields.newPassword} label="New password (at least 12 characters)" autoComplete="new-password" />
        <PasswordField meta={fields.confirmPassword} label="New password again" autoComplete="new-password" />
        <button type="submit" className="button button--primary">
          Set the new password
        </button>
      </Form>
    </div>
  )
}
