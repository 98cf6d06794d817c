import type { Db } from '../db/schema'

// What app/server.ts hands every loader and action: the database and this response's CSP nonce
// (none for a public page rendered once for every reader: its inline scripts are allowed by hash).
declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    db: Db
    cspNonce: string | undefined
    /** The client's address (behind a proxy in production: its X-Forwarded-For), for rate limits. */
    clientIp: string
    /** For streamed downloads: resolves when the response can take more (true) or its client has gone (false). */
    readerReady?: () => Promise<boolean>
  }
}

export {}
