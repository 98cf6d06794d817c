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
import printStylesHref from './styles/print.css'
import { useNonce } from './utils/nonce'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesHref },
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
      <div className="wrap page-message">
        <title>Page not found · Quorum</title>
        <p className="eyebrow">Error 404</p>
        <h1>We could not find that page</h1>
        <p>The address may be mistyped, or the campaign may have been taken down by its organizers.</p>
        <p>
          <Link to="/" className="button">
            See all campaigns
          </Link>
        </p>
      </div>
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
