import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { findFreePort, runChild, startChild, stopChild } from './children'
import { describeCommand } from './options'
import { campaignPageSection, type PageReport, type RenderTimes, updateBenchmarksDoc } from './report'
import { type BenchContext, startServer } from './server'
import { requireWrk, runWrk, type WrkResult } from './wrk'

// The campaign page against its own bytes from a bare node:http server, under wrk, at many
// pledges (1,000,000 by default), with and without brotli; and what a render costs at 1,000
// pledges and at that many. See docs/benchmarks.md.

const CAMPAIGN_PATH = '/c/amazon-customer-due-diligence'
const PORTS = { from: 3300, to: 3399 }
const ROUNDS = 3
const SMALL_PLEDGES = 1000
const RENDERS = 10
const ENCODINGS = [
  { name: 'identity', headers: {} },
  { name: 'br', headers: { 'accept-encoding': 'gzip, deflate, br' } },
] as const

interface Raw {
  status: number
  head: string[]
  body: Buffer
  ms: number
}

/** One GET, its body as sent (not decoded) and its raw headers. */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, head: res.rawHeaders, body: Buffer.concat(chunks), ms: performance.now() - started }))
    })
    req.on('error', reject)
    req.end()
  })
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** The first render after start (cold), then renders that skip the shared copy (a query string). */
async function measureRenders(baseUrl: string): Promise<RenderTimes> {
  const cold = await get(`${baseUrl}${CAMPAIGN_PATH}`)
  if (cold.status !== 200) throw new Error(`GET ${CAMPAIGN_PATH} returned ${cold.status}: ${cold.body.toString('utf8').slice(0, 500)}`)
  const renders: number[] = []
  for (let i = 0; i < RENDERS; i++) renders.push((await get(`${baseUrl}${CAMPAIGN_PATH}?render=${i}`)).ms)
  return { coldMs: cold.ms, renderMs: median(renders) }
}

