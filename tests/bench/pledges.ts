import { randomBytes } from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import { startChild, stopChild } from './children'
import { describeCommand } from './options'
import { CAMPAIGN_SLUG, postgresDatabaseName, type QueueStatus, RESULT_PREFIX, type SqlBaselineResult } from './pledge-common'
import { allAccepted, measurePledges, type PledgeMeasurement, pledgeForm } from './pledge-load'
import { cores, dbCpu, PLEDGE_GOAL_RATIO, pledgesSection } from './pledge-report'
import { updateBenchmarksDoc } from './report'
import { type BenchContext, type RunningServer, startServer } from './server'

// Pledges accepted per second through the real HTTP action, against the same rows inserted
// with plain SQL in the same run. Rounds alternate: the SQL baseline (server stopped: a PGlite
// directory has one owner), then the HTTP run (server up, its mail sender working as usual).

const PLEDGE_PATH = `/c/${CAMPAIGN_SLUG}/pledge`
const PLEDGED_PATH = `/c/${CAMPAIGN_SLUG}/pledged`
const PORTS = { from: 3400, to: 3499 }
const ROUNDS = 2
const SQL_PLEDGES = 3000
const SQL_WARMUP_PLEDGES = 300

/** Runs pledge-db.ts against the run's database and returns its result. */
async function dbTask<T>(ctx: BenchContext, args: string[]): Promise<T> {
  const child = startChild('npx', ['tsx', 'tests/bench/pledge-db.ts', ...args], { cwd: ctx.root, env: { ...ctx.databaseEnv, NODE_ENV: 'development' } })
  const code = await child.exited
  const line = child.output().split('\n').findLast((l) => l.startsWith(RESULT_PREFIX))
  if (code !== 0 || !line) throw new Error(`pledge-db.ts ${args.join(' ')} failed (exit code ${code}):\n${child.output()}`)
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as T
}

/** The headers of a browser on the APP_URL origin (Remix checks Origin against Host too). */
function browserHeaders(server: RunningServer) {
  const appUrl = new URL(server.appUrl)
  return { 'content-type': 'application/x-www-form-urlencoded', origin: appUrl.origin, host: appUrl.host }
}

