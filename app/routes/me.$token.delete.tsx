import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useParams } from '@remix-run/react'
import { eraseSupporter, getSupporterOverview } from '~/models/supporters.server'
import { peekToken } from '~/models/supporter-tokens.server'
import { LinkProblem } from '~/components/link-problem'

// Erasure, after a confirmation step: this page explains, its button deletes.

export async function loader({ params, context }: LoaderFunctionArgs) {
  const session = await peekToken(context.db, { token: params.token, purpose: 'manage' })
  if (!session.ok) return json({ state: session.reason, pledges: 0, email: null }, { status: 410 })
  const overview = await getSupporterOverview(context.db, { supporterId: session.supporterId })
  return json({ state: 'ok' as const, pledges: overview?.pledges.length ?? 0, email: overview?.supporter.email ?? null }, { headers: { 'Cache-Control': 'no-store' } })
}

export async function action({ params, context }: ActionFunctionArgs) {
  const session = await peekToken(context.db, { token: params.token, purpose: 'manage' })
  if (!session.ok) return json({ error: 'This link no longer works.' }, { status: 410 })
  await eraseSupporter(context.db, { supporterId: session.supporterId })
  return redirect('/deleted')
}

export const meta: MetaFunction = () => [{ title: 'Delete your data · Quorum' }, { name: 'robots', content: 'noindex' }]

export default function DeleteMyData() {
  const data = useLoaderData<typeof loader>()
  const { token } = useParams()
  if (data.state !== 'ok') {
    return (
      <div className="wrap narrow page-message">
        <LinkProblem state={data.state} />
      </div>
    )
  }
  return (
    <div className="wrap narrow page-message">
      <h1>Delete everything?</h1>
      <p className="lede">
        This deletes your address <strong>{data.email}</strong>, your name, your {data.pledges === 1 ? 'pledge' : `${data.pledges} pledges`} and
        your subscriptions. Your pledges leave the campaigns’ tallies. Campaign history keeps only anonymous entries that
        cannot be linked to you. This cannot be undone.
      </p>
      <Form method="post" className="actions">
        <button type="submit" className="button button--danger">
          Yes, delete everything
        </button>
        <Link to={`/me/${token}`} className="button">
          Cancel
        </Link>
      </Form>
    </div>
  )
}
