import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CampaignTitle, DemoNotice, Legend } from '~/components/campaign-header'
import { KeyDates } from '~/components/key-dates'
import { MeetingResult } from '~/components/meeting-result'
import { ProposalText } from '~/components/proposal-text'
import { FollowForm, PledgeForm } from '~/components/pledge-form'
import { TallyPanel } from '~/components/tally-panel'
import { VoteHistory } from '~/components/vote-history'
import { config } from '~/config.server'
import { getCampaignPage } from '~/models/campaign-page.server'
import { calendarFeedUrls } from '~/utils/calendar.server'
import { PUBLIC_PAGE_CACHE_CONTROL, pageMeta } from '~/utils/seo'
import { shareImageMeta } from '~/utils/share-image-content'
import { sourceFromQuery } from '~/utils/sharing.server'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const page = await getCampaignPage(context.db, { slug: params.slug ?? '', now: new Date() })
  if (!page) throw new Response('Campaign not found', { status: 404 })
  // A link's ?source=, ?utm_source= or a pledger's ?ref= goes with the pledge; such addresses skip the page cache.
  const source = sourceFromQuery(new URL(request.url).searchParams)
  return json({
    ...page,
    source,
    canonicalUrl: `${config.appUrl}/c/${page.campaign.slug}`,
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
    : [{ title: 'Campaign not found · Quorum' }]

export default function CampaignPage() {
  const data = useLoaderData<typeof loader>()
  const { campaign } = data
  return (
    // The introduction is inside the layout, so that on a phone the pledge bar below the
    // proposal is on screen from the first moment (a sticky element stays within its parent).
    <div className="wrap campaign-layout">
      <div className="campaign-intro">
        <CampaignTitle campaign={campaign} />
        <p className="lede">{campaign.summary}</p>
        <MeetingResult data={data} />
        <DemoNotice campaign={campaign} />
        <Legend campaign={campaign} />
        <nav className="jump-links" aria-label="On this page">
          {campaign.status === 'live' ? <a href="#pledge-panel">Pledge your vote</a> : null}
          <Link to={`/c/${campaign.slug}/vote`}>How to vote</Link>
          <a href="#key-dates-heading">Key dates</a>
          <a href="#tally-heading">{campaign.status === 'closed' ? 'Pledged on Quorum' : 'Support so far'}</a>
        </nav>
      </div>
      <article className="proposal" aria-labelledby="proposal-heading">
        <h2 id="proposal-heading" className="visually-hidden">
          The proposal
        </h2>
        <ProposalText resolvedHtml={data.resolvedHtml} supportingHtml={data.supportingHtml} />
        {campaign.proxyStatementUrl ? (
          <p className="source-note">
            Source: the company’s <a href={campaign.proxyStatementUrl}>proxy statement</a>.
          </p>
        ) : null}
      </article>

      {campaign.status === 'live' ? (
        // On a phone the form comes after the whole proposal: this bar stays at the bottom of
        // the screen until the form itself scrolls into view (CSS only: it works without JavaScript).
        <p className="pledge-cta">
          <a href="#pledge-panel" className="button button--primary">
            Pledge your vote
          </a>
        </p>
      ) : null}

      <div className="sidebar">
        {campaign.status === 'live' ? (
          <section className="panel panel--action" id="pledge-panel" aria-labelledby="pledge-heading" tabIndex={-1}>
            <h2 id="pledge-heading">Pledge your vote</h2>
            <p>
              Tell the campaign how you intend to vote, then vote through your broker:{' '}
              <Link to={`/c/${campaign.slug}/vote`}>how to vote</Link>.
            </p>
            <PledgeForm campaign={campaign} source={data.source} />
            <h3>No shares? Follow the campaign</h3>
            <FollowForm slug={campaign.slug} />
          </section>
        ) : null}
        <KeyDates dates={data.keyDates} calendar={data.calendar} timeZone={campaign.timeZone} />
        <TallyPanel tally={data.tally} closed={campaign.status === 'closed'} />
        <VoteHistory data={data} />
        {!campaign.votingOpen ? (
          <p>
            <Link to={`/c/${campaign.slug}/vote`}>How voting on this proposal works</Link>
          </p>
        ) : null}
      </div>
    </div>
  )
}
