import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { Measurement } from './load'
import type { Machine } from './server'

// The Markdown printed at the end of a run and kept in docs/benchmarks.md.

export const GOAL_RATIO = 0.5
export const GOAL_PLEDGES = 1_000_000

export interface Report {
  command: string
  date: Date
  machine: Machine
  database: string
  pledges: number
  seedSeconds: number
  bodyBytes: number
  load: { connections: number; durationSeconds: number; warmupSeconds: number; runsPerTarget: number }
  rows: Array<{ target: string; measurement: Measurement }>
  ratio: number
}

const INTRO = `# Benchmarks

Benchmarks run with \`npm run bench\` (arguments after \`--\`, e.g. \`npm run bench -- --pledges 100000\`).
Figures are ratios against a baseline measured in the same run. The machine has 2 cores shared by the
load generator and the server, so absolute numbers are indicative only.
`

export const round = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

export function goalVerdict(report: Report): string {
  const met = report.ratio >= GOAL_RATIO
  const scale = report.pledges >= GOAL_PLEDGES ? '' : ` (measured at ${round(report.pledges)} pledges, not ${round(GOAL_PLEDGES)})`
  return `Goal: ratio ≥ ${GOAL_RATIO} at ${round(GOAL_PLEDGES)} pledges: **${met ? 'met' : 'not met'}**${scale}.`
}

export function campaignPageSection(report: Report): string {
  const { machine, load } = report
  const table = [
    '| Target | Requests/s | p50 (ms) | p99 (ms) | Body bytes | Bytes/response (with headers) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...report.rows.map(
      ({ target, measurement: m }) =>
        `| ${target} | ${round(m.requestsPerSecond)} | ${round(m.p50Ms)} | ${round(m.p99Ms)} | ${round(report.bodyBytes)} | ${round(m.bytesPerResponse)} |`,
    ),
  ]
  return [
    '## Campaign page vs. static file',
    '',
    `Throughput of the live demo campaign page (\`/c/amazon-customer-due-diligence\`) against a static file of`,
    'exactly the same size served by the same server (`/__bench/page.html`, via express.static).',
    '',
    `- Command: \`${report.command}\``,
    `- Date: ${report.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- Machine: ${machine.cores} cores (${machine.model}), Node ${machine.node}`,
    `- Database: ${report.database}, ${round(report.pledges)} pledges (seeded in ${round(report.seedSeconds, 1)} s)`,
    `- Load: autocannon, ${load.connections} connections, ${load.warmupSeconds} s warm-up then ${load.durationSeconds} s;` +
      ` ${load.runsPerTarget} runs per target, alternating, the better one kept`,
    '',
    ...table,
    '',
    `Ratio page ÷ static throughput: **${round(report.ratio, 2)}**. ${goalVerdict(report)}`,
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
