import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createRequestHandler as createExpressHandler } from '@remix-run/express'
import { broadcastDevReady, createRequestHandler } from '@remix-run/node'
import * as build from '@remix-run/dev/server-build'
import compression from 'compression'
import express, { type Response as ExpressResponse } from 'express'
import { createDb, type DatabaseHandle, DatabaseInUseError } from '../db/client.server'
import { migrateToLatest } from '../db/migrate'
import { startUpLock } from '../db/start-up-lock'
import { seedDemo, seedDemoOrganizer } from '../db/seed/demo'
import { config } from './config.server'
import { startMailJobs } from './mail/jobs.server'
import { defaultTransport } from './mail/default-transport.server'
import { EMAIL_PREVIEW_PATH } from './utils/email-preview'
import { allowCrossOriginImage, allowFraming, EMBED_PATHS, IMAGE_PATHS, openedForEmbedding } from './utils/embedding.server'
import { answerApiPreflight, refuseCrossSitePosts, refuseOversizedBodies, refuseUnknownMethods } from './utils/http-guards.server'
import { inlineScriptHashes } from './utils/inline-scripts.server'
import { createPublicPageCache, languageNegotiated, sharedPagePath } from './utils/public-page-cache.server'
import { createSecurityHeaders } from './utils/security-headers.server'
import { PUBLIC_PAGE_STALE_SECONDS } from './utils/seo'
import { prepareSharedPage, sendSharedPage, type SharedPage } from './utils/shared-page.server'

// Quorum's HTTP server: public pages shared by every reader, answered before anything else; then
// security headers, static files and the Remix app (Express). Bundled with the app into
// build/index.js by `remix build`.

