import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { LinkProblem } from '~/components/link-problem'
import { confirmByToken } from '~/models/supporters.server'
import { peekToken } from '~/models/supporter-tokens.server'

// Mail scanners open links: the GET only shows a button; the POST confirms.

export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await peekToken(context.db, { token: params.token, purpose: 'confirm' })
  return json({ state: found.ok ? ('ready' as const) : found.reason }, { status: found.ok ? 200 : 410, headers: { 'Cache-Control': 'no-store' } })
}

export async function action({ params, context }: ActionFunctionArgs) {
  const confirmed = await confirmByToken(context.db, { token: params.token, clientIp: context.clientIp })
  if (!confirmed.ok) return json({ state: confirmed.reason }, { status: 410 })
  return redirect(`/me/${confirmed.manageToken}?confirmed`)
}

export const meta: MetaFunction = () => [{ title: 'Confirm your email address · Quorum' }, { name: 'robots', content: 'noindex' }]

export default function Confirm() {
  const loaded = useLoaderData<typeof loader>()
  const acted = useActionData<typeof action>()
  const state = acted?.state ?? loaded.state
  return (
    <div className="wrap narrow page-message">
      {state === 'ready' ? (
        <>
          <h1>Confirm your email address</h1>
          <p className="lede">One click and your pledge counts (and, if you asked for them, updates start).</p>
          <Form method="post">
            <button type="submit" className="button button--primary">
              Confirm my email address
            </button>
          </Form>
        </>
      ) : (
        <LinkProblem state={state} />
      )}
    </div>
  )
}
