import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { peekUnsubscribeLink, unsubscribeByToken } from '~/models/supporters.server'

// RFC 8058 one-click unsubscribe. A mail provider POSTs "List-Unsubscribe=One-Click" with no
// cookie and follows no redirect: the POST acts and answers 200 itself. The GET only shows a
// button, because mail scanners open links.

export async function loader({ params, context }: LoaderFunctionArgs) {
  const link = await peekUnsubscribeLink(context.db, { token: params.token })
  if (!link.valid) return json({ valid: false, title: null }, { status: 404 })
  return json({ valid: true, title: link.campaignTitle }, { headers: { 'Cache-Control': 'no-store' } })
}

export async function action({ params, context }: ActionFunctionArgs) {
  const done = await unsubscribeByToken(context.db, { token: params.token })
  if (!done.ok) return json({ unsubscribed: false }, { status: 404 })
  return json({ unsubscribed: true })
}

export const meta: MetaFunction = () => [{ title: 'Unsubscribe · Quorum' }, { name: 'robots', content: 'noindex' }]

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>()
  const acted = useActionData<typeof action>()
  if (acted?.unsubscribed) {
    return (
      <div className="wrap narrow page-message">
        <h1>You are unsubscribed</h1>
        <p className="lede" role="status">
          You will not receive more updates{loaded.title ? ` about ${loaded.title}` : ''}. Your pledge, if you made one, still counts.
        </p>
      </div>
    )
  }
  if (!loaded.valid || acted) {
    return (
      <div className="wrap narrow page-message">
        <h1>This unsubscribe link does not work</h1>
        <p className="lede">It may have been cut short. Use the link at the bottom of any of our emails, or reply to it.</p>
      </div>
    )
  }
  return (
    <div className="wrap narrow page-message">
      <h1>Unsubscribe</h1>
      <p className="lede">Stop receiving updates{loaded.title ? ` about ${loaded.title}` : ''}?</p>
      <Form method="post">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit" className="button button--primary">
          Unsubscribe
        </button>
      </Form>
    </div>
  )
}
