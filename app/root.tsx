import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import {
  isRouteErrorResponse,
  Link,
  Links,
  LiveReload,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { I18nextProvider, useTranslation } from 'react-i18next'
import { config } from './config.server'
import { i18nFor } from './i18n/instance'
import { DEFAULT_LOCALE, LANGUAGE_NAMES, type Locale, LOCALES, localizedPath } from './i18n/locales'
import { requestLocale } from './i18n/negotiate.server'
import stylesHref from './styles/app.css'
import formStylesHref from './styles/forms.css'
import printStylesHref from './styles/print.css'
import progressStylesHref from './styles/progress.css'
import tokensHref from './styles/tokens.css'
import { useNonce } from './utils/nonce'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: tokensHref },
  { rel: 'stylesheet', href: stylesHref },
  { rel: 'stylesheet', href: formStylesHref },
  { rel: 'stylesheet', href: progressStylesHref },
  { rel: 'stylesheet', href: printStylesHref, media: 'print' },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

// The public pages speak the reader's language (app/i18n, decision 019); the organizer area stays English.
const ORGANIZER = /^\/organizer(?:\/|$)/
// The pages with an address per language, which search engines may list in each.
const PAGE_IN_LANGUAGES = /^\/(?:c\/[a-z0-9-]+(?:\/vote(?:\/[a-z0-9-]+)?)?)?$/

export async function loader({ request }: LoaderFunctionArgs) {
  const organizer = ORGANIZER.test(new URL(request.url).pathname)
  const { locale, explicit } = organizer ? { locale: DEFAULT_LOCALE, explicit: true } : requestLocale(request)
  return json({ locale, explicit, translated: !organizer, origin: config.appUrl })
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<typeof loader>('root')
  const locale = data?.locale ?? DEFAULT_LOCALE
  const i18n = i18nFor(locale)
  const t = i18n.t
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#12324a" />
        <Meta />
        <Links />
        {data?.translated ? <LanguageAlternates origin={data.origin} /> : null}
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <a className="skip-link" href="#main">
            {t('site.skipToContent')}
          </a>
          <header className="site-header">
            <div className="wrap site-header__inner">
              <Link to={localizedPath('/', locale)} className="wordmark" aria-label={t('site.homeLabel')}>
                <span aria-hidden="true" className="wordmark__mark">
                  Q
                </span>
                Quorum
              </Link>
              <nav aria-label={t('site.navLabel')} className="site-nav">
                <Link to={localizedPath('/', locale)}>{t('site.campaigns')}</Link>
                {data?.translated ? <LanguageSwitcher locale={locale} /> : null}
              </nav>
            </div>
          </header>
          <main id="main" tabIndex={-1}>
            {children}
          </main>
          <footer className="site-footer">
            <div className="wrap">
              <p>{t('site.footer')}</p>
            </div>
          </footer>
        </I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  )
}

/**
 * Plain links (they work without JavaScript) to /lang/:locale, which remembers the choice in a
 * cookie and comes back to this page in that language.
 */
function LanguageSwitcher({ locale }: { locale: Locale }) {
  const { t } = useTranslation()
  const location = useLocation()
  const search = new URLSearchParams(location.search)
  search.delete('lang')
  const here = `${location.pathname}${search.size > 0 ? `?${search}` : ''}`
  return (
    <ul className="language-switcher" aria-label={t('site.languages')}>
      {LOCALES.map((other) => (
        <li key={other}>
          <a href={`/lang/${other}?to=${encodeURIComponent(here)}`} hrefLang={other} lang={other} aria-current={other === locale ? 'true' : undefined}>
            {LANGUAGE_NAMES[other]}
          </a>
        </li>
      ))}
    </ul>
  )
}

/** The same page in every language, for search engines; the plain address is the default. */
function LanguageAlternates({ origin }: { origin: string }) {
  const { pathname } = useLocation()
  if (!PAGE_IN_LANGUAGES.test(pathname)) return null
  return (
    <>
      {LOCALES.map((locale) => (
        <link key={locale} rel="alternate" hrefLang={locale} href={`${origin}${localizedPath(pathname, locale)}`} />
      ))}
      <link rel="alternate" hrefLang="x-default" href={`${origin}${pathname}`} />
    </>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <ErrorPage title={t('errorPage.notFoundTitle')} status={404} heading={t('errorPage.notFoundHeading')}>
        {t('errorPage.notFoundText')}
      </ErrorPage>
    )
  }
  // A refusal of the request itself (400, 403, 405, 413, 429…) says what was wrong and what to do.
  const refusal = isRouteErrorResponse(error) && error.status < 500 ? refusalMessage(error.data) : null
  if (refusal && isRouteErrorResponse(error)) {
    return (
      <ErrorPage title={t('errorPage.errorStatus', { status: error.status })} status={error.status} heading={t('errorPage.refusedHeading')}>
        {refusal}
      </ErrorPage>
    )
  }
  // Never a stack trace for readers; details go to the server log (entry.server handleError).
  const detail =
    process.env.NODE_ENV === 'development' && error instanceof Error ? <pre className="error-detail">{error.stack}</pre> : null
  return (
    <div className="wrap page-message">
      <title>{`${t('errorPage.wrongHeading')} · Quorum`}</title>
      <p className="eyebrow">{isRouteErrorResponse(error) ? t('errorPage.errorStatus', { status: error.status }) : t('errorPage.error')}</p>
      <h1>{t('errorPage.wrongHeading')}</h1>
      <p>{t('errorPage.wrongText')}</p>
      {detail}
    </div>
  )
}

/** The message a route put in the Response it threw: its text, or the `message` of its JSON. */
function refusalMessage(data: unknown): string | null {
  if (typeof data === 'string') return data || null
  if (data && typeof data === 'object' && 'message' in data && typeof data.message === 'string') return data.message
  return null
}

function ErrorPage(props: { title: string; status: number; heading: string; children: React.ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="wrap page-message">
      <title>{`${props.title} · Quorum`}</title>
      <p className="eyebrow">{t('errorPage.errorStatus', { status: props.status })}</p>
      <h1>{props.heading}</h1>
      <p>{props.children}</p>
      <p>
        <Link to="/" className="button">
          {t('errorPage.allCampaigns')}
        </Link>
      </p>
    </div>
  )
}
