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
import { pledgeChangeSchema } from '~/schemas/pledge'
import { calendarFeedUrls } from '~/utils/calendar.server'
import { shareLinks } from '~/utils/sharing.server'
import { formatDateIn } from '~/utils/dates'
import { readForm } from '~/utils/read-form.server'
import { LinkProblem } from '~/components/link-problem'
import { metaTranslator } from '~/i18n/instance'
import { localeOf } from '~/i18n/negotiate.server'
import { useLocale } from '~/i18n/use-locale'

const NO_STORE = { 'Cache-Control': 'no-store' }
// Campaign ids are PostgreSQL integers: a larger number names no campaign.
const CampaignIntent = z.object({ campaignId: z.coerce.number().int().positive().max(2_147_483_647) })

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = localeOf(request)
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
          votedOn: p.voted_at ? formatDateIn(p.voted_at, 'UTC', locale) : null,
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
    const changed = await setCampaignSubscription(context.db, { supporterId, campaignId: parsed.data.campaignId, subscribed: intent === 'resubscribe', locale: localeOf(request), clientIp: context.clientIp })
    if (!changed.ok) return json({ error: changed.formError }, { status: 404 })
    return json({ done: intent })
  }
  if (intent === 'unsubscribe-all') {
    await unsubscribeFromAll(context.db, { supporterId })
    return json({ done: intent })
  }
  return json({ error: 'Unknown action.' }, { status: 400 })
}

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)('me.heading')} · Quorum` }, { name: 'robots', content: 'noindex' }]

export default function MyData() {
  const { state, overview } = useLoaderData<typeof loader>()
  const acted = useActionData<typeof action>()
  const [search] = useSearchParams()
  const { token } = useParams()
  const { t, count, href } = useLocale()
  if (!overview) {
    return (
      <div className="wrap narrow page-message">
        <LinkProblem state={state} />
      </div>
    )
  }
  return (
    <div className="wrap narrow self-service">
      <p className="eyebrow">{t('me.eyebrow')}</p>
      <h1>{t('me.heading')}</h1>
      {search.has('confirmed') ? (
        <p className="notice notice--strong" role="status">
          <strong>{t('me.confirmed')}</strong> {t('me.confirmedCounts')}
          {overview.pledges.some((p) => p.guide) ? ` ${t('me.confirmedGuide')}` : null}
          {overview.pledges.some((p) => p.calendar) ? ` ${t('me.confirmedCalendar')}` : null}
          {overview.pledges.some((p) => p.share) ? ` ${t('me.confirmedShare')}` : null}
        </p>
      ) : null}
      {acted && 'error' in acted ? (
        <p className="form-error" role="alert">
          {acted.error}
        </p>
      ) : null}
      {acted && 'saved' in acted ? (
        <p className="notice notice--strong" role="status">
          {Number(acted.saved) > 0 ? t('me.saved') : t('me.nothingChanged')}
        </p>
      ) : null}
      {acted && 'done' in acted ? (
        <p className="notice notice--strong" role="status">
          {acted.done === 'resubscribe' ? t('me.resubscribed') : t('me.unsubscribed')}
        </p>
      ) : null}
      <p>
        {t('me.address')} <strong>{overview.email}</strong>
        {overview.name ? <> · {t('me.name')} {overview.name}</> : null}
        {overview.confirmed ? null : (
          <>
            {' '}
            · <em>{t('me.notConfirmed')}</em>
          </>
        )}
      </p>

      <h2>{t('me.pledges')}</h2>
      {overview.pledges.length === 0 ? <p>{t('me.noPledges')}</p> : null}
      {overview.pledges.map((p) => (
        <section key={p.id} className="panel" aria-labelledby={`pledge-${p.id}-heading`}>
          <h3 id={`pledge-${p.id}-heading`}>
            <Link to={href(`/c/${p.slug}`)}>
              {p.title} · {p.company} {p.agmYear}
            </Link>
          </h3>
          <p className="muted">
            {p.status === 'confirmed' ? t('me.counted') : t('me.waiting')}: {t(`me.intention.${p.intention}`)}
            {p.shares ? `, ${t('result.shares', { count: BigInt(p.shares) === 1n ? 1 : 2, shares: count(p.shares) })}` : ''}
            {p.votedOn ? `, ${t('me.votedOn', { date: p.votedOn })}` : ''}.
          </p>
          {p.guide ? (
            <p>
              <Link to={href(`/c/${p.slug}/vote/${p.guide.key}`)}>
                {p.guide.generic ? t('me.genericGuide') : t('me.brokerGuide', { name: p.guide.name })}
              </Link>
            </p>
          ) : null}
          {p.calendar ? <CalendarLinks feed={p.calendar} title={p.title} /> : null}
          {p.share ? <ShareLinks links={p.share} id={`share-${p.id}`} title={p.title} /> : null}
          {p.holderType === 'fund' ? <FundHoldersGuide company={p.company} headingLevel="h3" id={`funds-${p.id}`} /> : null}
          {p.campaignLive ? (
            <PledgeEditor pledge={p} lastResult={acted && 'pledgeId' in acted && acted.pledgeId === p.id ? acted.result : null} />
          ) : (
            <p>{t('me.closed')}</p>
          )}
        </section>
      ))}

      <h2>{t('me.emails')}</h2>
      {overview.subscriptions.length === 0 ? <p>{t('me.noUpdates')}</p> : null}
      <ul className="plain-list">
        {overview.subscriptions.map((s) => (
          <li key={s.campaignId} className="row">
            <span>
              {s.title} · {s.company} {s.agmYear}: {s.status === 'subscribed' && !overview.allStopped ? t('me.receiving') : t('me.notReceiving')}
            </span>
            <Form method="post">
              <input type="hidden" name="campaignId" value={s.campaignId} />
              {s.status === 'subscribed' && !overview.allStopped ? (
                <button type="submit" name="intent" value="unsubscribe" className="button">
                  {t('me.unsubscribe')}
                  <span className="visually-hidden"> {t('me.fromTitle', { title: s.title })}</span>
                </button>
              ) : (
                <button type="submit" name="intent" value="resubscribe" className="button">
                  {t('me.resubscribe')}
                  <span className="visually-hidden"> {t('me.toTitle', { title: s.title })}</span>
                </button>
              )}
            </Form>
          </li>
        ))}
      </ul>
      {overview.allStopped ? (
        <p>{t('me.allStopped')}</p>
      ) : (
        <Form method="post">
          <button type="submit" name="intent" value="unsubscribe-all" className="button">
            {t('me.stopAll')}
          </button>
        </Form>
      )}

      <h2>{t('me.data')}</h2>
      <p>{t('me.dataText')}</p>
      <p className="actions">
        <a href={`/me/${token}/export.json`} className="button" download>
          {t('me.download')}
        </a>
        <Link to={`/me/${token}/delete`} className="button button--danger">
          {t('me.delete')}
        </Link>
      </p>
    </div>
  )
}
