import type { IncomingMessage, ServerResponse } from 'node:http'
import helmet from 'helmet'

// Every page's security headers, from one helmet configuration. A page rendered for one reader
// allows its inline scripts by a nonce of its own; a public page rendered once for every reader
// allows them by their hashes, so its headers and bytes can be the same for everyone.

type WithScriptSources = ServerResponse & { locals: { scriptSources: string[] } }

export function createSecurityHeaders(options: { production: boolean; development: boolean }) {
  const middleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: [(_req, res) => ["'self'", ...(res as WithScriptSources).locals.scriptSources].join(' ')],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        // The development server's live reload uses a websocket on another port.
        connectSrc: options.development ? ["'self'", 'ws://localhost:*'] : ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(options.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: options.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
  })

  return {
    /** Express middleware: the response's script sources are in `res.locals.scriptSources`. */
    middleware,
    /** The same headers, computed once for a page whose inline scripts are allowed by `scriptSources`. */
    headersFor(scriptSources: string[]): Record<string, string> {
      const headers: Record<string, string> = {}
      const recorder = {
        locals: { scriptSources },
        setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
        removeHeader: (name: string) => void delete headers[name.toLowerCase()],
      }
      let failure: unknown
      middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => (failure = error))
      if (failure) throw failure
      return headers
    },
  }
}
