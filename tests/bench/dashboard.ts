import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { type Child, findFreePort, killAllChildrenNow, runChild, startChild, stopAllChildren, stopChild } from './children'
import { waitForHealthy } from './server'

// npx tsx tests/bench/dashboard.ts [--sizes 1000,1000000] [--requests 200] [--load-seconds 10]
//
// The organizer dashboard must cost the same whatever the number of pledges: it reads only the
// tables kept by triggers (pledge_stats_daily, pledge_broker_stats, pledge_status_counts). For
// each size this seeds a fresh database (a PGlite temp dir, or DATABASE_URL if set), creates a
// viewer organizer, starts the production build (`npx remix build` first), signs in, times
// sequential GETs of the dashboard, then a short autocannon run, and prints the ratio of the
// largest size to the smallest (goal: at most 2). It prints a section for docs/benchmarks.md
// but never writes the file.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const SLUG = 'amazon-customer-due-diligence'
const PATH = `/organizer/c/${SLUG}`
const PORTS = { from: 3500, to: 3599 }
const WARMUP_REQUESTS = 20

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,1000000' },
    requests: { type: 'string', default: '200' },
    'load-seconds': { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
})
const sizes = values.sizes.split(',').map((s) => Number(s.trim()))
const requests = Number(values.requests)
const loadSeconds = Number(values['load-seconds'])
const connections = Number(values.connections)
if (sizes.length < 1 || sizes.some((n) => !Number.isInteger(n) || n < 0) || !Number.isInteger(requests) || requests < 1 || !(loadSeconds >= 0)) {
  console.error('Usage: npx tsx tests/bench/dashboard.ts [--sizes 1000,1000000] [--requests 200] [--load-seconds 10] [--connections 10]')
  process.exit(1)
}
const databaseUrl = process.env.DATABASE_URL || undefined

// ---- Cleanup: no child outlives the benchmark, no temp dir is left behind. ----

const tempDirs: string[] = []
let cleaning: Promise<void> | undefined
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await stopAllChildren()
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
  })()
  return cleaning
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.on(signal, () => {
    console.error(`\n${signal} received: stopping.`)
    void cleanup().finally(() => process.exit(code))
  })
}
process.on('exit', () => killAllChildrenNow())

// ---- Steps ----

/** create-organizer reads the password from standard input when it is not a terminal. */
function createOrganizer(env: NodeJS.ProcessEnv, email: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ['tsx', 'db/cli/create-organizer.ts', '--email', email, '--campaign', SLUG, '--role', 'viewer']
    const child = spawn('npx', args, { cwd: ROOT, env, stdio: ['pipe', 'inherit', 'inherit'] })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`create-organizer failed (exit code ${code}).`))))
    child.stdin.end(`${password}\n`)
  })
}

/** POSTs the login form as a browser would (same origin) and returns the session cookie. */
async function signIn(baseUrl: string, appUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/organizer/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: appUrl },
    body: new URLSearchParams({ email, password, redirectTo: PATH }).toString(),
  })
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__quorum_session='))
  if (response.status !== 302 || !cookie) throw new Error(`Sign-in failed: HTTP ${response.status}.`)
  return cookie.split(';')[0]!
}

