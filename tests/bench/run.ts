import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Child, findFreePort, killAllChildrenNow, runChild, startChild, stopAllChildren, stopChild } from './children'
import { best, type Measurement, measure } from './load'
import { describeCommand, parseOptions, redactUrl } from './options'
import { campaignPageSection, GOAL_PLEDGES, GOAL_RATIO, goalVerdict, type Report, updateBenchmarksDoc } from './report'

// npm run bench: the campaign page against a static file of the same size, on a database with
// many pledges (1,000,000 by default). See docs/benchmarks.md.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const CAMPAIGN_PATH = '/c/amazon-customer-due-diligence'
const STATIC_DIR = path.join(ROOT, 'public/__bench')
const STATIC_PATH = '/__bench/page.html'
const RUNS_PER_TARGET = 2
const HEALTH_TIMEOUT_MS = 120_000

const options = (() => {
  try {
    return parseOptions(process.argv.slice(2), process.env)
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
})()
const databaseUrl = process.env.DATABASE_URL || undefined
let tempDir: string | undefined

// ---- Cleanup: children never outlive the benchmark, and nothing is left behind. ----

let interrupted = false
let cleaning: Promise<void> | undefined
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await stopAllChildren()
    rmSync(STATIC_DIR, { recursive: true, force: true })
    if (tempDir) rmSync(tempDir, { recursive: true, force: true })
  })()
  return cleaning
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
  process.on(signal, () => {
    interrupted = true
    console.error(`\n${signal} received: stopping.`)
    void cleanup().finally(() => process.exit(code))
  })
}
process.on('exit', () => {
  killAllChildrenNow()
  rmSync(STATIC_DIR, { recursive: true, force: true })
})

// ---- Steps ----

async function seed(env: NodeJS.ProcessEnv): Promise<number> {
  console.log(`Seeding ${options.pledges.toLocaleString('en-US')} pledges…`)
  const started = performance.now()
  await runChild('npx', ['tsx', 'db/cli/seed.ts', '--pledges', String(options.pledges)], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: 'development' },
  })
  const seconds = (performance.now() - started) / 1000
  console.log(`Seeded in ${seconds.toFixed(1)} s (wall clock, including start-up and migrations).`)
  return seconds
}

async function waitForHealthy(baseUrl: string, server: Child): Promise<void> {
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

async function getBody(url: string): Promise<Buffer> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } })
  const body = Buffer.from(await response.arrayBuffer())
  if (response.status !== 200) throw new Error(`GET ${url} returned ${response.status}:\n${body.toString('utf8').slice(0, 2000)}`)
  return body
}

/** Writes a copy of the page as a static file: same size, same content type. */
async function prepareStaticTwin(baseUrl: string): Promise<number> {
  const page = await getBody(`${baseUrl}${CAMPAIGN_PATH}`)
  mkdirSync(STATIC_DIR, { recursive: true })
  writeFileSync(path.join(STATIC_DIR, 'page.html'), page)
  const served = await getBody(`${baseUrl}${STATIC_PATH}`)
  if (served.length !== page.length) throw new Error(`The static file is ${served.length} bytes, the page ${page.length}.`)
  return page.length
}

function databaseDescription(): string {
  if (databaseUrl) {
    const url = new URL(redactUrl(databaseUrl))
    return `PostgreSQL (${url.host}${url.pathname})`
  }
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }
  return `PGlite ${pkg.version} (embedded, in the server process)`
}

function printMeasurements(rows: Array<{ target: string; measurement: Measurement }>) {
  for (const { target, measurement: m } of rows) {
    console.log(
      `  ${target.padEnd(14)} ${m.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${m.p50Ms} ms  p99 ${m.p99Ms} ms` +
        `  ${m.responses} responses, ${m.non2xx} non-2xx, ${m.errors} errors`,
    )
  }
}

async function main(): Promise<void> {
  const machine = { cores: os.cpus().length, model: os.cpus()[0]?.model.trim() ?? 'unknown', node: process.version }
  const database = databaseDescription()
  console.log(`Machine: ${machine.cores} cores (${machine.model}), Node ${machine.node}. Database: ${database}.`)
  console.log(`Goal: ratio page ÷ static ≥ ${GOAL_RATIO} at ${GOAL_PLEDGES.toLocaleString('en-US')} pledges.\n`)

  tempDir = mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-'))
  const sessionSecret = randomBytes(32).toString('hex')
  const databaseEnv: NodeJS.ProcessEnv = databaseUrl
    ? { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: tempDir, SESSION_SECRET: sessionSecret }
    : { ...process.env, PGLITE_DIR: path.join(tempDir, 'pglite'), DATA_DIR: tempDir, SESSION_SECRET: sessionSecret }

  const seedSeconds = await seed(databaseEnv)

  const port = await findFreePort(3300, 3399)
  const baseUrl = `http://127.0.0.1:${port}`
  const server = startChild('node', ['build/index.js'], {
    cwd: ROOT,
    env: { ...databaseEnv, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', APP_URL: `http://localhost:${port}` },
  })
  await waitForHealthy(baseUrl, server)
  console.log(`Server up on port ${port}.`)

  const bodyBytes = await prepareStaticTwin(baseUrl)
  console.log(`Campaign page: ${bodyBytes} bytes; static twin written to public/__bench/page.html.\n`)

  const targets = [
    { target: 'Static file', url: `${baseUrl}${STATIC_PATH}` },
    { target: 'Campaign page', url: `${baseUrl}${CAMPAIGN_PATH}` },
  ]
  const runs = new Map<string, Measurement[]>(targets.map((t) => [t.target, []]))
  for (let round = 1; round <= RUNS_PER_TARGET; round++) {
    for (const { target, url } of targets) {
      console.log(`Run ${round}/${RUNS_PER_TARGET}: ${target} (${options.warmupSeconds} s warm-up, ${options.durationSeconds} s)…`)
      const measurement = await measure(url, options)
      runs.get(target)?.push(measurement)
      printMeasurements([{ target, measurement }])
    }
  }
  await stopChild(server)

  const rows = targets.map(({ target }) => ({ target, measurement: best(runs.get(target) ?? []) }))
  const [staticRow, pageRow] = rows
  if (!staticRow || !pageRow) throw new Error('Missing measurements.')
  const report: Report = {
    command: describeCommand(options, databaseUrl),
    date: new Date(),
    machine,
    database,
    pledges: options.pledges,
    seedSeconds,
    bodyBytes,
    load: { connections: options.connections, durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds, runsPerTarget: RUNS_PER_TARGET },
    rows,
    ratio: pageRow.measurement.requestsPerSecond / staticRow.measurement.requestsPerSecond,
  }
  const section = campaignPageSection(report)
  console.log(`\n${section}\n`)

  const failed = [...runs.values()].flat().filter((m) => m.non2xx > 0 || m.errors > 0)
  if (failed.length > 0) {
    const lines = failed.map((m) => `  ${m.url}: ${m.non2xx} non-2xx responses, ${m.errors} errors`)
    throw new Error(`Some requests failed; docs/benchmarks.md was not updated:\n${lines.join('\n')}`)
  }
  updateBenchmarksDoc(path.join(ROOT, 'docs/benchmarks.md'), section)
  console.log(`docs/benchmarks.md updated. ${goalVerdict(report).replaceAll('**', '')}`)
}

try {
  await main()
} catch (error) {
  if (!interrupted) console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  await cleanup()
}
process.exit()
