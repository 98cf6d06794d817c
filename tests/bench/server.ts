import { readFileSync } from 'node:fs'
import path from 'node:path'
import { type Child, findFreePort, startChild } from './children'
import type { BenchOptions } from './options'
import { redactUrl } from './options'

// What every benchmark shares: the database the run prepared, and a production server on it.

export interface Machine {
  cores: number
  model: string
  node: string
}

export interface BenchContext {
  root: string
  options: BenchOptions
  databaseUrl: string | undefined
  /** Environment for the server and for child scripts that open the same database. */
  databaseEnv: NodeJS.ProcessEnv
  /** "PGlite 0.5.16 (embedded, in the server process)" or "PostgreSQL (host/db)". */
  database: string
  machine: Machine
  seedSeconds: number
}

export interface RunningServer {
  child: Child
  port: number
  /** Where the benchmark connects: http://127.0.0.1:<port>. */
  baseUrl: string
  /** APP_URL given to the server: http://localhost:<port> (its origin is what CSRF checks expect). */
  appUrl: string
}

const HEALTH_TIMEOUT_MS = 120_000

export function databaseDescription(root: string, databaseUrl: string | undefined): string {
  if (databaseUrl) {
    const url = new URL(redactUrl(databaseUrl))
    return `PostgreSQL (${url.host}${url.pathname})`
  }
  const pkg = JSON.parse(readFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }
  return `PGlite ${pkg.version} (embedded, in the server process)`
}

/** Polls GET /healthz until it answers 200; fails early, with its output, if the server exits. */
export async function waitForHealthy(baseUrl: string, server: Child): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS
  let exited = false
  void server.exited.then(() => (exited = true))
  while (Date.now() < deadline) {
    if (exited) throw new Error(`The server exited before it was healthy. Its output:\n${server.output()}`)
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) })
      if (response.status === 200) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`GET /healthz did not return 200 within ${HEALTH_TIMEOUT_MS / 1000} s. Server output:\n${server.output()}`)
}

/** `node build/index.js` with NODE_ENV=production on the first free port in `ports`, once healthy. */
export async function startServer(ctx: BenchContext, ports: { from: number; to: number }): Promise<RunningServer> {
  const port = await findFreePort(ports.from, ports.to)
  const baseUrl = `http://127.0.0.1:${port}`
  const appUrl = `http://localhost:${port}`
  const child = startChild('node', ['build/index.js'], {
    cwd: ctx.root,
    // The load generator speaks for many clients through X-Forwarded-For, as a proxy on this
    // machine would; no mail provider, so the outbox is chosen explicitly.
    env: { ...ctx.databaseEnv, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', APP_URL: appUrl, TRUST_PROXY: 'loopback', MAIL_TRANSPORT: 'outbox' },
  })
  await waitForHealthy(baseUrl, child)
  return { child, port, baseUrl, appUrl }
}