async function timeOne(url: string, cookie: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now()
  const response = await fetch(url, { headers: { cookie } })
  const body = await response.text()
  const ms = performance.now() - started
  if (response.status !== 200 || !body.includes('Support over time')) throw new Error(`GET ${PATH} answered HTTP ${response.status} without the dashboard.`)
  return { ms, bytes: body.length }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

interface Prepared {
  pledges: number
  seedSeconds: number
  env: NodeJS.ProcessEnv
  email: string
  password: string
}

interface Running extends Prepared {
  server: Child
  url: string
  cookie: string
  times: number[]
  bodyBytes: number
  requestsPerSecond: number | null
  loadP99Ms: number | null
}

interface Result {
  pledges: number
  seedSeconds: number
  meanMs: number
  p50Ms: number
  p99Ms: number
  bodyBytes: number
  requestsPerSecond: number | null
  loadP99Ms: number | null
}

/** Seeds a database with `pledges` pledges and creates the viewer organizer on it. */
async function prepare(pledges: number, runId: string): Promise<Prepared> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quorum-dashboard-bench-'))
  tempDirs.push(dir)
  const sessionSecret = randomBytes(32).toString('hex')
  const { DATABASE_URL: _unused, ...inherited } = process.env
  const env: NodeJS.ProcessEnv = databaseUrl
    ? { ...inherited, DATABASE_URL: databaseUrl, DATA_DIR: dir, SESSION_SECRET: sessionSecret }
    : { ...inherited, PGLITE_DIR: path.join(dir, 'pglite'), DATA_DIR: dir, SESSION_SECRET: sessionSecret }
  // A database shared by several sizes (DATABASE_URL) needs a new organizer each time.
  const email = databaseUrl ? `bench+${runId}-${pledges}@example.org` : 'bench@example.org'
  const password = randomBytes(18).toString('base64url')

  console.log(`\n== ${pledges.toLocaleString('en-US')} pledges ==`)
  const seedStarted = performance.now()
  await runChild('npx', ['tsx', 'db/cli/seed.ts', '--pledges', String(pledges)], { cwd: ROOT, env: { ...env, NODE_ENV: 'development' } })
  const seedSeconds = (performance.now() - seedStarted) / 1000
  await createOrganizer({ ...env, NODE_ENV: 'development' }, email, password)
  return { pledges, seedSeconds, env, email, password }
}

async function start(prepared: Prepared): Promise<Running> {
  const port = await findFreePort(PORTS.from, PORTS.to)
  // APP_URL is the address the benchmark uses: Remix refuses a POST whose Origin is not its Host.
  const baseUrl = `http://127.0.0.1:${port}`
  const server = startChild('node', ['build/index.js'], {
    cwd: ROOT,
    env: { ...prepared.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', APP_URL: baseUrl, MAIL_TRANSPORT: 'outbox' },
  })
  await waitForHealthy(baseUrl, server)
  const cookie = await signIn(baseUrl, baseUrl, prepared.email, prepared.password)
  const url = `${baseUrl}${PATH}`
  for (let i = 0; i < WARMUP_REQUESTS; i++) await timeOne(url, cookie)
  return { ...prepared, server, url, cookie, times: [], bodyBytes: 0, requestsPerSecond: null, loadP99Ms: null }
}

async function timeSequential(target: Running, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const { ms, bytes } = await timeOne(target.url, target.cookie)
    target.times.push(ms)
    target.bodyBytes = bytes
  }
}

async function load(target: Running): Promise<void> {
  if (loadSeconds <= 0) return
  const result = await autocannon({ url: target.url, connections, duration: loadSeconds, headers: { cookie: target.cookie } })
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`autocannon: ${result.non2xx} non-2xx responses, ${result.errors} errors.`)
  target.requestsPerSecond = result.requests.average
  target.loadP99Ms = result.latency.p99
}

function summarize(target: Running): Result {
  const times = [...target.times].sort((a, b) => a - b)
  const result = {
    pledges: target.pledges,
    seedSeconds: target.seedSeconds,
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    bodyBytes: target.bodyBytes,
    requestsPerSecond: target.requestsPerSecond,
    loadP99Ms: target.loadP99Ms,
  }
  console.log(
    `${result.pledges.toLocaleString('en-US')} pledges, ${times.length} sequential GETs: mean ${result.meanMs.toFixed(1)} ms, ` +
      `p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms` +
      (result.requestsPerSecond !== null ? `; autocannon ${connections} connections × ${loadSeconds} s: ${result.requestsPerSecond.toFixed(0)} requests/s` : ''),
  )
  return result
}

const ROUNDS = 10

/**
 * On PGlite every size has its own database, so all the servers run at once and the rounds
 * alternate between them: whatever else the machine is doing weighs on every size alike.
 * One PostgreSQL database (DATABASE_URL) holds one size at a time, so there they run in turn.
 */
