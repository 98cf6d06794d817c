import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { translatorFor } from '~/i18n/instance'
import { localeOf } from '~/i18n/negotiate.server'
import { useLocale } from '~/i18n/use-locale'
import { BackLink } from '~/components/back-link'
import { FollowForm } from '~/components/pledge-form'
import { getPublicCampaign } from '~/models/campaigns.server'
import { followAndNotify } from '~/models/sign-up.server'
import { FollowSchema } from '~/schemas/pledge'
import { signUpAction } from '~/utils/sign-up-action.server'
import { pageMeta } from '~/utils/seo'
import { endSentence } from '~/utils/sign-up-sentences'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const campaign = await getPublicCampaign(context.db, { slug: params.slug ?? '' })
  if (!campaign) throw new Response('Campaign not found', { status: 404 })
  const t = translatorFor(localeOf(request))
  return json({
    title: t('followPage.metaTitle', { title: campaign.title }),
    description: t('followPage.metaDescription', { title: campaign.title, company: campaign.company }),
    campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, status: campaign.status } })
}

export async function action(args: ActionFunctionArgs) {
  return signUpAction(args, {
    schema: () => FollowSchema,
    closedMessage: 'This campaign has closed: it no longer sends updates.',
    thanksPath: (campaign) => `/c/${campaign.slug}/pledged?follow`,
    record: ({ email }, campaign) => followAndNotify(args.context.db, { campaign, email, locale: localeOf(args.request) }),
  })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta({ title: data.title, description: endSentence(data.description) }) : []

export default function FollowPage() {
  const { campaign } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, href } = useLocale()
  return (
    <div className="wrap narrow">
      <BackLink to={href(`/c/${campaign.slug}`)}>← {t('common.backToProposal')}</BackLink>
      <h1>{t('followPage.heading', { title: campaign.title })}</h1>
      <section className="panel" aria-label={t('followPage.label')}>
        <p>{t('followPage.intro')}</p>
        <FollowForm slug={campaign.slug} lastResult={actionData?.result} />
      </section>
    </div>
  )
}