/** A database of its own with SMALL_PLEDGES pledges: a PGlite directory, or a PostgreSQL database beside the run's. */
async function withSmallDatabase<T>(ctx: BenchContext, work: (env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  if (!ctx.databaseUrl) return work({ ...ctx.databaseEnv, PGLITE_DIR: path.join(String(ctx.databaseEnv.DATA_DIR), 'pglite-small') })
  const url = new URL(ctx.databaseUrl)
  const name = `${url.pathname.slice(1)}_small`
  const admin = new pg.Client({ connectionString: ctx.databaseUrl })
  await admin.connect()
  await admin.query(`drop database if exists "${name}"`)
  await admin.query(`create database "${name}"`)
  url.pathname = `/${name}`
  try {
    return await work({ ...ctx.databaseEnv, DATABASE_URL: url.toString() })
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`)
    await admin.end()
  }
}

async function renderTimesAtSmallSize(ctx: BenchContext): Promise<RenderTimes> {
  return withSmallDatabase(ctx, async (env) => {
    await runChild('npx', ['tsx', 'db/cli/seed.ts', '--pledges', String(SMALL_PLEDGES)], { cwd: ctx.root, env: { ...env, NODE_ENV: 'development' } })
    const server = await startServer({ ...ctx, databaseEnv: env }, PORTS)
    try {
      return await measureRenders(server.baseUrl)
    } finally {
      await stopChild(server.child)
    }
  })
}

/** Writes the page's bytes and headers in each coding for bare-server.ts; returns the body sizes. */
async function capturePage(url: string, dir: string): Promise<Record<string, number>> {
  mkdirSync(dir, { recursive: true })
  const sizes: Record<string, number> = {}
  for (const { name, headers } of ENCODINGS) {
    const page = await get(url, headers)
    // Date and Connection are the server's own, per response; node:http writes them itself.
    const pairs: string[] = []
    for (let i = 0; i < page.head.length; i += 2) {
      if (!/^(date|connection|keep-alive)$/i.test(page.head[i]!)) pairs.push(page.head[i]!, page.head[i + 1]!)
    }
    writeFileSync(path.join(dir, `${name}.headers.json`), JSON.stringify(pairs))
    writeFileSync(path.join(dir, `${name}.body`), page.body)
    sizes[name] = page.body.length
  }
  return sizes
}

async function startBareServer(ctx: BenchContext, dir: string) {
  const port = await findFreePort(PORTS.from, PORTS.to)
  const child = startChild('npx', ['tsx', 'tests/bench/bare-server.ts', dir, String(port)], { cwd: ctx.root, env: process.env })
  const url = `http://127.0.0.1:${port}${CAMPAIGN_PATH}`
  for (let i = 0; i < 200; i++) {
    if (await get(url).then((r) => r.status === 200, () => false)) return { child, url }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`The bare server did not answer:\n${child.output()}`)
}

/** The 1-minute load average every second while `work` runs. */
async function sampleLoad<T>(work: () => Promise<T>): Promise<{ result: T; load: number[] }> {
  const load = [os.loadavg()[0]!]
  const timer = setInterval(() => load.push(os.loadavg()[0]!), 1000)
  try {
    return { result: await work(), load }
  } finally {
    clearInterval(timer)
  }
}

export async function runPageBench(ctx: BenchContext): Promise<void> {
  requireWrk()
  const { options } = ctx
  const engine = ctx.databaseUrl ? 'PostgreSQL' : 'PGlite'
  console.log(`== Campaign page vs. its own bytes from bare node:http (${engine}) ==`)

  console.log(`Render times at ${SMALL_PLEDGES.toLocaleString('en-US')} pledges (a database of their own)…`)
  const small = await renderTimesAtSmallSize(ctx)
  console.log(`  first request ${small.coldMs.toFixed(1)} ms; uncached render ${small.renderMs.toFixed(1)} ms`)

  const server = await startServer(ctx, PORTS)
  const pageUrl = `${server.baseUrl}${CAMPAIGN_PATH}`
  const large = await measureRenders(server.baseUrl)
  console.log(`At ${options.pledges.toLocaleString('en-US')} pledges: first request ${large.coldMs.toFixed(1)} ms; uncached render ${large.renderMs.toFixed(1)} ms`)
  const captureDir = path.join(String(ctx.databaseEnv.DATA_DIR), 'page')
  const bodyBytes = await capturePage(pageUrl, captureDir)
  const bare = await startBareServer(ctx, captureDir)
  for (const { name, headers } of ENCODINGS) {
    const [a, b] = await Promise.all([get(pageUrl, headers), get(bare.url, headers)])
    if (!a.body.equals(b.body)) throw new Error(`The bare server's ${name} body differs from the page's.`)
  }

  const targets = ENCODINGS.flatMap(({ name, headers }) => [
    { target: 'bare node:http', encoding: name, url: bare.url, headers },
    { target: 'campaign page', encoding: name, url: pageUrl, headers },
  ])
  const runs = new Map<string, WrkResult[]>(targets.map((t) => [`${t.target}|${t.encoding}`, []]))
  const wrk = { connections: options.connections, durationSeconds: options.durationSeconds, threads: 2 }
  const { load } = await sampleLoad(async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const { target, encoding, url, headers } of targets) {
        if (options.warmupSeconds > 0) await runWrk(url, { ...wrk, durationSeconds: options.warmupSeconds, headers })
        const result = await runWrk(url, { ...wrk, headers })
        runs.get(`${target}|${encoding}`)!.push(result)
        console.log(
          `Round ${round}/${ROUNDS} ${target.padEnd(14)} ${encoding.padEnd(8)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s` +
            `  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  load ${os.loadavg()[0]!.toFixed(2)}`,
        )
      }
    }
  })
  await stopChild(bare.child)
  await stopChild(server.child)

  const failed = [...runs.entries()].filter(([, results]) => results.some((r) => r.failures > 0))
  if (failed.length > 0) throw new Error(`Some requests failed (${failed.map(([key]) => key).join(', ')}); docs/benchmarks.md was not updated.`)

  const report: PageReport = {
    engine,
    command: describeCommand(options, ctx.databaseUrl),
    date: new Date(),
    machine: ctx.machine,
    database: ctx.database,
    pledges: options.pledges,
    smallPledges: SMALL_PLEDGES,
    seedSeconds: ctx.seedSeconds,
    wrk: { ...wrk, warmupSeconds: options.warmupSeconds, rounds: ROUNDS },
    load,
    bodyBytes,
    runs,
    renders: { small, large },
  }
  const section = campaignPageSection(report)
  console.log(`\n${section}\n`)
  updateBenchmarksDoc(path.join(ctx.root, 'docs/benchmarks.md'), `campaign-page-${engine.toLowerCase()}`, section)
  console.log('docs/benchmarks.md updated.')
}
