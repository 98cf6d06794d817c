import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Trans } from 'react-i18next'
import { BackLink } from '~/components/back-link'
import { CampaignTitle, DemoNotice, Legend } from '~/components/campaign-header'
import { NoProxyNotice, VoteDeadline } from '~/components/vote-deadline'
import { config } from '~/config.server'
import { useCampaignTextLang } from '~/i18n/campaign-text'
import { translatorFor } from '~/i18n/instance'
import { localizedPath } from '~/i18n/locales'
import { localeOf } from '~/i18n/negotiate.server'
import { useLocale } from '~/i18n/use-locale'
import { getBrokerGuidePage } from '~/models/broker-guide-page.server'
import { PUBLIC_PAGE_CACHE_CONTROL, pageMeta } from '~/utils/seo'

// One broker's voting guide, beside the campaign's own deadline (decision 016). The steps are
// the campaign's copy of the guide or Quorum's text, rendered by the safe markdown renderer.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = localeOf(request)
  const t = translatorFor(locale)
  const page = await getBrokerGuidePage(context.db, { slug: params.slug ?? '', key: params.broker ?? '', now: new Date(), locale })
  if (!page) throw new Response(t('brokerGuide.notFound'), { status: 404 })
  const how = page.guide.generic ? t('brokerGuide.howGeneric') : t('brokerGuide.howWith', { name: page.guide.name })
  return json({
    ...page,
    title: t('brokerGuide.metaTitle', { how, title: page.campaign.title, company: page.campaign.company, year: page.campaign.agmYear }),
    description: t(page.guide.generic ? 'brokerGuide.metaDescriptionGeneric' : 'brokerGuide.metaDescription', { ticker: page.campaign.ticker, name: page.guide.name, title: page.campaign.title }),
    canonicalUrl: `${config.appUrl}${localizedPath(`/c/${page.campaign.slug}/vote/${page.guide.key}`, locale)}`,
  })
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': PUBLIC_PAGE_CACHE_CONTROL })

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta({
        title: data.title,
        description: data.description,
        url: data.canonicalUrl,
      })
    : [{ title: 'Quorum' }]

export default function BrokerGuide() {
  const { campaign, deadline, meeting, result, guide, others } = useLoaderData<typeof loader>()
  const { t, href } = useLocale()
  // The guides' own text (steps, cut-off note) is kept as data in English (decision 016).
  const dataLang = useCampaignTextLang()
  const item = campaign.proxyItem ? t('voteGuide.item', { item: campaign.proxyItem }) : t('voteGuide.theProposal')
  return (
    <div className="wrap narrow">
      <BackLink to={href(`/c/${campaign.slug}/vote`)}>← {t('brokerGuide.everyWay')}</BackLink>
      <CampaignTitle campaign={campaign}>{guide.generic ? t('brokerGuide.howGeneric') : t('brokerGuide.howWith', { name: guide.name })}</CampaignTitle>
      <DemoNotice campaign={campaign} />

      <VoteDeadline campaign={campaign} deadline={deadline} meeting={meeting} result={result}>
        <p className="broker-cutoff">
          <strong>{guide.generic ? t('brokerGuide.cutoffGeneric') : t('brokerGuide.cutoff', { name: guide.name })}:</strong> <span lang={dataLang}>{guide.cutoffNote}</span>
        </p>
      </VoteDeadline>

      <section className="guide-section" aria-labelledby="steps-heading">
        <h2 id="steps-heading">{t('brokerGuide.steps')}</h2>
        <div className="guide-steps" lang={dataLang} dangerouslySetInnerHTML={{ __html: guide.stepsHtml }} />
        <p>
          <Trans i18nKey="brokerGuide.onTheBallot" values={{ item, title: campaign.title }} components={{ strong: <strong />, em: <em /> }} />
        </p>
      </section>

      {others.length > 0 ? (
        <nav className="guide-section" aria-labelledby="other-brokers-heading">
          <h2 id="other-brokers-heading">{t('brokerGuide.another')}</h2>
          <ul className="broker-list">
            {others.map((g) => (
              <li key={g.key}>
                <Link to={href(`/c/${campaign.slug}/vote/${g.key}`)}>{g.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      <NoProxyNotice />
      <Legend campaign={campaign} />
    </div>
  )
}
