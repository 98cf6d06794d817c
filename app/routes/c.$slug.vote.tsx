import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Trans } from 'react-i18next'
import { BackLink } from '~/components/back-link'
import { CampaignTitle, DemoNotice, Legend } from '~/components/campaign-header'
import { NoProxyNotice, VoteDeadline } from '~/components/vote-deadline'
import { config } from '~/config.server'
import { translatorFor } from '~/i18n/instance'
import { localizedPath } from '~/i18n/locales'
import { localeOf } from '~/i18n/negotiate.server'
import { useLocale } from '~/i18n/use-locale'
import { getBrokerGuideList } from '~/models/broker-guide-page.server'
import { getCampaignPage } from '~/models/campaign-page.server'
import { PUBLIC_PAGE_CACHE_CONTROL, pageMeta } from '~/utils/seo'
import { FundHoldersGuide } from '~/components/fund-holders-guide'
import { shareImageMeta } from '~/utils/share-image-content'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = params.slug ?? ''
  const locale = localeOf(request)
  const t = translatorFor(locale)
  const [page, guides] = await Promise.all([getCampaignPage(context.db, { slug, now: new Date(), locale }), getBrokerGuideList(context.db, { slug })])
  if (!page) throw new Response(t('campaign.notFound'), { status: 404 })
  const { campaign, keyDates, result } = page
  return json({
    title: t('voteGuide.metaTitle', { title: campaign.title, company: campaign.company, year: campaign.agmYear }),
    description: t('voteGuide.metaDescription', { ticker: campaign.ticker, title: campaign.title }),
    campaign,
    result,
    guides,
    deadline: keyDates.find((d) => d.key === 'vote_deadline')!,
    meeting: keyDates.find((d) => d.key === 'agm')!,
    canonicalUrl: `${config.appUrl}${localizedPath(`/c/${campaign.slug}/vote`, locale)}`,
    shareImage: shareImageMeta(config.appUrl, page),
  })
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': PUBLIC_PAGE_CACHE_CONTROL })

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta({
        title: data.title,
        description: data.description,
        url: data.canonicalUrl,
        image: data.shareImage,
      })
    : [{ title: 'Quorum' }]

export default function VoteGuide() {
  const { campaign, deadline, meeting, result, guides } = useLoaderData<typeof loader>()
  const { t, href } = useLocale()
  const item = campaign.proxyItem ? t('voteGuide.item', { item: campaign.proxyItem }) : t('voteGuide.theProposal')
  const meetingSite = campaign.meetingUrl?.replace(/^https?:\/\//, '')
  return (
    <div className="wrap narrow">
      <BackLink to={href(`/c/${campaign.slug}`)}>← {t('common.backToProposal')}</BackLink>
      <CampaignTitle campaign={campaign}>{t('voteGuide.heading', { title: campaign.title })}</CampaignTitle>
      <DemoNotice campaign={campaign} />

      <VoteDeadline campaign={campaign} deadline={deadline} meeting={meeting} result={result} />

      <section id="brokers" className="guide-section" aria-labelledby="broker-heading">
        <h2 id="broker-heading">{t('voteGuide.brokerHeading')}</h2>
        <p>{t('voteGuide.brokerIntro')}</p>
        <ul className="steps">
          <li>
            <Trans i18nKey="voteGuide.brokerOnline" values={{ ticker: campaign.ticker }} components={{ strong: <strong /> }} />
          </li>
          <li>
            <Trans i18nKey="voteGuide.brokerProxyVote" components={{ strong: <strong /> }} />
          </li>
          <li>
            <Trans i18nKey="voteGuide.brokerPhone" components={{ strong: <strong /> }} />
          </li>
        </ul>
        <p>
          <Trans i18nKey="voteGuide.findItem" values={{ item, title: campaign.title }} components={{ em: <em /> }} />
        </p>
        {guides.length > 0 ? (
          <>
            <h3 id="broker-guides-heading">{t('voteGuide.brokerGuides')}</h3>
            <ul className="broker-list">
              {guides.map((g) => (
                <li key={g.key}>
                  <Link to={href(`/c/${campaign.slug}/vote/${g.key}`)}>{g.name}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="guide-section" aria-labelledby="card-heading">
        <h2 id="card-heading">{t('voteGuide.cardHeading')}</h2>
        <p>{t('voteGuide.cardText', { company: campaign.company })}</p>
      </section>

      <section className="guide-section" aria-labelledby="meeting-heading">
        <h2 id="meeting-heading">{campaign.meetingFormat === 'virtual' ? t('voteGuide.virtualMeetingHeading') : t('voteGuide.meetingHeading')}</h2>
        {campaign.meetingPast ? (
          <p>
            <Trans
              i18nKey={meetingSite ? 'voteGuide.meetingTookPlaceOnline' : 'voteGuide.meetingTookPlace'}
              values={{ site: meetingSite, when: `${meeting.date}, ${meeting.time}` }}
              components={{ when: <time dateTime={meeting.iso} /> }}
            />
          </p>
        ) : (
          <p>
            <Trans i18nKey="voteGuide.meetingIsOn" values={{ when: `${meeting.date}, ${meeting.time}` }} components={{ when: <time dateTime={meeting.iso} /> }} />{' '}
            {campaign.meetingUrl ? (
              <Trans i18nKey="voteGuide.attendOnline" values={{ site: meetingSite }} components={{ a: <a href={campaign.meetingUrl} /> }} />
            ) : (
              t('voteGuide.bringControlNumber')
            )}{' '}
            {t('voteGuide.voteInAdvance')}
          </p>
        )}
      </section>

      <FundHoldersGuide company={campaign.company} />

      <NoProxyNotice />
      <Legend campaign={campaign} />
    </div>
  )
}
