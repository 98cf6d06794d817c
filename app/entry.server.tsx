import { STATUS_CODES } from 'node:http'
import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable, json } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceProvider } from './utils/nonce'
import './load-context'

const ABORT_DELAY = 5_000

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const refusal = jsonRefusal(request, responseStatusCode, remixContext)
  if (refusal) return refusal
  languageHeaders(responseHeaders, remixContext)
  const nonce = loadContext.cspNonce
  // Crawlers and shared renders (no nonce: app/server.ts) get the whole document at once;
  // browsers get it streamed.
  const waitForAll = !nonce || isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors after the shell are logged here; the ErrorBoundary shows the reader a page.
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}

/**
 * The page's language (chosen by the root loader) as Content-Language; where the reader's cookie
 * or Accept-Language chose it rather than the address, caches are told so. (A shared public page
 * sets its own Vary: app/utils/shared-page.server.ts.)
 */
function languageHeaders(headers: Headers, remixContext: EntryContext) {
  const root = remixContext.staticHandlerContext.loaderData?.root as { locale?: string; explicit?: boolean } | undefined
  if (!root?.locale) return
  headers.set('Content-Language', root.locale)
  if (!root.explicit) headers.append('Vary', 'Accept-Language, Cookie')
}

/**
 * A 4xx for a client that did not ask for HTML (an API client, curl, a script) is JSON:
 * { error, message } from what the route threw. Browsers get the ErrorBoundary's page.
 */
function jsonRefusal(request: Request, status: number, remixContext: EntryContext): Response | null {
  if (status < 400 || status >= 500 || (request.headers.get('accept') ?? '').includes('text/html')) return null
  const thrown = Object.values(remixContext.staticHandlerContext.errors ?? {})[0]
  if (!isRouteErrorResponse(thrown)) return null
  const data: unknown = thrown.data
  const body =
    data && typeof data === 'object' && 'message' in data
      ? data
      : { error: errorCode(status), message: typeof data === 'string' && data ? data : (STATUS_CODES[status] ?? 'Refused') }
  return json(body, { status, headers: { 'Cache-Control': 'no-store' } })
}

/** 404 → "not_found", 405 → "method_not_allowed": the code JSON clients can branch on. */
const errorCode = (status: number) => (STATUS_CODES[status] ?? `http ${status}`).toLowerCase().replace(/[^a-z0-9]+/g, '_')

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  // Remix's own refusals of a request (a `_data` naming no route, a malformed path) are the
  // client's mistake, answered with a 4xx: nothing for the server log.
  if (isRouteErrorResponse(error) && error.status < 500) return
  console.error(error)
}
