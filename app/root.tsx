import type { LinksFunction } from '@remix-run/node'
import {
  isRouteErrorResponse,
  Link,
  Links,
  LiveReload,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from '@remix-run/react'
import type { ReactNode } from 'react'
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

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#12324a" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="wrap site-header__inner">
            <Link to="/" className="wordmark" aria-label="Quorum, all campaigns">
              <span aria-hidden="true" className="wordmark__mark">
                Q
              </span>
              Quorum
            </Link>
            <nav aria-label="Site">
              <Link to="/">Campaigns</Link>
            </nav>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <p>
              Quorum is open-source software for shareholder campaigns. It records how shareholders intend to vote; it
              never asks for, accepts or votes a proxy. Vote through your own broker or proxy card.
            </p>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <ErrorPage title="Page not found" status={404} heading="We could not find that page">
        The address may be mistyped, or the campaign may have been taken down by its organizers.
      </ErrorPage>
    )
  }
  // A refusal of the request itself (400, 403, 405, 413, 429…) says what was wrong and what to do.
  const refusal = isRouteErrorResponse(error) && error.status < 500 ? refusalMessage(error.data) : null
  if (refusal && isRouteErrorResponse(error)) {
    return (
      <ErrorPage title={`Error ${error.status}`} status={error.status} heading="We could not accept that request">
        {refusal}
      </ErrorPage>
    )
  }
  // Never a stack trace for readers; details go to the server log (entry.server handleError).
  const detail =
    process.env.NODE_ENV === 'development' && error instanceof Error ? <pre className="error-detail">{error.stack}</pre> : null
  return (
    <div className="wrap page-message">
      <title>Something went wrong · Quorum</title>
      <p className="eyebrow">{isRouteErrorResponse(error) ? `Error ${error.status}` : 'Error'}</p>
      <h1>Something went wrong</h1>
      <p>We could not show this page just now. Please try again in a moment.</p>
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
  return (
    <div className="wrap page-message">
      <title>{`${props.title} · Quorum`}</title>
      <p className="eyebrow">Error {props.status}</p>
      <h1>{props.heading}</h1>
      <p>{props.children}</p>
      <p>
        <Link to="/" className="button">
          See all campaigns
        </Link>
      </p>
    </div>
  )
}
