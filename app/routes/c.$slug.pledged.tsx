import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Trans } from 'react-i18next'
import { metaTranslator } from '~/i18n/instance'
import { useLocale } from '~/i18n/use-locale'
import { getPublicCampaign } from '~/models/campaigns.server'
import { TOKEN_LIFETIME_DAYS } from '~/models/supporter-tokens.server'

// The same page whatever the address: it never reveals whether an address is already known.
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const campaign = await getPublicCampaign(context.db, { slug: params.slug ?? '' })
  if (!campaign) throw new Response('Campaign not found', { status: 404 })
  const follow = new URL(request.url).searchParams.has('follow')
  return json({ slug: campaign.slug, title: campaign.title, follow, days: TOKEN_LIFETIME_DAYS.confirm })
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => [{ title: `${metaTranslator(matches)('pledged.heading')} · Quorum` }]

export default function Pledged() {
  const { slug, title, follow, days } = useLoaderData<typeof loader>()
  const { t, href } = useLocale()
  return (
    <div className="wrap narrow page-message">
      <p className="eyebrow">{title}</p>
      <h1>{t('pledged.heading')}</h1>
      <p className="lede">
        {t('pledged.sent')} {follow ? t('pledged.clickToFollow') : t('pledged.clickToConfirm')}
      </p>
      <p>
        <Trans i18nKey="pledged.linkWorks" values={{ count: days }} components={{ a: <Link to="/links/new" /> }} />
      </p>
      <p>
        <Link to={href(`/c/${slug}`)} className="button">
          {t('common.backToCampaign')}
        </Link>
      </p>
    </div>
  )
}
