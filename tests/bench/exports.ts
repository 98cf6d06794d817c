import { spawnSync } from 'node:child_process'
import { LIVE_SLUG } from '../../db/seed/demo'
import { stopChild } from './children'
import { type BenchContext, startServer } from './server'
import { requireWrk, runWrk, type WrkResult } from './wrk'

// The public campaign page while organizers download CSV exports, against the same page with
// no export running. Forty parallel downloads by one viewer once raised the page's median
// from 7 ms to seconds; exports are now limited (a 429 beyond the limit), streamed in keyset
// batches that yield to the event loop, and paced by their reader. See docs/benchmarks.md.

const PAGE_PATH = `/c/${LIVE_SLUG}`
const EXPORT_PATH = `/organizer/c/${LIVE_SLUG}/pledges.csv`
const DOWNLOADERS = 40
const PAGE_CONNECTIONS = 10
const PORTS = { from: 3400, to: 3499 }
const EMAIL = 'bench-exports@example.org'
const PASSWORD = 'a long bench password, 0123456789'

interface Downloads {
  completed: number
  refused: number
  bytes: number
}

/** A viewer of the live campaign, created on the database before the server opens it. */
function createViewer(ctx: BenchContext) {
  const result = spawnSync('npx', ['tsx', 'db/cli/create-organizer.ts', '--email', EMAIL, '--campaign', LIVE_SLUG, '--role', 'viewer'], {
    cwd: ctx.root,
    env: { ...ctx.databaseEnv, NODE_ENV: 'development' },
    input: `${PASSWORD}\n`,
    encoding: 'utf8',
  })
  if (result.status !== 0 && !`${result.stdout}${result.stderr}`.includes('already')) {
    throw new Error(`Could not create the bench's organizer:\n${result.stdout}${result.stderr}`)
  }
}

async function signIn(baseUrl: string): Promise<string> {
  // No Origin header, as a script sends it (the bench connects to 127.0.0.1, not APP_URL's host).
  const response = await fetch(`${baseUrl}/organizer/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD }),
  })
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (response.status !== 302 || !cookie) throw new Error(`Signing in answered ${response.status}: ${(await response.text()).slice(0, 500)}`)
  return cookie
}

/** DOWNLOADERS clients fetching the pledges file over and over until `until`, as fast as they are let. */
async function download(url: string, cookie: string, until: number): Promise<Downloads> {
  const totals: Downloads = { completed: 0, refused: 0, bytes: 0 }
  const client = async () => {
    while (Date.now() < until) {
      const response = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(Math.max(1, until - Date.now())) }).catch(() => null)
      if (!response) return
      if (response.status === 429) {
        totals.refused += 1
        await response.body?.cancel()
        const retryAfter = Number(response.headers.get('retry-after') ?? 1) * 1000
        await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfter, Math.max(0, until - Date.now()))))
        continue
      }
      if (response.status !== 200) throw new Error(`The export answered ${response.status}: ${(await response.text()).slice(0, 500)}`)
      try {
        const reader = response.body!.getReader()
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) totals.bytes += chunk.value.length
        totals.completed += 1
      } catch {
        return // cut off at the end of the run
      }
    }
  }
  await Promise.all(Array.from({ length: DOWNLOADERS }, client))
  return totals
}

function line(label: string, m: WrkResult) {
  return `  ${label.padEnd(22)} p50 ${m.p50Ms.toFixed(1).padStart(6)} ms  p99 ${m.p99Ms.toFixed(1).padStart(6)} ms  ${m.requestsPerSecond.toFixed(0).padStart(6)} req/s  ${m.failures} failures`
}

/** The page under wrk, after a warm-up whose figures are thrown away. */
async function measure(url: string, load: { connections: number; durationSeconds: number; warmupSeconds: number }): Promise<WrkResult> {
  const wrk = { connections: load.connections, durationSeconds: load.durationSeconds, threads: 1 }
  if (load.warmupSeconds > 0) await runWrk(url, { ...wrk, durationSeconds: load.warmupSeconds })
  return runWrk(url, wrk)
}

export async function runExportsBench(ctx: BenchContext): Promise<void> {
  const { options } = ctx
  console.log('== Public page latency while exports run ==')
  requireWrk()
  createViewer(ctx)
  const server = await startServer(ctx, PORTS)
  try {
    const cookie = await signIn(server.baseUrl)
    const load = { connections: PAGE_CONNECTIONS, durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds }
    const pageUrl = `${server.baseUrl}${PAGE_PATH}`

    console.log(`Campaign page alone (${PAGE_CONNECTIONS} connections, ${options.durationSeconds} s)…`)
    const alone = await measure(pageUrl, load)

    console.log(`Campaign page while ${DOWNLOADERS} clients of one viewer download ${EXPORT_PATH} in a loop…`)
    const until = Date.now() + (options.warmupSeconds + options.durationSeconds + 1) * 1000
    const downloads = download(`${server.baseUrl}${EXPORT_PATH}`, cookie, until)
    const during = await measure(pageUrl, load)
    const exported = await downloads

    console.log(line('page, no export', alone))
    console.log(line('page, during exports', during))
    console.log(
      `  exports: ${exported.completed} files completed (${(exported.bytes / 1e6).toFixed(1)} MB), ${exported.refused} refused with 429` +
        ` · p50 ratio ${(during.p50Ms / Math.max(alone.p50Ms, 1)).toFixed(2)}, p99 ratio ${(during.p99Ms / Math.max(alone.p99Ms, 1)).toFixed(2)}\n`,
    )
  } finally {
    await stopChild(server.child)
  }
}
