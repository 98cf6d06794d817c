import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { StatusBadge } from '~/components/status-badge'
import { config } from '~/config.server'
import { listPublicCampaigns } from '~/models/campaigns.server'
import { formatDateIn } from '~/utils/dates'
import { FiguresHeadline } from '~/components/tally-panel'
import { formatPercent } from '~/utils/format'
import { figuresByIntention, othersSentence } from '~/utils/public-figures'
import { PUBLIC_PAGE_CACHE_CONTROL, pageMeta } from '~/utils/seo'

export async function loader({ context }: LoaderFunctionArgs) {
  const campaigns = await listPublicCampaigns(context.db)
  return json({
    canonicalUrl: `${config.appUrl}/`,
    campaigns: campaigns.map((c) => ({
      slug: c.slug,
      company: c.company,
      ticker: c.ticker,
      exchange: c.exchange,
      title: c.title,
      summary: c.summary,
      agmYear: c.agm_year,
      agmDate: formatDateIn(c.agm_at, c.time_zone),
      status: c.status,
      isDemo: c.is_demo,
      result: c.result ? { supportPercent: c.result.supportPercent } : null,
      figures: figuresByIntention(c.tally),
    })),
  })
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': PUBLIC_PAGE_CACHE_CONTROL })

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageMeta({
    title: 'Quorum',
    description: 'Shareholder proposals, the case for them, and how to vote: pledge your vote and follow the campaign.',
    url: data?.canonicalUrl,
  })

export default function Index() {
  const { campaigns } = useLoaderData<typeof loader>()
  return (
    <div className="wrap">
      <section className="hero">
        <h1>Shareholder campaigns</h1>
        <p className="lede">
          Read the proposal, see who stands behind it, and learn how to cast your vote before the deadline.
        </p>
      </section>
      {campaigns.length === 0 ? (
        <p>There are no public campaigns yet.</p>
      ) : (
        <ul className="campaign-list" aria-label="Campaigns">
          {campaigns.map((c) => (
            <li key={c.slug} className="campaign-card">
              <p className="eyebrow">
                {c.company} · {c.exchange}: {c.ticker}
              </p>
              <h2 className="campaign-card__title">
                <Link to={`/c/${c.slug}`}>
                  {c.title} <span className="campaign-card__year">({c.agmYear} annual meeting)</span>
                </Link>
              </h2>
              <p className="campaign-card__meta">
                <StatusBadge status={c.status} isDemo={c.isDemo} />
                <span>Annual meeting {c.agmDate}</span>
              </p>
              <p>{c.summary}</p>
              {c.result ? (
                <p className="campaign-card__result">
                  <span className="campaign-card__result-number">{formatPercent(c.result.supportPercent)}</span> of votes cast were for
                  the proposal at the {c.agmYear} meeting (official result)
                </p>
              ) : null}
              <div className="campaign-card__figures">
                <p className="campaign-card__figures-label">{c.status === 'closed' ? 'Pledged on Quorum' : 'Support so far'}</p>
                {c.status === 'closed' && c.figures.for.people + c.figures.against.people + c.figures.abstain.people + c.figures.undecided.people === 0 ? (
                  <p>No pledges were recorded on Quorum for this meeting.</p>
                ) : (
                  <>
                    <FiguresHeadline pledgedFor={c.figures.for} className="campaign-card__headline" />
                    {othersSentence(c.figures) ? <p className="campaign-card__others">{othersSentence(c.figures)}</p> : null}
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
