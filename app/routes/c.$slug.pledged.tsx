import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getPublicCampaign } from '~/models/campaigns.server'
import { TOKEN_LIFETIME_DAYS } from '~/models/supporter-tokens.server'

// The same page whatever the address: it never reveals whether an address is already known.
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const campaign = await getPublicCampaign(context.db, { slug: params.slug ?? '' })
  if (!campaign) throw new Response('Campaign not found', { status: 404 })
  const follow = new URL(request.url).searchParams.has('follow')
  return json({ slug: campaign.slug, title: campaign.title, follow, days: TOKEN_LIFETIME_DAYS.confirm })
}

export const meta: MetaFunction = () => [{ title: 'Check your email · Quorum' }]

export default function Pledged() {
  const { slug, title, follow, days } = useLoaderData<typeof loader>()
  return (
    <div className="wrap narrow page-message">
      <p className="eyebrow">{title}</p>
      <h1>Check your email</h1>
      <p className="lede">
        We have sent a message to the address you gave. {follow ? 'Click its link to start receiving updates.' : 'Click its link to confirm: your pledge counts from then on.'}
      </p>
      <p>
        The link works for {days} days. Nothing arrived after a few minutes? Look in your spam folder, or{' '}
        <Link to="/links/new">ask for a new link</Link>.
      </p>
      <p>
        <Link to={`/c/${slug}`} className="button">
          Back to the campaign
        </Link>
      </p>
    </div>
  )
}
