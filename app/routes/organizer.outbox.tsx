import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { config } from '~/config.server'
import { listOutbox } from '~/models/outbox.server'
import mailStylesHref from '~/styles/organizer-mail.css'
import { PRIVATE_NO_STORE, requireOrganizer } from '~/utils/organizer-auth.server'

export const links = () => [{ rel: 'stylesheet', href: mailStylesHref }]

// What the outbox transport "sent" (no RESEND_API_KEY): the newest messages of the campaigns
// the organizer owns, their links' tokens hidden.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request, context)
  if (config.resend) return json({ usingResend: true, messages: [] }, { headers: PRIVATE_NO_STORE })
  const messages = await listOutbox(context.db, { organizerId: organizer.id, limit: 50 })
  return json(
    {
      usingResend: false,
      messages: messages.map((m) => ({ id: m.id, campaign: m.campaign_title, to: m.to_email, subject: m.subject, text: m.text, at: m.created_at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' })),
    },
    { headers: PRIVATE_NO_STORE },
  )
}

export const meta: MetaFunction = () => [{ title: 'Outbox · Quorum' }]

export default function Outbox() {
  const { usingResend, messages } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Outbox</h1>
      {usingResend ? (
        <p>Email goes out through Resend here; its log is in Resend’s dashboard. The outbox is only used without a mail provider.</p>
      ) : (
        <>
          <p className="muted">
            Without RESEND_API_KEY, Quorum sends nothing: every message lands here instead. You see the messages of the campaigns you own, newest first. The
            tokens in their links are hidden, because those links act for the person they were written to.
          </p>
          {messages.length === 0 ? <p>Nothing yet.</p> : null}
          {messages.map((m) => (
            <details key={m.id} className="panel outbox-message">
              <summary>
                <strong>{m.subject}</strong> · {m.campaign} · to {m.to} · {m.at}
              </summary>
              <pre className="outbox-message__text">{m.text}</pre>
            </details>
          ))}
        </>
      )}
    </>
  )
}
