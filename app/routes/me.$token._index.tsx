import { parseWithZod } from '@conform-to/zod'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useParams, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { CalendarLinks } from '~/components/calendar-links'
import { FundHoldersGuide } from '~/components/fund-holders-guide'
import { ShareLinks } from '~/components/share-links'
import { PledgeEditor } from '~/components/pledge-editor'
import { config } from '~/config.server'
import { guidesForPledges } from '~/models/broker-guides.server'
import { changePledge } from '~/models/pledges.server'
import { getSupporterOverview, setCampaignSubscription, unsubscribeFromAll } from '~/models/supporters.server'
import { peekToken } from '~/models/supporter-tokens.server'
import { FOLLOW_FORM_VERSION, pledgeChangeSchema } from '~/schemas/pledge'
import { calendarFeedUrls } from '~/utils/calendar.server'
import { shareLinks } from '~/utils/sharing.server'
import { formatDateIn } from '~/utils/dates'
import { formatCount } from '~/utils/format'
import { readForm } from '~/utils/read-form.server'
import { LinkProblem } from '~/components/link-problem'

const NO_STORE = { 'Cache-Control': 'no-store' }
// Campaign ids are PostgreSQL integers: a larger number names no campaign.
const CampaignIntent = z.object({ campaignId: z.coerce.number().int().positive().max(2_147_483_647) })

export async function loader({ params, context }: LoaderFunctionArgs) {
  const session = await peekToken(context.db, { token: params.token, purpose: 'manage' })
  if (!session.ok) return json({ state: session.reason, overview: null }, { status: 410, headers: NO_STORE })
  const overview = await getSupporterOverview(context.db, { supporterId: session.supporterId })
  if (!overview) return json({ state: 'invalid' as const, overview: null }, { status: 410, headers: NO_STORE })
  const { supporter, pledges, subscriptions } = overview
  const guides = await guidesForPledges(
    context.db,
    pledges.filter((p) => p.campaign_status === 'live'),
  )
  return json(
    {
      state: 'ok' as const,
      overview: {
        email: supporter.email,
        name: supporter.name,
        confirmed: supporter.confirmed_at !== null,
        allStopped: supporter.suppression_reason === 'unsubscribed_all',
        pledges: pledges.map((p) => ({
          id: p.id,
          slug: p.slug,
          title: p.title,
          company: p.company,
          agmYear: p.agm_year,
          status: p.status,
          campaignLive: p.campaign_status === 'live',
          sharesOutstanding: p.shares_outstanding,
          intention: p.intention,
          shares: p.shares,
          holderType: p.holder_type,
          broker: p.broker,
          votedAt: p.voted_at?.toISOString() ?? null,
          votedOn: p.voted_at ? formatDateIn(p.voted_at, 'UTC') : null,
          showName: p.show_name,
          // A confirmed pledger's calendar, while there is still a date to keep.
          calendar: supporter.confirmed_at !== null && p.campaign_status === 'live' ? calendarFeedUrls(config.appUrl, p.slug) : null,
          // The guide for the pledge's broker (or the generic one), while the campaign is live.
          guide: p.campaign_status === 'live' ? (guides.get(p.id) ?? null) : null,
          // A confirmed pledge in a live campaign can be shared, with its own referral code.
          share: p.status === 'confirmed' && p.campaign_status === 'live' ? shareLinks({ slug: p.slug, title: p.title, company: p.company, pledgeId: p.id }) : null,
        })),
        subscriptions: subscriptions.map((s) => ({ campaignId: s.campaign_id, slug: s.slug, title: s.title, company: s.company, agmYear: s.agm_year, status: s.status })),
      },
    },
    { headers: NO_STORE },
  )
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const session = await peekToken(context.db, { token: params.token, purpose: 'manage' })
  if (!session.ok) return json({ error: 'This link no longer works.' }, { status: 410 })
  const supporterId = session.supporterId
  const form = await readForm(request)
  const intent = form.get('intent')

  if (intent === 'change-pledge') {
    const overview = await getSupporterOverview(context.db, { supporterId })
    const pledge = overview?.pledges.find((p) => p.id === form.get('pledgeId'))
    if (!pledge) return json({ error: 'That pledge is not yours to change.' }, { status: 404 })
    const submission = parseWithZod(form, { schema: pledgeChangeSchema({ sharesOutstanding: pledge.shares_outstanding, company: pledge.company }) })
    if (submission.status !== 'success') return json({ pledgeId: pledge.id, result: submission.reply() }, { status: 400 })
    const changed = await changePledge(context.db, { supporterId, change: submission.value })
    if (!changed.ok && changed.reason === 'closed') return json({ error: 'This campaign has closed: its pledges can no longer change.' }, { status: 409 })
    if (!changed.ok) return json({ error: 'That pledge is not yours to change.' }, { status: 404 })
    return json({ pledgeId: pledge.id, result: submission.reply(), saved: changed.changed })
  }
  if (intent === 'unsubscribe' || intent === 'resubscribe') {
    const parsed = CampaignIntent.safeParse(Object.fromEntries(form))
    if (!parsed.success) return json({ error: 'Unknown campaign.' }, { status: 400 })
    const changed = await setCampaignSubscription(context.db, { supporterId, campaignId: parsed.data.campaignId, subscribed: intent === 'resubscribe', formVersion: FOLLOW_FORM_VERSION })
    if (!changed.ok) return json({ error: changed.formError }, { status: 404 })
    return json({ done: intent })
  }
  if (intent === 'unsubscribe-all') {
    await unsubscribeFromAll(context.db, { supporterId })
    return json({ done: intent })
  }
  return json({ error: 'Unknown action.' }, { status: 400 })
}

