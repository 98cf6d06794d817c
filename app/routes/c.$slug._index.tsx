import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Trans } from 'react-i18next'
import { CampaignTitle, DemoNotice, Legend } from '~/components/campaign-header'
import { KeyDates } from '~/components/key-dates'
import { MeetingResult } from '~/components/meeting-result'
import { ProposalText } from '~/components/proposal-text'
import { FollowForm, PledgeForm } from '~/components/pledge-form'
import { TallyPanel } from '~/components/tally-panel'
import { VoteHistory } from '~/components/vote-history'
import { config } from '~/config.server'
import { translatorFor } from '~/i18n/instance'
import { localizedPath } from '~/i18n/locales'
import { localeOf } from '~/i18n/negotiate.server'
import { useCampaignTextLang } from '~/i18n/campaign-text'
import { useLocale } from '~/i18n/use-locale'
import { getCampaignPage } from '~/models/campaign-page.server'
import { calendarFeedUrls } from '~/utils/calendar.server'
import { PUBLIC_PAGE_CACHE_CONTROL, pageMeta } from '~/utils/seo'
import { shareImageMeta } from '~/utils/share-image-content'
import { sourceFromQuery } from '~/utils/sharing.server'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = localeOf(request)
  const page = await getCampaignPage(context.db, { slug: params.slug ?? '', now: new Date(), locale })
  if (!page) throw new Response(translatorFor(locale)('campaign.notFound'), { status: 404 })
  // A link's ?source=, ?utm_source= or a pledger's ?ref= goes with the pledge; such addresses skip the page cache.
  const source = sourceFromQuery(new URL(request.url).searchParams)
  return json({
    ...page,
    source,
    canonicalUrl: `${config.appUrl}${localizedPath(`/c/${page.campaign.slug}`, locale)}`,
    calendar: calendarFeedUrls(config.appUrl, page.campaign.slug),
    shareImage: shareImageMeta(config.appUrl, page),
  })
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  'Cache-Control': loaderHeaders.get('Cache-Control') ?? PUBLIC_PAGE_CACHE_CONTROL,
})

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta({
        title: `${data.campaign.title}: ${data.campaign.company} ${data.campaign.agmYear}`,
        description: data.campaign.summary,
        url: data.canonicalUrl,
        image: data.shareImage,
        type: 'article',
      })
    : [{ title: 'Quorum' }]

export default function CampaignPage() {
  const data = useLoaderData<typeof loader>()
  const { campaign } = data
  const { t, href } = useLocale()
  const originalLang = useCampaignTextLang()
  // A translation by the campaign's editors is in the page's language; the original is English.
  const textLang = data.translated ? undefined : originalLang
  const howToVote = href(`/c/${campaign.slug}/vote`)
  return (
    // The introduction is inside the layout, so that on a phone the pledge bar below the
    // proposal is on screen from the first moment (a sticky element stays within its parent).
    <div className="wrap campaign-layout">
      <div className="campaign-intro">
        <CampaignTitle campaign={campaign} translated={data.translated} />
        {data.translated ? (
          <p className="translation-note">
            <Trans i18nKey="campaign.translated" components={{ a: <a href={`/c/${campaign.slug}?lang=en`} hrefLang="en" /> }} />
          </p>
        ) : null}
        <p className="lede" lang={originalLang}>
          {campaign.summary}
        </p>
        <MeetingResult data={data} />
        <DemoNotice campaign={campaign} />
        <Legend campaign={campaign} />
        <nav className="jump-links" aria-label={t('campaign.onThisPage')}>
          {campaign.status === 'live' ? <a href="#pledge-panel">{t('campaign.pledgeYourVote')}</a> : null}
          <Link to={howToVote}>{t('campaign.howToVote')}</Link>
          <a href="#key-dates-heading">{t('keyDates.heading')}</a>
          <a href="#tally-heading">{campaign.status === 'closed' ? t('tally.pledgedOnQuorum') : t('tally.supportSoFar')}</a>
        </nav>
      </div>
      <article className="proposal" aria-labelledby="proposal-heading">
        <h2 id="proposal-heading" className="visually-hidden">
          {t('campaign.theProposal')}
        </h2>
        <ProposalText resolvedHtml={data.resolvedHtml} supportingHtml={data.supportingHtml} textLang={textLang} />
        {campaign.proxyStatementUrl ? (
          <p className="source-note">
            <Trans i18nKey="campaign.source" components={{ a: <a href={campaign.proxyStatementUrl} /> }} />
          </p>
        ) : null}
      </article>

      {campaign.status === 'live' ? (
        // On a phone the form comes after the whole proposal: this bar stays at the bottom of
        // the screen until the form itself scrolls into view (CSS only: it works without JavaScript).
        <p className="pledge-cta">
          <a href="#pledge-panel" className="button button--primary">
            {t('campaign.pledgeYourVote')}
          </a>
        </p>
      ) : null}

      <div className="sidebar">
        {campaign.status === 'live' ? (
          <section className="panel panel--action" id="pledge-panel" aria-labelledby="pledge-heading" tabIndex={-1}>
            <h2 id="pledge-heading">{t('campaign.pledgeYourVote')}</h2>
            <p>
              <Trans i18nKey="campaign.pledgeIntro" components={{ a: <Link to={howToVote} /> }} />
            </p>
            <PledgeForm campaign={campaign} source={data.source} />
            <h3>{t('campaign.followHeading')}</h3>
            <FollowForm slug={campaign.slug} />
          </section>
        ) : null}
        <KeyDates dates={data.keyDates} calendar={data.calendar} timeZone={campaign.timeZone} />
        <TallyPanel tally={data.tally} closed={campaign.status === 'closed'} />
        <VoteHistory data={data} />
        {!campaign.votingOpen ? (
          <p>
            <Link to={howToVote}>{t('campaign.howVotingWorks')}</Link>
          </p>
        ) : null}
      </div>
    </div>
  )
}
