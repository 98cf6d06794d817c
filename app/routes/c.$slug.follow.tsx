import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { FollowForm } from '~/components/pledge-form'
import { RateLimited } from '~/components/rate-limited'
import { getPublicCampaign } from '~/models/campaigns.server'
import { followAndNotify } from '~/models/sign-up.server'
import { FollowSchema } from '~/schemas/pledge'
import { readForm } from '~/utils/read-form.server'
import { checkSignUpRate, honeypotFilled, tooManyRequests } from '~/utils/sign-up-guard.server'
import { pageMeta } from '~/utils/seo'

export async function loader({ params, context }: LoaderFunctionArgs) {
  const campaign = await getPublicCampaign(context.db, { slug: params.slug ?? '' })
  if (!campaign) throw new Response('Campaign not found', { status: 404 })
  return json({ campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, status: campaign.status } })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const campaign = await getPublicCampaign(context.db, { slug: params.slug ?? '' })
  if (!campaign) throw new Response('Campaign not found', { status: 404 })
  const form = await readForm(request)
  const submission = parseWithZod(form, { schema: FollowSchema })
  const isBot = honeypotFilled(form)
  const takesFollows = campaign.status === 'live' && submission.status === 'success' && !isBot
  const rate = await checkSignUpRate(context.db, { ip: context.clientIp, email: takesFollows ? submission.value.email : undefined })
  if (!rate.ok) return tooManyRequests(rate.retryAfterSeconds)
  if (isBot) return redirect(`/c/${campaign.slug}/pledged?follow`)
  if (campaign.status !== 'live') {
    return json({ result: submission.reply({ formErrors: ['This campaign has closed: it no longer sends updates.'] }) }, { status: 422 })
  }
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  await followAndNotify(context.db, { campaign, email: submission.value.email })
  return redirect(`/c/${campaign.slug}/pledged?follow`)
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta({ title: `Follow ${data.campaign.title}`, description: `Get updates about ${data.campaign.title} at ${data.campaign.company}.` }) : []

export default function FollowPage() {
  const { campaign } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div className="wrap narrow">
      <p>
        <Link to={`/c/${campaign.slug}`}>← Back to the proposal</Link>
      </p>
      <h1>Follow {campaign.title}</h1>
      {actionData && 'status' in actionData ? (
        <RateLimited minutes={actionData.retryAfterMinutes} />
      ) : (
        <section className="panel" aria-label="Follow the campaign">
          <p>We will email you the campaign’s key dates and reminders. Unsubscribe with one click at any time.</p>
          <FollowForm slug={campaign.slug} lastResult={actionData?.result} />
        </section>
      )}
    </div>
  )
}
