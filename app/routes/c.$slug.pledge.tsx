import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { translatorFor } from '~/i18n/instance'
import { localeOf } from '~/i18n/negotiate.server'
import { useLocale } from '~/i18n/use-locale'
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
  const t = translatorFor(localeOf(request))
  return json({
    title: t('pledgePage.metaTitle', { title: campaign.title }),
    description: t('pledgePage.metaDescription', { title: campaign.title, company: campaign.company }),
    source: sourceFromQuery(new URL(request.url).searchParams),
    campaign: { slug: campaign.slug, title: campaign.title, company: campaign.company, agmYear: campaign.agm_year, status: campaign.status, sharesOutstanding: campaign.shares_outstanding },
  })
}

export async function action(args: ActionFunctionArgs) {
  return signUpAction(args, {
    schema: (campaign) => pledgeSchema({ sharesOutstanding: campaign.shares_outstanding, company: campaign.company }),
    closedMessage: 'This campaign has closed: it no longer takes pledges.',
    thanksPath: (campaign) => `/c/${campaign.slug}/pledged`,
    // The page's language (its address, else the reader's cookie or browser) is the supporter's.
    record: (pledge, campaign) => pledgeAndNotify(args.context.db, { campaign, pledge, locale: localeOf(args.request) }),
  })
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta({ title: data.title, description: endSentence(data.description) }) : []

export default function PledgePage() {
  const { campaign, source } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, href } = useLocale()
  return (
    <div className="wrap narrow">
      <BackLink to={href(`/c/${campaign.slug}`)}>← {t('common.backToProposal')}</BackLink>
      <p className="eyebrow">
        {campaign.company} · {t('campaign.annualMeeting', { year: campaign.agmYear })}
      </p>
      <h1>{t('pledgePage.heading', { title: campaign.title })}</h1>
      {campaign.status === 'live' ? (
        <>
          <section className="panel" aria-labelledby="pledge-heading">
            <h2 id="pledge-heading">{t('pledgePage.yourPledge')}</h2>
            <PledgeForm campaign={campaign} lastResult={actionData?.result} source={source} />
          </section>
          <section className="panel" aria-labelledby="follow-heading">
            <h2 id="follow-heading">{t('campaign.followHeading')}</h2>
            <FollowForm slug={campaign.slug} />
          </section>
        </>
      ) : (
        <p className="notice">
          {t('pledgePage.closed')} <Link to={href(`/c/${campaign.slug}`)}>{t('pledgePage.seeResult')}</Link>.
        </p>
      )}
    </div>
  )
}