export const meta: MetaFunction = () => [{ title: 'Your pledge and your data · Quorum' }, { name: 'robots', content: 'noindex' }]

const INTENTION_WORDS: Record<string, string> = { for: 'for', against: 'against', abstain: 'abstain', undecided: 'undecided' }

export default function MyData() {
  const { state, overview } = useLoaderData<typeof loader>()
  const acted = useActionData<typeof action>()
  const [search] = useSearchParams()
  const { token } = useParams()
  if (!overview) {
    return (
      <div className="wrap narrow page-message">
        <LinkProblem state={state} />
      </div>
    )
  }
  return (
    <div className="wrap narrow self-service">
      <p className="eyebrow">Signed in through your email link</p>
      <h1>Your pledge and your data</h1>
      {search.has('confirmed') ? (
        <p className="notice notice--strong" role="status">
          <strong>Thank you: your address is confirmed.</strong> Your pledge now counts in the campaign’s tally.
          {overview.pledges.some((p) => p.guide) ? ' Your broker’s step-by-step voting guide is linked below.' : null}
          {overview.pledges.some((p) => p.calendar) ? ' Subscribe to the key dates below and your calendar will remind you before the voting deadline.' : null}
          {overview.pledges.some((p) => p.share) ? ' Other shareholders can pledge too: share your link below.' : null}
        </p>
      ) : null}
      {acted && 'error' in acted ? (
        <p className="form-error" role="alert">
          {acted.error}
        </p>
      ) : null}
      {acted && 'saved' in acted ? (
        <p className="notice notice--strong" role="status">
          {Number(acted.saved) > 0 ? 'Your changes are saved.' : 'Nothing changed.'}
        </p>
      ) : null}
      {acted && 'done' in acted ? (
        <p className="notice notice--strong" role="status">
          {acted.done === 'resubscribe' ? 'You will receive this campaign’s updates again.' : 'Done: you will not receive those emails any more.'}
        </p>
      ) : null}
      <p>
        Address: <strong>{overview.email}</strong>
        {overview.name ? <> · Name: {overview.name}</> : null}
        {overview.confirmed ? null : <> · <em>not confirmed yet: use the link in our first email</em></>}
      </p>

      <h2>Your pledges</h2>
      {overview.pledges.length === 0 ? <p>You have no pledges.</p> : null}
      {overview.pledges.map((p) => (
        <section key={p.id} className="panel" aria-labelledby={`pledge-${p.id}-heading`}>
          <h3 id={`pledge-${p.id}-heading`}>
            <Link to={`/c/${p.slug}`}>
              {p.title} · {p.company} {p.agmYear}
            </Link>
          </h3>
          <p className="muted">
            {p.status === 'confirmed' ? 'Counted in the tally' : 'Waiting for your confirmation'}: {INTENTION_WORDS[p.intention]}
            {p.shares ? `, ${formatCount(p.shares)} shares` : ''}
            {p.votedOn ? `, voted (told us on ${p.votedOn})` : ''}.
          </p>
          {p.guide ? (
            <p>
              <Link to={`/c/${p.slug}/vote/${p.guide.key}`}>
                {p.guide.generic ? 'How to vote through your broker or bank, step by step' : `Your broker’s guide: ${p.guide.name}`}
              </Link>
            </p>
          ) : null}
          {p.calendar ? <CalendarLinks feed={p.calendar} title={p.title} /> : null}
          {p.share ? <ShareLinks links={p.share} id={`share-${p.id}`} title={p.title} /> : null}
          {p.holderType === 'fund' ? <FundHoldersGuide company={p.company} headingLevel="h3" id={`funds-${p.id}`} /> : null}
          {p.campaignLive ? (
            <PledgeEditor pledge={p} lastResult={acted && 'pledgeId' in acted && acted.pledgeId === p.id ? acted.result : null} />
          ) : (
            <p>This campaign has closed; its pledges can no longer change.</p>
          )}
        </section>
      ))}

      <h2>Emails</h2>
      {overview.subscriptions.length === 0 ? <p>You receive no campaign updates.</p> : null}
      <ul className="plain-list">
        {overview.subscriptions.map((s) => (
          <li key={s.campaignId} className="row">
            <span>
              {s.title} · {s.company} {s.agmYear}: {s.status === 'subscribed' && !overview.allStopped ? 'you receive updates' : 'unsubscribed'}
            </span>
            <Form method="post">
              <input type="hidden" name="campaignId" value={s.campaignId} />
              {s.status === 'subscribed' && !overview.allStopped ? (
                <button type="submit" name="intent" value="unsubscribe" className="button">
                  Unsubscribe<span className="visually-hidden"> from {s.title}</span>
                </button>
              ) : (
                <button type="submit" name="intent" value="resubscribe" className="button">
                  Subscribe again<span className="visually-hidden"> to {s.title}</span>
                </button>
              )}
            </Form>
          </li>
        ))}
      </ul>
      {overview.allStopped ? (
        <p>You asked us to stop all emails.</p>
      ) : (
        <Form method="post">
          <button type="submit" name="intent" value="unsubscribe-all" className="button">
            Stop all emails from Quorum
          </button>
        </Form>
      )}

      <h2>Your data</h2>
      <p>Download everything Quorum holds about you, or delete it all.</p>
      <p className="actions">
        <a href={`/me/${token}/export.json`} className="button" download>
          Download my data (JSON)
        </a>
        <Link to={`/me/${token}/delete`} className="button button--danger">
          Delete everything
        </Link>
      </p>
    </div>
  )
}
