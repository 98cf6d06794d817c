import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormError, TextField } from '~/components/field'
import { ORGANIZER_TOKEN_MINUTES } from '~/models/organizer-tokens.server'
import { requestPasswordReset } from '~/models/password-resets.server'
import { ForgotPasswordSchema } from '~/schemas/organizer'
import { PRIVATE_NO_STORE, privatePageHeaders } from '~/utils/organizer-auth.server'
import { readForm } from '~/utils/read-form.server'

// "Forgot your password?" The answer is the same words for every address (decision 017): only
// the email, read by the address's owner, says whether an account uses it.

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ sent: new URL(request.url).searchParams.has('sent'), minutes: ORGANIZER_TOKEN_MINUTES.reset }, { headers: PRIVATE_NO_STORE })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ForgotPasswordSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400, headers: PRIVATE_NO_STORE })
  const asked = await requestPasswordReset(context.db, { email: submission.value.email, clientIp: context.clientIp })
  if (!asked.ok) {
    return json({ result: submission.reply({ formErrors: [asked.formError!] }) }, { status: 429, headers: { ...PRIVATE_NO_STORE, 'Retry-After': String(asked.retryAfterSeconds) } })
  }
  return redirect('/organizer/forgot?sent')
}

export const headers = privatePageHeaders
export const meta: MetaFunction = () => [{ title: 'Forgot your password? · Quorum' }, { name: 'robots', content: 'noindex' }]

export default function ForgotPassword() {
  const { sent, minutes } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'forgot',
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotPasswordSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  })
  return (
    <div className="wrap narrow page-message">
      <p className="eyebrow">Organizers</p>
      <h1>Forgot your password?</h1>
      {sent ? (
        <p className="notice notice--strong" role="status">
          Thank you. If an organizer account uses that address, we have sent it a link to choose a new password. The link works once, for {minutes} minutes. Nothing
          there? Check the spam folder, or ask again in a few minutes.
        </p>
      ) : (
        <p>Enter the email address of your organizer account. We will email it a link to choose a new password.</p>
      )}
      <Form method="post" className="form panel" {...getFormProps(form)}>
        <FormError errors={form.errors} id={form.errorId} />
        <TextField meta={fields.email} type="email" label="Email address" autoComplete="username" />
        <button type="submit" className="button button--primary">
          Email me a link
        </button>
      </Form>
      <p>
        <Link to="/organizer/login">Back to sign-in</Link>
      </p>
    </div>
  )
}
