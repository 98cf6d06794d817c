import { spawnSync } from 'node:child_process'
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { generateDataset } from './thirteenf-dataset-generator'

// npm run bench:import [-- --rows 3000000] [--runs 3] [--keep DIR]
//
// A quarter's Form 13F data set, generated in the SEC's layout (3,000,000 INFOTABLE rows by
// default, one in a thousand of the campaign's CUSIP), imported as an organizer's upload runs it
// (importThirteenFDataset, in a child process of its own for its peak RSS, on PostgreSQL — a
// scratch database on TEST_DATABASE_URL or 127.0.0.1 — and once on embedded PGlite), against the
// physical limit of the same work: `wc -l` on the same file, and a bare Node reader that counts
// lines (fs stream + Buffer.indexOf) and one that splits lines (node:readline). Targets: at least
// 200,000 rows/s and a peak RSS of at most 250 MB. Prints a Markdown section with `uptime`.
// NOTE: an in-memory PGlite holds its whole database in the process (about 800 MB before any
// import starts), so the RSS target is read on PostgreSQL, and PGlite's figure is its growth.

const { values } = parseArgs({ options: { rows: { type: 'string', default: '3000000' }, runs: { type: 'string', default: '3' }, keep: { type: 'string' } } })
const rows = Number(values.rows)
const runs = Number(values.runs)
const CUSIP = '023135106'
const dir = values.keep ?? mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-13f-'))
const infotable = path.join(dir, 'INFOTABLE.tsv')

function seconds(start: bigint) {
  return Number(process.hrtime.bigint() - start) / 1e9
}

async function countNewlines(file: string) {
  let lines = 0
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer
    for (let at = buffer.indexOf(10); at >= 0; at = buffer.indexOf(10, at + 1)) lines += 1
  }
  return lines
}

async function readlineCount(file: string) {
  let lines = 0
  for await (const _ of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) lines += 1
  return lines
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

if (!existsSync(infotable)) {
  const start = process.hrtime.bigint()
  await generateDataset(dir, { rows, cusip: CUSIP })
  console.error(`generated ${rows.toLocaleString('en-US')} rows in ${seconds(start).toFixed(1)} s`)
}
const size = statSync(infotable).size
const wc: number[] = []
const bare: number[] = []
const lines: number[] = []
const imports: Array<{ s: number; peak: number; holders: number }> = []
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

type ChildResult = { ok: boolean; message: string; ms: number; holders: number; peakRssMB: number; rssBeforeMB: number }
function importOnce(databaseUrl: string | null): ChildResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl ?? '' }
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/import-child.ts', dir, CUSIP], { encoding: 'utf8', env })
  if (child.status !== 0) throw new Error(`the import failed:\n${child.stderr}`)
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildResult
  if (!result.ok) throw new Error(result.message)
  return result
}

async function onScratchPostgres<T>(work: (url: string) => T): Promise<T> {
  const name = `quorum_bench_import_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`drop database if exists ${name}`)
  await admin.query(`create database ${name}`)
  try {
    const url = new URL(adminUrl)
    url.pathname = `/${name}`
    return work(url.toString())
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}
for (let i = 0; i < runs; i++) {
  let start = process.hrtime.bigint()
  const out = spawnSync('wc', ['-l', infotable], { encoding: 'utf8' })
  wc.push(seconds(start))
  if (Number(out.stdout.trim().split(/\s+/)[0]) !== rows + 1) throw new Error(`wc -l counted ${out.stdout}`)
  start = process.hrtime.bigint()
  await countNewlines(infotable)
  bare.push(seconds(start))
  start = process.hrtime.bigint()
  await readlineCount(infotable)
  lines.push(seconds(start))
  const result = await onScratchPostgres((url) => importOnce(url))
  imports.push({ s: result.ms / 1000, peak: result.peakRssMB, holders: result.holders })
}
const embedded = importOnce(null)
const load = spawnSync('uptime', { encoding: 'utf8' }).stdout.trim()
const imp = median(imports.map((r) => r.s))
const rate = rows / imp
const peak = Math.max(...imports.map((r) => r.peak))
const fmt = (s: number) => `${s.toFixed(2)} s`
console.log(`### Form 13F data set import (${new Date().toISOString().slice(0, 10)})

${rows.toLocaleString('en-US')} INFOTABLE rows (${(size / 2 ** 20).toFixed(0)} MB), ${imports[0]!.holders.toLocaleString('en-US')} holders of the CUSIP; median of ${runs} runs; ${os.cpus().length} cores; \`uptime\`: ${load}

| | time | rows/s | × wc -l |
| --- | ---: | ---: | ---: |
| \`wc -l\` | ${fmt(median(wc))} | ${Math.round(rows / median(wc)).toLocaleString('en-US')} | 1 |
| bare Node, count line feeds (fs stream + indexOf) | ${fmt(median(bare))} | ${Math.round(rows / median(bare)).toLocaleString('en-US')} | ${(median(bare) / median(wc)).toFixed(1)} |
| bare Node, split lines (node:readline) | ${fmt(median(lines))} | ${Math.round(rows / median(lines)).toLocaleString('en-US')} | ${(median(lines) / median(wc)).toFixed(1)} |
| **Quorum import** on PostgreSQL (parse, filter, amendments, one transaction) | **${fmt(imp)}** | **${Math.round(rate).toLocaleString('en-US')}** | ${(imp / median(wc)).toFixed(1)} |
| Quorum import on embedded PGlite (one run) | ${fmt(embedded.ms / 1000)} | ${Math.round(rows / (embedded.ms / 1000)).toLocaleString('en-US')} | ${(embedded.ms / 1000 / median(wc)).toFixed(1)} |

Import against the bare Node line counter: ${(median(bare) / imp).toFixed(2)} of its speed; against readline: ${(median(lines) / imp).toFixed(2)}.
Peak RSS of the importing process on PostgreSQL: ${peak.toFixed(0)} MB, tsx's TypeScript loader included (target ≤ 250 MB: ${peak <= 250 ? 'met' : 'NOT met'}). On PGlite the process held ${embedded.rssBeforeMB.toFixed(0)} MB before the import (the in-memory database) and ${embedded.peakRssMB.toFixed(0)} MB at its peak: the import added ${(embedded.peakRssMB - embedded.rssBeforeMB).toFixed(0)} MB.
Rows/s target ≥ 200,000: ${rate >= 200_000 ? 'met' : 'NOT met'}.
`)
if (!values.keep) rmSync(dir, { recursive: true, force: true })
