import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { killAllChildrenNow, runChild, stopAllChildren } from './children'
import { runExportsBench } from './exports'
import { type BenchOptions, parseOptions } from './options'
import { runPageBench } from './page'
import { runPledgeBench } from './pledges'
import { type BenchContext, databaseDescription } from './server'

// npm run bench [-- --only page|pledges|import]: seeds one database, then runs the benchmarks on
// it in turn: the campaign page (page.ts), pledges through the HTTP action (pledges.ts), then the
// Form 13F import (import.ts, which makes its own databases).
// See docs/benchmarks.md.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

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
process.on('exit', () => killAllChildrenNow())

async function seed(env: NodeJS.ProcessEnv, pledges: number): Promise<number> {
  console.log(`Seeding ${pledges.toLocaleString('en-US')} pledges…`)
  const started = performance.now()
  await runChild('npx', ['tsx', 'db/cli/seed.ts', '--pledges', String(pledges)], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: 'development' },
  })
  const seconds = (performance.now() - started) / 1000
  console.log(`Seeded in ${seconds.toFixed(1)} s (wall clock, including start-up and migrations).\n`)
  return seconds
}

async function main(options: BenchOptions): Promise<void> {
  const cpus = os.cpus()
  const machine = { cores: cpus.length, model: cpus[0]?.model.trim() ?? 'unknown', node: process.version }
  const database = databaseDescription(ROOT, databaseUrl)
  console.log(`Machine: ${machine.cores} cores (${machine.model}), Node ${machine.node}. Database: ${database}.`)
  console.log(`Benchmarks: ${options.benches.join(', ')}.\n`)

  tempDir = mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-'))
  const sessionSecret = randomBytes(32).toString('hex')
  const databaseEnv: NodeJS.ProcessEnv = databaseUrl
    ? { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: tempDir, SESSION_SECRET: sessionSecret }
    : { ...process.env, PGLITE_DIR: path.join(tempDir, 'pglite'), DATA_DIR: tempDir, SESSION_SECRET: sessionSecret }

  const needsDatabase = options.benches.some((bench) => bench !== 'import')
  const seedSeconds = needsDatabase ? await seed(databaseEnv, options.pledges) : 0
  const ctx: BenchContext = { root: ROOT, options, databaseUrl, databaseEnv, database, machine, seedSeconds }
  if (options.benches.includes('page')) await runPageBench(ctx)
  if (options.benches.includes('pledges')) await runPledgeBench(ctx)
  if (options.benches.includes('import')) await runChild('npx', ['tsx', 'tests/bench/import.ts'], { cwd: ROOT, env: process.env })
  if (options.benches.includes('exports')) await runExportsBench(ctx)
}

try {
  await main(options)
} catch (error) {
  if (!interrupted) console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  await cleanup()
}
process.exit()
