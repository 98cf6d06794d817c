import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { LinkProblem } from '~/components/link-problem'
import { readVotedLink, recordVotedByLink } from '~/models/voted-links.server'
import { formatDateIn } from '~/utils/dates'

// "I have voted", from a reminder email. The GET shows one button and changes nothing (mail
// scanners open links); the POST records the vote and comes back here to say so.

export async function loader({ params, context }: LoaderFunctionArgs) {
  const link = await readVotedLink(context.db, { token: params.token })
  const headers = { 'Cache-Control': 'no-store' }
  if (!link.ok) return json({ link: null, problem: link.reason }, { status: 404, headers })
  const votedOn = link.pledge?.votedAt ? formatDateIn(link.pledge.votedAt, link.campaign.timeZone) : null
  return json({ link: { campaign: link.campaign, hasPledge: link.pledge !== null, votedOn }, problem: null }, { headers })
}

export async function action({ params, context }: ActionFunctionArgs) {
  const outcome = await recordVotedByLink(context.db, { token: params.token })
  if (!outcome.ok && (outcome.reason === 'invalid' || outcome.reason === 'expired' || outcome.reason === 'used')) {
    return json({ problem: outcome.reason }, { status: 404 })
  }
  if (!outcome.ok && outcome.reason === 'closed') return json({ problem: 'closed' as const }, { status: 409 })
  // No pledge (a follower) or recorded: the page says which.
  return redirect(`/v/${params.token}`, 303)
}

export const meta: MetaFunction = () => [{ title: 'I have voted · Quorum' }, { name: 'robots', content: 'noindex' }]

export default function VotedLink() {
  const { link, problem } = useLoaderData<typeof loader>()
  if (!link) {
    return (
      <div className="wrap narrow page-message">
        <LinkProblem state={problem ?? 'invalid'} />
      </div>
    )
  }
  const { campaign } = link
  const campaignLink = <Link to={`/c/${campaign.slug}`}>{campaign.title}</Link>
  if (!link.hasPledge) {
    return (
      <div className="wrap narrow page-message">
        <h1>Thank you for voting</h1>
        <p className="lede">
          You follow {campaignLink} without a pledge, so there is nothing to record. If you hold {campaign.company} shares, a
          pledge lets the campaign count them.
        </p>
        <p>
          <Link to={`/c/${campaign.slug}#pledge`} className="button">
            Pledge your shares
          </Link>
        </p>
      </div>
    )
  }
  if (link.votedOn) {
    return (
      <div className="wrap narrow page-message">
        <h1>Your vote is recorded</h1>
        <p className="lede" role="status">
          Thank you: the campaign for {campaignLink} knows you voted (you told us on {link.votedOn}). Reminders to vote will
          stop.
        </p>
        <p>Pressed it by mistake? Untick “I have voted” from the link to your pledge at the bottom of any of our emails.</p>
      </div>
    )
  }
  return (
    <div className="wrap narrow page-message">
      <h1>Have you voted?</h1>
      <p className="lede">
        Tell the campaign for {campaignLink} that you have cast your vote, through your broker or your proxy card. Your
        pledge then counts as voted and the reminders stop.
      </p>
      {campaign.live ? (
        <Form method="post">
          <button type="submit" className="button button--primary">
            Yes, I have voted
          </button>
        </Form>
      ) : (
        <p>This campaign has closed: its pledges no longer change.</p>
      )}
      <p>
        Not yet? <Link to={`/c/${campaign.slug}/vote`}>How to vote, step by step</Link>.
      </p>
    </div>
  )
}