async function benchAll(runId: string): Promise<Result[]> {
  if (databaseUrl) {
    const results: Result[] = []
    for (const size of sizes) {
      const target = await start(await prepare(size, runId))
      try {
        await timeSequential(target, requests)
        await load(target)
        results.push(summarize(target))
      } finally {
        await stopChild(target.server)
      }
    }
    return results
  }
  const prepared: Prepared[] = []
  for (const size of sizes) prepared.push(await prepare(size, runId))
  const targets: Running[] = []
  try {
    for (const p of prepared) targets.push(await start(p))
    console.log(`\nTiming ${requests} GETs per size in ${ROUNDS} alternating rounds…`)
    const perRound = Math.ceil(requests / ROUNDS)
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse()
      for (const target of order) await timeSequential(target, Math.min(perRound, requests - target.times.length))
    }
    for (const target of targets) await load(target)
    return targets.map(summarize)
  } finally {
    for (const target of targets) await stopChild(target.server)
  }
}

// ---- Report ----

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })

function databaseDescription(): string {
  if (databaseUrl) {
    const url = new URL(databaseUrl)
    return `PostgreSQL (${url.host}${url.pathname})`
  }
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }
  return `PGlite ${pkg.version} (embedded, in the server process)`
}

function report(results: Result[]): string {
  const small = results[0]!
  const large = results[results.length - 1]!
  const ratio = large.meanMs / small.meanMs
  const cpus = os.cpus()
  const withLoad = results.every((r) => r.requestsPerSecond !== null)
  const rows = results.map(
    (r) =>
      `| ${r.pledges.toLocaleString('en-US')} | ${fmt(r.seedSeconds)} | ${fmt(r.meanMs)} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} |` +
      (withLoad ? ` ${fmt(r.requestsPerSecond!, 0)} | ${fmt(r.loadP99Ms!, 0)} |` : '') +
      ` ${r.bodyBytes.toLocaleString('en-US')} |`,
  )
  const ratioRow =
    `| Ratio ${large.pledges.toLocaleString('en-US')} ÷ ${small.pledges.toLocaleString('en-US')} | | **${fmt(ratio, 2)}** | ${fmt(large.p50Ms / small.p50Ms, 2)} | ${fmt(large.p99Ms / small.p99Ms, 2)} |` +
    (withLoad ? ` ${fmt(large.requestsPerSecond! / small.requestsPerSecond!, 2)} | |` : '') +
    ' |'
  return [
    '<!-- bench:dashboard:start -->',
    '## Organizer dashboard at 1k and 1M pledges',
    '',
    `Load time of the organizer dashboard (\`${PATH}\`, signed in as a viewer) on a database seeded with`,
    'each number of pledges. The dashboard reads only the tables kept by triggers, never `pledges`.',
    '',
    '- Command: `npx remix build && npx tsx tests/bench/dashboard.ts`',
    `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), Node ${process.version}`,
    `- Database: ${databaseDescription()}, ${databaseUrl ? 'one size after the other' : 'a fresh one per size, all servers running at once'}`,
    `- Load: ${WARMUP_REQUESTS} warm-up requests, then ${requests} sequential GETs timed to the last byte` +
      (databaseUrl ? '' : ` (${ROUNDS} rounds alternating between the sizes)`) +
      (withLoad ? `; then autocannon, ${connections} connections for ${loadSeconds} s per size` : ''),
    '',
    `| Pledges | Seeded in (s) | Mean (ms) | p50 (ms) | p99 (ms) |${withLoad ? ' Requests/s | p99 under load (ms) |' : ''} Body bytes |`,
    `| ---: | ---: | ---: | ---: | ---: |${withLoad ? ' ---: | ---: |' : ''} ---: |`,
    ...rows,
    ratioRow,
    '',
    `Ratio of mean load times: **${fmt(ratio, 2)}**. Goal: at most 2: **${ratio <= 2 ? 'met' : 'not met'}**.`,
    '<!-- bench:dashboard:end -->',
  ].join('\n')
}

try {
  const runId = randomBytes(4).toString('hex')
  const results = await benchAll(runId)
  console.log(`\n${report(results)}\n`)
  console.log('(For docs/benchmarks.md: this script prints the section and never writes the file.)')
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
} finally {
  await cleanup()
}
