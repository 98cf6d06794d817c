import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormError, PasswordField, TextField } from '~/components/field'
import { ROLES } from '~/components/editor-organizers'
import { acceptInvitation, getInvitation } from '~/models/organizer-invitations.server'
import { JoinWithPasswordSchema, NewAccountSchema } from '~/schemas/organizer'
import { PRIVATE_NO_STORE, privatePageHeaders, startSessionCookie } from '~/utils/organizer-auth.server'
import { readForm } from '~/utils/read-form.server'
import { replyWithFailure } from '~/utils/result'

// An invitation's link (decision 017). GET shows it (mail scanners follow links); POST accepts:
// a new address chooses its account's password, an address with an account signs in with its
// own. Either way the invitee joins the campaign with the role the owner chose, signed in.

const PROBLEMS = {
  invalid: 'This link is not valid: it may have been cut short when it was copied, or the invitation was revoked.',
  expired: 'This invitation has expired.',
  used: 'This invitation has been accepted already.',
} as const
const HIDDEN = ['password', 'newPassword', 'confirmPassword']

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await getInvitation(context.db, { token: params.token })
  if (!invitation.ok) return json({ ok: false as const, problem: invitation.reason }, { headers: PRIVATE_NO_STORE })
  const roleHelp = ROLES.find(([role]) => role === invitation.role)!
  return json({ ok: true as const, email: invitation.email, role: roleHelp[1], roleHelp: roleHelp[2], campaign: invitation.campaign, hasAccount: invitation.hasAccount }, { headers: PRIVATE_NO_STORE })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request)
  const token = params.token ?? ''
  const invitation = await getInvitation(context.db, { token })
  if (!invitation.ok) return json({ result: null, problem: invitation.reason }, { status: 410, headers: PRIVATE_NO_STORE })
  // Which form applies is the server's to say: whether the address has an account now.
  const submission = invitation.hasAccount ? parseWithZod(form, { schema: JoinWithPasswordSchema }) : parseWithZod(form, { schema: NewAccountSchema })
  if (submission.status !== 'success') return json({ result: submission.reply({ hideFields: HIDDEN }), problem: null }, { status: 400, headers: PRIVATE_NO_STORE })
  const value = submission.value
  const accepted = await acceptInvitation(context.db, {
    token,
    clientIp: context.clientIp,
    ...('password' in value ? { password: value.password } : { password: value.newPassword, name: value.name }),
  })
  if (!accepted.ok) {
    if ('reason' in accepted) return json({ result: null, problem: accepted.reason }, { status: 410, headers: PRIVATE_NO_STORE })
    const throttled = 'retryAfterSeconds' in accepted
    return json(
      { result: replyWithFailure(submission, accepted, { hideFields: HIDDEN }), problem: null },
      { status: throttled ? 429 : 422, headers: { ...PRIVATE_NO_STORE, ...(throttled ? { 'Retry-After': String(accepted.retryAfterSeconds) } : {}) } },
    )
  }
  return redirect(`/organizer/c/${accepted.slug}`, { headers: { 'Set-Cookie': await startSessionCookie(context, accepted.organizerId) } })
}

export const headers = privatePageHeaders
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.ok ? `Join ${data.campaign.title} · Quorum` : 'Invitation · Quorum' },
  { name: 'robots', content: 'noindex' },
]

export default function AcceptInvitation() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const problem = actionData?.problem ?? (data.ok ? null : data.problem)
  if (problem || !data.ok) {
    return (
      <div className="wrap narrow page-message">
        <p className="eyebrow">Organizers</p>
        <h1>This invitation no longer works</h1>
        <p className="lede">{PROBLEMS[problem ?? 'invalid']} An invitation works once, for 7 days: ask the campaign’s owner for a new one.</p>
        <p>
          <Link to="/organizer/login">Sign in</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="wrap narrow page-message">
      <p className="eyebrow">Organizers</p>
      <h1>Join {data.campaign.title}</h1>
      <p>
        You are invited to organize <strong>{data.campaign.title}</strong> ({data.campaign.company}) as {/^[aeiou]/i.test(data.role) ? 'an' : 'a'}{' '}
        {data.role.toLowerCase()}, who {data.roleHelp}.
      </p>
      {data.hasAccount ? <JoinForm email={data.email} result={actionData?.result} /> : <NewAccountForm email={data.email} result={actionData?.result} />}
    </div>
  )
}

type Result = SubmissionResult<string[]> | null | undefined

function JoinForm({ email, result }: { email: string; result: Result }) {
  const [form, fields] = useForm({
    id: 'join',
    lastResult: result,
    constraint: getZodConstraint(JoinWithPasswordSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: JoinWithPasswordSchema }),
  })
  return (
    <Form method="post" className="form panel" {...getFormProps(form)}>
      <p>
        <strong>{email}</strong> has an organizer account: sign in with its password to join. <Link to="/organizer/forgot">Forgot it?</Link>
      </p>
      <FormError errors={form.errors} id={form.errorId} />
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <PasswordField meta={fields.password} label="Password" autoComplete="current-password" />
      <button type="submit" className="button button--primary">
        Sign in and join
      </button>
    </Form>
  )
}

function NewAccountForm({ email, result }: { email: string; result: Result }) {
  const [form, fields] = useForm({
    id: 'new-account',
    lastResult: result,
    constraint: getZodConstraint(NewAccountSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewAccountSchema }),
  })
  return (
    <Form method="post" className="form panel" {...getFormProps(form)}>
      <p>
        Choose a password for your organizer account, <strong>{email}</strong>.
      </p>
      <FormError errors={form.errors} id={form.errorId} />
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <TextField meta={fields.name} label="Your name (optional)" hint="Other organizers see it beside your address." autoComplete="name" />
      <PasswordField meta={fields.newPassword} label="Password (at least 12 characters)" autoComplete="new-password" />
      <PasswordField meta={fields.confirmPassword} label="Password again" autoComplete="new-password" />
      <button type="submit" className="button button--primary">
        Create my account and join
      </button>
    </Form>
  )
}
