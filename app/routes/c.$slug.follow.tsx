import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { FollowForm } from '~/components/pledge-form'
import { getPublicCampaign } from '~/models/campaigns.server'
import { followAndNotify } from '~/models/sign-up.server'
import { FollowSchema } from '~/schemas/pledge'
import { signUpAction } from '~/utils/sign-up-action.server'
import { pageMeta } from '~/utils/seo'
import { endSentence } from '~/utils/sign-up-sentences'

export async function loader({ params, context }: LoaderFunctionArgs) {
  const campaign = await getPublicCampaign(context.db, { slug: params.slug ?? '' })
  if (!campaign) throw new Response('Campaign not found', { status: 404 })
  return json({ campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, status: campaign.status } })
}

export async function action(args: ActionFunctionArgs) {
  return signUpAction(args, {
    schema: () => FollowSchema,
    closedMessage: 'This campaign has closed: it no longer sends updates.',
    thanksPath: (campaign) => `/c/${campaign.slug}/pledged?follow`,
    record: ({ email }, campaign) => followAndNotify(args.context.db, { campaign, email }),
  })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta({ title: `Follow ${data.campaign.title}`, description: endSentence(`Get updates about ${data.campaign.title} at ${data.campaign.company}`) }) : []

export default function FollowPage() {
  const { campaign } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="wrap narrow">
      <BackLink to={`/c/${campaign.slug}`}>← Back to the proposal</BackLink>
      <h1>Follow {campaign.title}</h1>
      <section className="panel" aria-label="Follow the campaign">
        <p>We will email you the campaign’s key dates and reminders. Unsubscribe with one click at any time.</p>
        <FollowForm slug={campaign.slug} lastResult={actionData?.result} />
      </section>
    </div>
  )
}
