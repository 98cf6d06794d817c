import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormError, TextField } from '~/components/field'
import { signIn } from '~/models/sign-in.server'
import { LoginSchema } from '~/schemas/organizer'
import { getOrganizer, PRIVATE_NO_STORE, startSessionCookie } from '~/utils/organizer-auth.server'
import { readForm } from '~/utils/read-form.server'
import { safeRedirectPath } from '~/utils/safe-redirect.server'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'))
  if (await getOrganizer(request, context)) throw redirect(redirectTo)
  // After a password reset: every session ended, so the organizer signs in again with the new one.
  return json({ redirectTo, reset: new URL(request.url).searchParams.has('reset') }, { headers: PRIVATE_NO_STORE })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request)
  const submission = parseWithZod(form, { schema: LoginSchema })
  if (submission.status !== 'success') return json({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  const { email, password } = submission.value
  // Decided before anything is stored, so no value of it can fail after the session exists.
  const redirectTo = safeRedirectPath(submission.value.redirectTo)
  const outcome = await signIn(context.db, { email, password, clientIp: context.clientIp })
  if (!outcome.ok && outcome.reason === 'throttled') {
    const minutes = Math.ceil(outcome.retryAfterSeconds / 60)
    return json(
      { result: submission.reply({ formErrors: [`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`], hideFields: ['password'] }) },
      { status: 429, headers: { 'Retry-After': String(outcome.retryAfterSeconds) } },
    )
  }
  // The message never says which part was wrong.
  if (!outcome.ok) return json({ result: submission.reply({ formErrors: ['Email or password is incorrect.'], hideFields: ['password'] }) }, { status: 400 })
  return redirect(redirectTo, { headers: { 'Set-Cookie': await startSessionCookie(context, outcome.organizer.id) } })
}

export const meta: MetaFunction = () => [{ title: 'Organizer sign-in · Quorum' }, { name: 'robots', content: 'noindex' }]

export default function Login() {
  const { redirectTo, reset } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'login',
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  })
  return (
    <div className="wrap narrow page-message">
      <p className="eyebrow">Organizers</p>
      <h1>Sign in</h1>
      {reset ? (
        <p className="notice notice--strong" role="status">
          Your new password is set, and every session of your account has been signed out. Sign in with the new password.
        </p>
      ) : null}
      <Form method="post" className="form panel" {...getFormProps(form)}>
        <FormError errors={form.errors} id={form.errorId} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField meta={fields.email} type="email" label="Email address" autoComplete="username" />
        <div className={fields.password.errors?.length ? 'field has-error' : 'field'}>
          <label htmlFor={fields.password.id}>Password</label>
          <input id={fields.password.id} name={fields.password.name} type="password" autoComplete="current-password" required aria-invalid={fields.password.errors?.length ? true : undefined} />
        </div>
        <button type="submit" className="button button--primary">
          Sign in
        </button>
      </Form>
      <p>
        <Link to="/organizer/forgot">Forgot your password?</Link>
      </p>
      <p className="muted">A campaign’s owners invite its organizers by email; the first owner’s account is created with <code>npm run organizer:create</code>.</p>
    </div>
  )
}
