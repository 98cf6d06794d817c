import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { CampaignTitle, DemoNotice, Legend } from '~/components/campaign-header'
import { NoProxyNotice, VoteDeadline } from '~/components/vote-deadline'
import { config } from '~/config.server'
import { getBrokerGuidePage } from '~/models/broker-guide-page.server'
import { PUBLIC_PAGE_CACHE_CONTROL, pageMeta } from '~/utils/seo'

// One broker's voting guide, beside the campaign's own deadline (decision 016). The steps are
// the campaign's copy of the guide or Quorum's text, rendered by the safe markdown renderer.

export async function loader({ params, context }: LoaderFunctionArgs) {
  const page = await getBrokerGuidePage(context.db, { slug: params.slug ?? '', key: params.broker ?? '', now: new Date() })
  if (!page) throw new Response('Guide not found', { status: 404 })
  return json({ ...page, canonicalUrl: `${config.appUrl}/c/${page.campaign.slug}/vote/${page.guide.key}` })
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': PUBLIC_PAGE_CACHE_CONTROL })

/** "with Fidelity", or for the generic guide "through your broker or bank". */
const withBroker = (guide: { name: string; generic: boolean }) => (guide.generic ? 'through your broker or bank' : `with ${guide.name}`)

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta({
        title: `How to vote ${withBroker(data.guide)}: ${data.campaign.title}, ${data.campaign.company} ${data.campaign.agmYear}`,
        description: `Step by step: how to vote your ${data.campaign.ticker} shares ${withBroker(data.guide)} on ${data.campaign.title}, and the deadlines.`,
        url: data.canonicalUrl,
      })
    : [{ title: 'Guide not found · Quorum' }]

export default function BrokerGuide() {
  const { campaign, deadline, meeting, result, guide, others } = useLoaderData<typeof loader>()
  const item = campaign.proxyItem ? `Item ${campaign.proxyItem}` : 'the shareholder proposal'
  return (
    <div className="wrap narrow">
      <BackLink to={`/c/${campaign.slug}/vote`}>← Every way to vote</BackLink>
      <CampaignTitle campaign={campaign}>How to vote {withBroker(guide)}</CampaignTitle>
      <DemoNotice campaign={campaign} />

      <VoteDeadline campaign={campaign} deadline={deadline} meeting={meeting} result={result}>
        <p className="broker-cutoff">
          <strong>{guide.generic ? 'Your broker’s own cut-off' : `${guide.name}’s own cut-off`}:</strong> {guide.cutoffNote}
        </p>
      </VoteDeadline>

      <section className="guide-section" aria-labelledby="steps-heading">
        <h2 id="steps-heading">Step by step</h2>
        <div className="guide-steps" dangerouslySetInnerHTML={{ __html: guide.stepsHtml }} />
        <p>
          On the ballot, find <strong>{item}</strong>, <em>{campaign.title}</em>, and mark your choice.
        </p>
      </section>

      {others.length > 0 ? (
        <nav className="guide-section" aria-labelledby="other-brokers-heading">
          <h2 id="other-brokers-heading">Another broker?</h2>
          <ul className="broker-list">
            {others.map((g) => (
              <li key={g.key}>
                <Link to={`/c/${campaign.slug}/vote/${g.key}`}>{g.name}</Link>
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