/** One pledge by hand first: a clear message if the action does not answer as expected. */
async function probe(server: RunningServer, emailPrefix: string): Promise<void> {
  const body = pledgeForm(`${emailPrefix}probe@example.org`, 1)
  const headers = { ...browserHeaders(server), 'x-forwarded-for': '192.0.2.1', 'content-length': String(Buffer.byteLength(body)) }
  // node:http, not fetch: fetch does not let a Host header through.
  const response = await new Promise<{ status: number; location: string | undefined; text: string }>((resolve, reject) => {
    const req = http.request(`${server.baseUrl}${PLEDGE_PATH}`, { method: 'POST', headers }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
  if (response.status !== 302 || response.location !== PLEDGED_PATH) {
    throw new Error(
      `POST ${PLEDGE_PATH} answered ${response.status} (location: ${response.location}), not 302 → ${PLEDGED_PATH}:\n` +
        `${response.text.slice(0, 2000)}\nServer output:\n${server.child.output()}`,
    )
  }
}

interface HttpRound {
  measurement: PledgeMeasurement
  queue: QueueStatus
}

async function httpRound(ctx: BenchContext, emailPrefix: string): Promise<HttpRound> {
  const server = await startServer(ctx, PORTS)
  let measurement: PledgeMeasurement
  try {
    await probe(server, emailPrefix)
    const target = { baseUrl: server.baseUrl, path: PLEDGE_PATH, headers: browserHeaders(server), expectedLocation: PLEDGED_PATH, emailPrefix }
    const postgresDatabase = ctx.databaseUrl ? postgresDatabaseName(ctx.databaseUrl) : undefined
    measurement = await measurePledges(target, ctx.options, { serverPid: server.child.process.pid ?? 0, postgresDatabase })
  } finally {
    await stopChild(server.child)
  }
  return { measurement, queue: await dbTask<QueueStatus>(ctx, ['queue', '--prefix', emailPrefix, '--until', measurement.endedAt]) }
}

function printSql(r: SqlBaselineResult) {
  console.log(
    `  Plain SQL    ${r.perSecond.toFixed(0).padStart(6)} pledges/s  p50 ${r.p50Ms.toFixed(0)} ms  p99 ${r.p99Ms.toFixed(0)} ms  max ${r.maxMs.toFixed(0)} ms` +
      `  CPU: child ${cores(r.cpu.process)}, ${dbCpu(r.cpu)}machine ${cores(r.cpu.machine)} cores`,
  )
}

function printHttp({ measurement: m, queue }: HttpRound) {
  const statuses = Object.entries(m.statuses).map(([status, count]) => `${count} × ${status}`).join(', ')
  console.log(
    `  HTTP action  ${m.pledgesPerSecond.toFixed(0).padStart(6)} pledges/s  p50 ${m.p50Ms.toFixed(0)} ms  p99 ${m.p99Ms.toFixed(0)} ms  max ${m.maxMs.toFixed(0)} ms` +
      `  CPU: server ${cores(m.cpu.process)}, load generator ${cores(m.cpu.self)}, ${dbCpu(m.cpu)}machine ${cores(m.cpu.machine)} cores`,
  )
  console.log(`    responses (warm-up included): ${statuses}; ${m.wrongRedirects} redirects elsewhere, ${m.errors} connection errors`)
  console.log(`    pledges stored: ${queue.pledgesStored}; their emails once the server stopped: ${JSON.stringify(queue.emails)}, ${queue.sentUnderLoad} sent under load`)
}

export async function runPledgeBench(ctx: BenchContext): Promise<void> {
  const { options } = ctx
  console.log('== Pledges: HTTP action vs. plain SQL ==')
  console.log(`Goal: pledges/s through HTTP ÷ plain SQL ≥ ${PLEDGE_GOAL_RATIO}.\n`)
  const runId = randomBytes(3).toString('hex')
  const sqlRuns: SqlBaselineResult[] = []
  const httpRuns: HttpRound[] = []
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`Round ${round}/${ROUNDS}: plain SQL (${SQL_PLEDGES} pledges after ${SQL_WARMUP_PLEDGES}, ${options.connections} workers)…`)
    const sqlArgs = ['--count', SQL_PLEDGES, '--warmup', SQL_WARMUP_PLEDGES, '--concurrency', options.connections].map(String)
    const sql = await dbTask<SqlBaselineResult>(ctx, ['baseline', ...sqlArgs, '--prefix', `bench-sql-${runId}-${round}-`])
    sqlRuns.push(sql)
    printSql(sql)
    console.log(`Round ${round}/${ROUNDS}: HTTP action (${options.warmupSeconds} s warm-up + ${options.durationSeconds} s measured, ${options.connections} connections)…`)
    const http = await httpRound(ctx, `bench-http-${runId}-${round}-`)
    httpRuns.push(http)
    printHttp(http)
  }

  const failed = httpRuns.filter((r) => !allAccepted(r.measurement))
  if (failed.length > 0) {
    const lines = failed.map(({ measurement: m }) => `  ${JSON.stringify(m.statuses)}, ${m.errors} errors; first failure: ${m.firstFailure}`)
    throw new Error(`Some pledges were not accepted (302 → ${PLEDGED_PATH}); docs/benchmarks.md was not updated:\n${lines.join('\n')}`)
  }
  const sql = sqlRuns.reduce((a, b) => (b.perSecond > a.perSecond ? b : a))
  const http = httpRuns.reduce((a, b) => (b.measurement.pledgesPerSecond > a.measurement.pledgesPerSecond ? b : a))
  const section = pledgesSection({
    command: describeCommand(options, ctx.databaseUrl),
    date: new Date(),
    machine: ctx.machine,
    database: ctx.database,
    seededPledges: options.pledges,
    load: { connections: options.connections, durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds, rounds: ROUNDS },
    sqlRun: { pledges: SQL_PLEDGES, warmup: SQL_WARMUP_PLEDGES },
    http: http.measurement,
    queue: http.queue,
    sql,
  })
  console.log(`\n${section}\n`)
  updateBenchmarksDoc(path.join(ctx.root, 'docs/benchmarks.md'), 'pledges', section)
  console.log('docs/benchmarks.md updated.')
}
