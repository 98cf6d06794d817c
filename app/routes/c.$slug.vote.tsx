import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { CampaignTitle, DemoNotice, Legend } from '~/components/campaign-header'
import { NoProxyNotice, VoteDeadline } from '~/components/vote-deadline'
import { config } from '~/config.server'
import { getBrokerGuideList } from '~/models/broker-guide-page.server'
import { getCampaignPage } from '~/models/campaign-page.server'
import { PUBLIC_PAGE_CACHE_CONTROL, pageMeta } from '~/utils/seo'
import { FundHoldersGuide } from '~/components/fund-holders-guide'
import { shareImageMeta } from '~/utils/share-image-content'

export async function loader({ params, context }: LoaderFunctionArgs) {
  const slug = params.slug ?? ''
  const [page, guides] = await Promise.all([getCampaignPage(context.db, { slug, now: new Date() }), getBrokerGuideList(context.db, { slug })])
  if (!page) throw new Response('Campaign not found', { status: 404 })
  const { campaign, keyDates, result } = page
  return json({
    campaign,
    result,
    guides,
    deadline: keyDates.find((d) => d.key === 'vote_deadline')!,
    meeting: keyDates.find((d) => d.key === 'agm')!,
    canonicalUrl: `${config.appUrl}/c/${campaign.slug}/vote`,
    shareImage: shareImageMeta(config.appUrl, page),
  })
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': PUBLIC_PAGE_CACHE_CONTROL })

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta({
        title: `How to vote: ${data.campaign.title}, ${data.campaign.company} ${data.campaign.agmYear}`,
        description: `How to vote your ${data.campaign.ticker} shares on ${data.campaign.title}: through your broker, by proxy card or at the meeting, before the deadline.`,
        url: data.canonicalUrl,
        image: data.shareImage,
      })
    : [{ title: 'Campaign not found · Quorum' }]

export default function VoteGuide() {
  const { campaign, deadline, meeting, result, guides } = useLoaderData<typeof loader>()
  const item = campaign.proxyItem ? `Item ${campaign.proxyItem}` : 'the shareholder proposal'
  return (
    <div className="wrap narrow">
      <BackLink to={`/c/${campaign.slug}`}>← Back to the proposal</BackLink>
      <CampaignTitle campaign={campaign}>How to vote on {campaign.title}</CampaignTitle>
      <DemoNotice campaign={campaign} />

      <VoteDeadline campaign={campaign} deadline={deadline} meeting={meeting} result={result} />

      <section id="brokers" className="guide-section" aria-labelledby="broker-heading">
        <h2 id="broker-heading">1. Through your broker or bank</h2>
        <p>Most shareholders hold their shares this way. Your broker sends you a voting instruction form, usually by email.</p>
        <ul className="steps">
          <li>
            <strong>Online or in the app.</strong> Sign in to your brokerage account and look for “Proxy voting” or
            “Shareholder documents” next to your {campaign.ticker} position.
          </li>
          <li>
            <strong>At ProxyVote.com.</strong> Enter the 16-digit control number printed on your voting instruction form
            or in the broker’s email.
          </li>
          <li>
            <strong>By phone or mail.</strong> Use the number on the form, or return the form early enough that it
            arrives before the deadline.
          </li>
        </ul>
        <p>
          Find {item}, <em>{campaign.title}</em>, and mark your choice. You can change your vote until the deadline; the
          latest one counts.
        </p>
        {guides.length > 0 ? (
          <>
            <h3 id="broker-guides-heading">Step by step, for your broker</h3>
            <ul className="broker-list">
              {guides.map((g) => (
                <li key={g.key}>
                  <Link to={`/c/${campaign.slug}/vote/${g.key}`}>{g.name}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="guide-section" aria-labelledby="card-heading">
        <h2 id="card-heading">2. With your proxy card</h2>
        <p>
          If the shares are registered in your own name, {campaign.company} sends you a proxy card. Vote online, by
          phone or by mail as the card explains; registered holders’ deadline is printed on the card.
        </p>
      </section>

      <section className="guide-section" aria-labelledby="meeting-heading">
        <h2 id="meeting-heading">3. At the {campaign.meetingFormat === 'virtual' ? 'virtual ' : ''}meeting</h2>
        {campaign.meetingPast ? (
          <p>
            The annual meeting took place on{' '}
            <time dateTime={meeting.iso}>
              {meeting.date}, {meeting.time}
            </time>
            {campaign.meetingUrl ? <>, online at {campaign.meetingUrl.replace(/^https?:\/\//, '')}</> : null}. Shareholders could attend and vote
            there with their control number.
          </p>
        ) : (
          <p>
            The annual meeting is on{' '}
            <time dateTime={meeting.iso}>
              {meeting.date}, {meeting.time}
            </time>
            .{' '}
            {campaign.meetingUrl ? (
              <>
                Shareholders can attend and vote at <a href={campaign.meetingUrl}>{campaign.meetingUrl.replace(/^https?:\/\//, '')}</a>{' '}
                with the 16-digit control number.
              </>
            ) : (
              <>Bring your control number to vote during the meeting.</>
            )}{' '}
            Voting in advance is safer: you need not attend.
          </p>
        )}
      </section>

      <FundHoldersGuide company={campaign.company} />

      <NoProxyNotice />
      <Legend campaign={campaign} />
    </div>
  )
}
