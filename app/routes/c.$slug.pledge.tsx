import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { FollowForm, PledgeForm } from '~/components/pledge-form'
import { getPublicCampaign } from '~/models/campaigns.server'
import { pledgeAndNotify } from '~/models/sign-up.server'
import { pledgeSchema } from '~/schemas/pledge'
import { signUpAction } from '~/utils/sign-up-action.server'
import { pageMeta } from '~/utils/seo'
import { endSentence } from '~/utils/sign-up-sentences'
import { sourceFromQuery } from '~/utils/sharing.server'

async function campaignOr404(context: LoaderFunctionArgs['context'], slug: string | undefined) {
  const campaign = await getPublicCampaign(context.db, { slug: slug ?? '' })
  if (!campaign) throw new Response('Campaign not found', { status: 404 })
  return campaign
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const campaign = await campaignOr404(context, params.slug)
  return json({
    source: sourceFromQuery(new URL(request.url).searchParams),
    campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, agmYear: campaign.agm_year, status: campaign.status, sharesOutstanding: campaign.shares_outstanding },
  })
}

export async function action(args: ActionFunctionArgs) {
  return signUpAction(args, {
    schema: (campaign) => pledgeSchema({ sharesOutstanding: campaign.shares_outstanding, company: campaign.company }),
    closedMessage: 'This campaign has closed: it no longer takes pledges.',
    thanksPath: (campaign) => `/c/${campaign.slug}/pledged`,
    record: (pledge, campaign) => pledgeAndNotify(args.context.db, { campaign, pledge }),
  })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta({ title: `Pledge your vote: ${data.campaign.title}`, description: endSentence(`Pledge how you intend to vote on ${data.campaign.title} at ${data.campaign.company}`) }) : []

export default function PledgePage() {
  const { campaign, source } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="wrap narrow">
      <BackLink to={`/c/${campaign.slug}`}>← Back to the proposal</BackLink>
      <p className="eyebrow">
        {campaign.company} · {campaign.agmYear} annual meeting
      </p>
      <h1>Pledge your vote on {campaign.title}</h1>
      {campaign.status === 'live' ? (
        <>
          <section className="panel" aria-labelledby="pledge-heading">
            <h2 id="pledge-heading">Your pledge</h2>
            <PledgeForm campaign={campaign} lastResult={actionData?.result} source={source} />
          </section>
          <section className="panel" aria-labelledby="follow-heading">
            <h2 id="follow-heading">No shares? Follow the campaign</h2>
            <FollowForm slug={campaign.slug} />
          </section>
        </>
      ) : (
        <p className="notice">
          This campaign has closed and no longer takes pledges. <Link to={`/c/${campaign.slug}`}>See its result</Link>.
        </p>
      )}
    </div>
  )
}
