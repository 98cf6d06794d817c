import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { NewLinkForm } from '~/components/new-link-form'
import { sendFreshLinks } from '~/models/sign-up.server'
import { NewLinkSchema } from '~/schemas/pledge'
import { readForm } from '~/utils/read-form.server'
import { checkSignUpRate, honeypotFilled, retryMessage, tooManyRequests } from '~/utils/sign-up-guard.server'

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request)
  const submission = parseWithZod(form, { schema: NewLinkSchema })
  const isBot = honeypotFilled(form)
  const rate = await checkSignUpRate(context.db, { ip: context.clientIp, email: submission.status === 'success' && !isBot ? submission.value.email : undefined })
  if (!rate.ok) return tooManyRequests(rate.retryAfterSeconds, submission.reply({ formErrors: [retryMessage(rate.retryAfterSeconds, 'UTC')] }))
  if (isBot) return json({ sent: true as const })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  await sendFreshLinks(context.db, { email: submission.value.email })
  return json({ sent: true as const })
}

export const meta: MetaFunction = () => [{ title: 'Get a new link · Quorum' }]

export default function NewLink() {
  const data = useActionData<typeof action>()
  return (
    <div className="wrap narrow page-message">
      <h1>Get a new link</h1>
      {data && 'sent' in data ? (
        <p className="lede" role="status">
          If that address has a pledge or a subscription on Quorum, we have sent it a new link. Check your email.
        </p>
      ) : (
        <>
          <p className="lede">Enter the address you pledged or subscribed with, and we will email it a fresh link.</p>
          <NewLinkForm lastResult={data && 'result' in data ? data.result : null} />
        </>
      )}
    </div>
  )
}
