import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { Machine } from './server'
import type { WrkResult } from './wrk'

// The Markdown printed at the end of a run and kept in docs/benchmarks.md.

export const GOAL_RATIO = 0.5
export const GOAL_P99_MS = 20
export const GOAL_RENDER_RATIO = 2
export const GOAL_PLEDGES = 1_000_000

export interface RenderTimes {
  /** The first GET of the page after the server started: nothing cached, nothing warm. */
  coldMs: number
  /** Median of GETs with a query string, each a full render through Express. */
  renderMs: number
}

export interface PageReport {
  engine: string
  command: string
  date: Date
  machine: Machine
  database: string
  pledges: number
  smallPledges: number
  seedSeconds: number
  wrk: { connections: number; durationSeconds: number; threads: number; warmupSeconds: number; rounds: number }
  /** The 1-minute load average, sampled every second during the wrk runs. */
  load: number[]
  bodyBytes: Record<string, number>
  /** wrk results by "target|encoding", one per round. */
  runs: Map<string, WrkResult[]>
  renders: { small: RenderTimes; large: RenderTimes }
}

const INTRO = `# Benchmarks

Benchmarks run with \`npm run bench\` (arguments after \`--\`, e.g. \`npm run bench -- --pledges 100000\`).
Figures are ratios against a baseline measured in the same run. The machine has 2 cores shared by the
load generator and the server, so absolute numbers are indicative only.
`

export const round = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const verdict = (met: boolean) => (met ? '**met**' : '**not met**')

export function campaignPageSection(report: PageReport): string {
  const { machine, wrk } = report
  const medianOf = (key: string) => {
    const runs = report.runs.get(key) ?? []
    return { rps: median(runs.map((r) => r.requestsPerSecond)), p50: median(runs.map((r) => r.p50Ms)), p99: median(runs.map((r) => r.p99Ms)), all: runs }
  }
  const rows: string[] = []
  const goals: string[] = []
  for (const encoding of ['identity', 'br']) {
    const bare = medianOf(`bare node:http|${encoding}`)
    const page = medianOf(`campaign page|${encoding}`)
    const label = encoding === 'br' ? '`br` (Accept-Encoding: gzip, deflate, br)' : 'none (identity)'
    for (const [target, m] of [['bare node:http', bare], ['campaign page', page]] as const) {
      rows.push(`| ${target} | ${label} | ${round(report.bodyBytes[encoding] ?? 0)} | ${round(m.rps)} | ${m.p50.toFixed(2)} | ${m.p99.toFixed(2)} | ${m.all.map((r) => round(r.requestsPerSecond)).join(' · ')} |`)
    }
    const ratio = page.rps / bare.rps
    goals.push(
      `- ${encoding === 'br' ? 'Brotli' : 'Uncompressed'}: page ÷ bare = **${ratio.toFixed(2)}** (goal ≥ ${GOAL_RATIO}: ${verdict(ratio >= GOAL_RATIO)}); ` +
        `page p99 **${page.p99.toFixed(1)} ms** (goal ≤ ${GOAL_P99_MS} ms: ${verdict(page.p99 <= GOAL_P99_MS)}).`,
    )
  }
  const { small, large } = report.renders
  const coldRatio = large.coldMs / small.coldMs
  const renderRatio = large.renderMs / small.renderMs
  goals.push(
    `- Render at ${round(report.pledges)} ÷ at ${round(report.smallPledges)} pledges: first request **${coldRatio.toFixed(2)}**, ` +
      `uncached render **${renderRatio.toFixed(2)}** (goal ≤ ${GOAL_RENDER_RATIO}: ${verdict(coldRatio <= GOAL_RENDER_RATIO && renderRatio <= GOAL_RENDER_RATIO)}).`,
  )
  const scale = report.pledges >= GOAL_PLEDGES ? '' : ` NOTE: measured at ${round(report.pledges)} pledges, not ${round(GOAL_PLEDGES)}.`
  const load = report.load
  return [
    `## Campaign page vs. its own bytes from bare node:http (${report.engine})`,
    '',
    `The live demo campaign page (\`/c/amazon-customer-due-diligence\`) served by Quorum against the same bytes and`,
    'headers (captured from it) served by a bare `node:http` server, the physical limit of the same work on this machine.',
    '',
    `- Command: \`${report.command}\``,
    `- Date: ${report.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- Machine: ${machine.cores} cores (${machine.model}), Node ${machine.node}, shared by wrk, the server and, on PostgreSQL, the database`,
    `- Load average (1 min) during the wrk runs: ${load[0]!.toFixed(2)} at the start, mean ${(load.reduce((a, b) => a + b, 0) / load.length).toFixed(2)}, ` +
      `max ${Math.max(...load).toFixed(2)} (other work on the machine counts in it)`,
    `- Database: ${report.database}, ${round(report.pledges)} pledges (seeded in ${round(report.seedSeconds, 1)} s, wall clock with start-up)`,
    `- Load: wrk, ${wrk.threads} threads, ${wrk.connections} connections, ${wrk.warmupSeconds} s warm-up then ${wrk.durationSeconds} s per run; ` +
      `${wrk.rounds} rounds alternating bare and page, uncompressed then brotli; medians of the rounds`,
    '',
    '| Target | Content coding | Body bytes | Requests/s | p50 (ms) | p99 (ms) | Requests/s by round |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    '| Pledges | First request after start (ms) | Uncached render, median of 10 (ms) |',
    '| ---: | ---: | ---: |',
    `| ${round(report.smallPledges)} | ${small.coldMs.toFixed(1)} | ${small.renderMs.toFixed(1)} |`,
    `| ${round(report.pledges)} | ${large.coldMs.toFixed(1)} | ${large.renderMs.toFixed(1)} |`,
    '',
    ...goals,
    ...(scale ? ['', scale.trim()] : []),
  ].join('\n')
}

/**
 * Writes the section between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`, replacing
 * only the previous one (other sections are kept).
 */
export function updateBenchmarksDoc(file: string, name: string, section: string): void {
  const startMark = `<!-- bench:${name}:start -->`
  const endMark = `<!-- bench:${name}:end -->`
  const block = `${startMark}\n${section}\n${endMark}`
  const current = existsSync(file) ? readFileSync(file, 'utf8') : INTRO
  const start = current.indexOf(startMark)
  const end = current.indexOf(endMark)
  const next =
    start !== -1 && end > start
      ? current.slice(0, start) + block + current.slice(end + endMark.length)
      : `${current.trimEnd()}\n\n${block}\n`
  writeFileSync(file, next)
}
