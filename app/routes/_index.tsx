import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Trans } from 'react-i18next'
import { StatusBadge } from '~/components/status-badge'
import { config } from '~/config.server'
import { translatorFor } from '~/i18n/instance'
import { localizedPath } from '~/i18n/locales'
import { localeOf } from '~/i18n/negotiate.server'
import { useCampaignTextLang } from '~/i18n/campaign-text'
import { useLocale } from '~/i18n/use-locale'
import { listPublicCampaigns } from '~/models/campaigns.server'
import { formatDateIn } from '~/utils/dates'
import { FiguresHeadline } from '~/components/tally-panel'
import { figuresByIntention } from '~/utils/public-figures'
import { PUBLIC_PAGE_CACHE_CONTROL, pageMeta } from '~/utils/seo'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const campaigns = await listPublicCampaigns(context.db)
  const locale = localeOf(request)
  return json({
    canonicalUrl: `${config.appUrl}${localizedPath('/', locale)}`,
    description: translatorFor(locale)('home.description'),
    campaigns: campaigns.map((c) => ({
      slug: c.slug,
      company: c.company,
      ticker: c.ticker,
      exchange: c.exchange,
      title: c.title,
      summary: c.summary,
      agmYear: c.agm_year,
      agmDate: formatDateIn(c.agm_at, c.time_zone, locale),
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
    description: data?.description ?? '',
    url: data?.canonicalUrl,
  })

export default function Index() {
  const { campaigns } = useLoaderData<typeof loader>()
  const { t, count, percent, href } = useLocale()
  const textLang = useCampaignTextLang()
  return (
    <div className="wrap">
      <section className="hero">
        <h1>{t('home.heading')}</h1>
        <p className="lede">{t('home.lede')}</p>
      </section>
      {campaigns.length === 0 ? (
        <p>{t('home.none')}</p>
      ) : (
        <ul className="campaign-list" aria-label={t('site.campaigns')}>
          {campaigns.map((c) => (
            <li key={c.slug} className="campaign-card">
              <p className="eyebrow">
                {c.company} · {c.exchange}: {c.ticker}
              </p>
              <h2 className="campaign-card__title">
                <Link to={href(`/c/${c.slug}`)}>
                  <span lang={textLang}>{c.title}</span> <span className="campaign-card__year">({t('campaign.annualMeeting', { year: c.agmYear })})</span>
                </Link>
              </h2>
              <p className="campaign-card__meta">
                <StatusBadge status={c.status} isDemo={c.isDemo} />
                <span>{t('home.meetingOn', { date: c.agmDate })}</span>
              </p>
              <p lang={textLang}>{c.summary}</p>
              {c.result ? (
                <p className="campaign-card__result">
                  <Trans
                    i18nKey="home.result"
                    values={{ percent: percent(c.result.supportPercent), year: c.agmYear }}
                    components={{ number: <span className="campaign-card__result-number" /> }}
                  />
                </p>
              ) : null}
              <div className="campaign-card__figures">
                <p className="campaign-card__figures-label">{c.status === 'closed' ? t('tally.pledgedOnQuorum') : t('tally.supportSoFar')}</p>
                {c.status === 'closed' && c.figures.for.people + c.figures.against.people + c.figures.abstain.people + c.figures.undecided.people === 0 ? (
                  <p>{t('tally.noneRecorded')}</p>
                ) : (
                  <>
                    <FiguresHeadline pledgedFor={c.figures.for} className="campaign-card__headline" />
                    {c.figures.against.people + c.figures.abstain.people + c.figures.undecided.people > 0 ? (
                      <p className="campaign-card__others">
                        {t('home.others', {
                          against: t('home.peopleAgainst', { count: c.figures.against.people, people: count(c.figures.against.people) }),
                          abstain: t('home.peopleAbstain', { count: c.figures.abstain.people, people: count(c.figures.abstain.people) }),
                          undecided: t('home.peopleUndecided', { count: c.figures.undecided.people, people: count(c.figures.undecided.people) }),
                        })}
                      </p>
                    ) : null}
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
