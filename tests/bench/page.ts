import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { stopChild } from './children'
import { best, type Measurement, measure } from './load'
import { describeCommand } from './options'
import { campaignPageSection, GOAL_PLEDGES, GOAL_RATIO, goalVerdict, type Report, updateBenchmarksDoc } from './report'
import { type BenchContext, startServer } from './server'

// The campaign page against a static file of the same size, on a database with many pledges
// (1,000,000 by default). See docs/benchmarks.md.

const CAMPAIGN_PATH = '/c/amazon-customer-due-diligence'
export const STATIC_SUBDIR = 'public/__bench'
const STATIC_PATH = '/__bench/page.html'
const RUNS_PER_TARGET = 2
const PORTS = { from: 3300, to: 3399 }

async function getBody(url: string): Promise<Buffer> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } })
  const body = Buffer.from(await response.arrayBuffer())
  if (response.status !== 200) throw new Error(`GET ${url} returned ${response.status}:\n${body.toString('utf8').slice(0, 2000)}`)
  return body
}

/** Writes a copy of the page as a static file: same size, same content type. */
async function prepareStaticTwin(root: string, baseUrl: string): Promise<number> {
  const page = await getBody(`${baseUrl}${CAMPAIGN_PATH}`)
  const dir = path.join(root, STATIC_SUBDIR)
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'page.html'), page)
  const served = await getBody(`${baseUrl}${STATIC_PATH}`)
  if (served.length !== page.length) throw new Error(`The static file is ${served.length} bytes, the page ${page.length}.`)
  return page.length
}

function printMeasurement(target: string, m: Measurement) {
  console.log(
    `  ${target.padEnd(14)} ${m.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${m.p50Ms} ms  p99 ${m.p99Ms} ms` +
      `  ${m.responses} responses, ${m.non2xx} non-2xx, ${m.errors} errors`,
  )
}

export async function runPageBench(ctx: BenchContext): Promise<void> {
  const { options } = ctx
  console.log('== Campaign page vs. static file ==')
  console.log(`Goal: ratio page ÷ static ≥ ${GOAL_RATIO} at ${GOAL_PLEDGES.toLocaleString('en-US')} pledges.`)
  const server = await startServer(ctx, PORTS)
  console.log(`Server up on port ${server.port}.`)
  const bodyBytes = await prepareStaticTwin(ctx.root, server.baseUrl)
  console.log(`Campaign page: ${bodyBytes} bytes; static twin written to ${STATIC_SUBDIR}/page.html.\n`)

  const targets = [
    { target: 'Static file', url: `${server.baseUrl}${STATIC_PATH}` },
    { target: 'Campaign page', url: `${server.baseUrl}${CAMPAIGN_PATH}` },
  ]
  const runs = new Map<string, Measurement[]>(targets.map((t) => [t.target, []]))
  for (let round = 1; round <= RUNS_PER_TARGET; round++) {
    for (const { target, url } of targets) {
      console.log(`Run ${round}/${RUNS_PER_TARGET}: ${target} (${options.warmupSeconds} s warm-up, ${options.durationSeconds} s)…`)
      const measurement = await measure(url, options)
      runs.get(target)?.push(measurement)
      printMeasurement(target, measurement)
    }
  }
  await stopChild(server.child)

  const rows = targets.map(({ target }) => ({ target, measurement: best(runs.get(target) ?? []) }))
  const [staticRow, pageRow] = rows
  if (!staticRow || !pageRow) throw new Error('Missing measurements.')
  const report: Report = {
    command: describeCommand(options, ctx.databaseUrl),
    date: new Date(),
    machine: ctx.machine,
    database: ctx.database,
    pledges: options.pledges,
    seedSeconds: ctx.seedSeconds,
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
  updateBenchmarksDoc(path.join(ctx.root, 'docs/benchmarks.md'), 'campaign-page', section)
  console.log(`docs/benchmarks.md updated. ${goalVerdict(report).replaceAll('**', '')}\n`)
}
