import { randomBytes } from 'node:crypto'
import type { Server } from 'node:http'
import { createRequestHandler as createExpressHandler } from '@remix-run/express'
import { broadcastDevReady, createRequestHandler } from '@remix-run/node'
import * as build from '@remix-run/dev/server-build'
import compression from 'compression'
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from 'express'
import helmet from 'helmet'
import { createDb, type DatabaseHandle, DatabaseInUseError } from '../db/client.server'
import { migrateToLatest } from '../db/migrate'
import { startUpLock } from '../db/start-up-lock'
import { seedDemo, seedDemoOrganizer } from '../db/seed/demo'
import { config } from './config.server'
import { startMailJobs } from './jobs/mail-jobs.server'
import { defaultTransport } from './models/mail.server'
import { EMAIL_PREVIEW_PATH } from './utils/email-preview'
import { allowCrossOriginImage, allowFraming, BADGE_PATHS, EMBED_PATHS } from './utils/embedding.server'
import { answerApiPreflight, refuseCrossSitePosts, refuseOversizedBodies, refuseUnknownMethods } from './utils/http-guards.server'
import { bodyWithNonce, createPageCache } from './utils/page-cache.server'

// Quorum's HTTP server: security headers, static files, a short cache for public pages, and
// the Remix app. Bundled with the app into build/index.js by `remix build`.

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
          '(shown this once; make more organizers with `npm run organizer:create`).',
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
  startUpLock: startUpLock(database),
})

const app = express()
app.disable('x-powered-by')
app.use(refuseUnknownMethods)
// Off unless TRUST_PROXY says which proxies are in front: a client could otherwise pick its own
// address for every per-address limit by sending X-Forwarded-For.
app.set('trust proxy', config.trustProxy)

app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString('base64url')
  next()
})
app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as ExpressResponse).locals.cspNonce}'`],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        // The development server's live reload uses a websocket on another port.
        connectSrc: build.mode === 'development' ? ["'self'", 'ws://localhost:*'] : ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(config.isProduction ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
  }),
)
// The email preview's own policy replaces the app-wide one rather than joining it (both would
// apply): see app/utils/email-preview.ts. Its error pages keep the app-wide policy.
app.use(EMAIL_PREVIEW_PATH, (_req, res, next) => {
  const append = res.append.bind(res)
  res.append = (field: string, value?: string | string[]) => (field.toLowerCase() === 'content-security-policy' ? res.set(field, value) : append(field, value))
  next()
})
app.get(EMBED_PATHS, allowFraming)
app.get(BADGE_PATHS, allowCrossOriginImage)
app.use(compression())
app.use(refuseOversizedBodies)
app.use(refuseCrossSitePosts)
app.use('/api/v1', answerApiPreflight)

// Fingerprinted client assets can be cached forever; other public files for an hour.
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
app.use(express.static('public', { maxAge: '1h' }))

const renderPage = createRequestHandler(build, build.mode)
const pageCache = createPageCache({ ttlMs: config.pageCacheSeconds * 1000 })

// Public pages are the same for every reader: serve them from the page cache.
app.get(['/', '/c/:slug', '/c/:slug/vote', ...EMBED_PATHS, ...BADGE_PATHS], async (req, res, next) => {
  if (req.originalUrl.includes('?')) return next()
  try {
    const nonce = res.locals.cspNonce as string
    const page = await pageCache.get(req.path, async () => {
      const response = await renderPage(new Request(`${config.appUrl}${req.path}`, { headers: requestHeaders(req) }), {
        db,
        cspNonce: nonce,
        clientIp: req.ip ?? 'unknown',
      })
      return { status: response.status, headers: [...response.headers], body: await response.text(), nonce }
    })
    res.status(page.status)
    for (const [name, value] of page.headers) {
      if (name !== 'content-length' && name !== 'content-encoding') res.setHeader(name, value)
    }
    res.send(bodyWithNonce(page, nonce))
  } catch (error) {
    next(error)
  }
})

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

function requestHeaders(req: ExpressRequest): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
  }
  return headers
}

const server: Server = app.listen(config.port, config.host, () => {
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
  await mailJobs.stop()
  await database.close()
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