async function openDatabase() {
  try {
    const handle = await createDb(config.database)
    // Any number of web and worker processes may start at once: start-up's DDL (and the demo,
    // loaded only on an empty database) takes turns.
    await startUpLock(handle)(() => prepareDatabase(handle))
    return handle
  } catch (error) {
    if (error instanceof DatabaseInUseError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
}

async function prepareDatabase(handle: DatabaseHandle) {
  const applied = await migrateToLatest(handle.db)
  if (applied.length > 0) console.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`)
  if (config.seedDemo) {
    const campaigns = await handle.db.selectFrom('campaigns').select('id').limit(1).execute()
    if (campaigns.length === 0) {
      const seeded = await seedDemo(handle.db)
      console.log(`Loaded the demo: ${seeded.campaigns.join(', ')} with ${seeded.demoPledges} synthetic pledges.`)
    }
    const organizer = await seedDemoOrganizer(handle.db)
    if (organizer) {
      console.log(
        `Demo organizer created. Sign in at ${config.appUrl}/organizer/login with\n  email:    ${organizer.email}\n  password: ${organizer.password}\n` +
          '(shown this once; invite more organizers from a campaign’s Organizers page, or make accounts with `npm run organizer:create`).',
      )
    }
  }
}

const database = await openDatabase()
const db = database.db
// The mail worker runs in the web process unless WORKER_IN_WEB=false (then: `npm run worker`);
// either way this process adds the jobs its pages cause.
const mailJobs = await startMailJobs(db, {
  work: config.workerInWeb,
  transport: defaultTransport(db),
  perSecond: config.mailRatePerSecond,
  claimTimeoutSeconds: config.mailClaimTimeoutSeconds,
  webhooks: config.webhooks,
  startUpLock: startUpLock(database),
})

const app = express()
app.disable('x-powered-by')
app.use(refuseUnknownMethods)
// Off unless TRUST_PROXY says which proxies are in front: a client could otherwise pick its own
// address for every per-address limit by sending X-Forwarded-For.
app.set('trust proxy', config.trustProxy)

const securityHeaders = createSecurityHeaders({ production: config.isProduction, development: build.mode === 'development' })
app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString('base64url')
  res.locals.scriptSources = [`'nonce-${res.locals.cspNonce}'`]
  next()
})
app.use(securityHeaders.middleware)
// The email preview's own policy replaces the app-wide one rather than joining it (both would
// apply): see app/utils/email-preview.ts. Its error pages keep the app-wide policy.
app.use(EMAIL_PREVIEW_PATH, (_req, res, next) => {
  const append = res.append.bind(res)
  res.append = (field: string, value?: string | string[]) => (field.toLowerCase() === 'content-security-policy' ? res.set(field, value) : append(field, value))
  next()
})
app.get(EMBED_PATHS, allowFraming)
app.get(IMAGE_PATHS, allowCrossOriginImage)
app.use(compression())
app.use(refuseOversizedBodies)
app.use(refuseCrossSitePosts)
app.use('/api/v1', answerApiPreflight)

// Fingerprinted client assets can be cached forever; other public files for an hour.
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
app.use(express.static('public', { maxAge: '1h' }))

const renderPage = createRequestHandler(build, build.mode)

/** A public page as every reader gets it: no nonce (its inline scripts are allowed by hash). */
async function renderSharedPage(path: string): Promise<SharedPage | undefined> {
  // No reader's headers or cookies: nothing on the page may depend on who asked first. The path
  // names the page's language (`?lang=de`; none is English), so the render needs no cookie.
  const response = await renderPage(new Request(`${config.appUrl}${path}`), { db, cspNonce: undefined, clientIp: '' })
  if (response.status !== 200) return undefined
  const rendered = Object.fromEntries(response.headers)
  // Anything but a page (the badge, the share image) is taken as bytes: a PNG read as text would
  // be mangled. Only a page has inline scripts to allow.
  if (!rendered['content-type']?.startsWith('text/html')) {
    const bytes = new Uint8Array(await response.arrayBuffer())
    return prepareSharedPage({ bytes, headers: openedForEmbedding(path, { ...rendered, ...securityHeaders.headersFor([]) }) })
  }
  const html = await response.text()
  const headers = openedForEmbedding(path, { ...rendered, ...securityHeaders.headersFor(inlineScriptHashes(html)) })
  return prepareSharedPage({ html, headers, inALanguage: !path.startsWith('/embed/') })
}

const publicPages =
  config.pageCacheSeconds > 0
    ? createPublicPageCache({ ttlMs: config.pageCacheSeconds * 1000, maxStaleMs: PUBLIC_PAGE_STALE_SECONDS * 1000, render: renderSharedPage })
    : null

app.all(
  '*',
  createExpressHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({ db, cspNonce: res.locals.cspNonce as string, clientIp: req.ip ?? 'unknown', readerReady: () => writableReady(res) }),
  }),
)

/**
 * Resolves true once the client's socket can take more, false if the response has closed.
 * NOTE: the compression middleware takes over the response's 'drain' events, so this watches
 * the socket itself, and looks again every 50 ms in case a 'drain' was never due.
 */
async function writableReady(res: ExpressResponse): Promise<boolean> {
  for (;;) {
    const socket = res.socket
    if (res.destroyed || res.writableEnded || !socket || socket.destroyed) return false
    if (!socket.writableNeedDrain && !res.writableNeedDrain) return true
    await new Promise<void>((resolve) => {
      const settle = () => {
        clearTimeout(timer)
        socket.off('drain', settle)
        socket.off('close', settle)
        resolve()
      }
      const timer = setTimeout(settle, 50)
      socket.once('drain', settle)
      socket.once('close', settle)
    })
  }
}

// A shared page's reader costs a lookup and a write; everything else (and a page that could not
// be rendered for everyone, e.g. a 404) goes through Express.
function handle(req: IncomingMessage, res: ServerResponse) {
  const path = publicPages && sharedPagePath(req)
  if (!path) return void app(req, res)
  const fresh = publicPages.fresh(path)
  if (fresh) return sendSharedPage(req, res, fresh, languageNegotiated(req))
  publicPages.get(path).then(
    (page) => (page ? sendSharedPage(req, res, page, languageNegotiated(req)) : app(req, res)),
    () => app(req, res),
  )
}

const server = createServer(handle).listen(config.port, config.host, () => {
  const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `the embedded database in ${config.database.dir}`
  console.log(`Quorum is running at ${config.appUrl} (on ${where}).`)
  if (build.mode === 'development') broadcastDevReady(build)
})

let shuttingDown = false
async function shutdown(signal: string) {
  if (shuttingDown) return
  shuttingDown = true
  console.log(`${signal} received: closing.`)
  server.close()
  server.closeAllConnections()
  publicPages?.close()
  await mailJobs.stop()
  await database.close()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
