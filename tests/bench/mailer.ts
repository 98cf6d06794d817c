import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { createDb, type DatabaseHandle } from '../../db/client.server'
import { migrateToLatest } from '../../db/migrate'
import { startFakeResend } from '../fake-resend'
import { createTestDatabase, testDatabaseUrl } from '../helpers/test-database'
import { campaignWithSubscribers, insertDueUpdate } from './mail-audience'

// npx tsx tests/bench/mailer.ts [--recipients 100000] [--limit 10] [--rate R] [--cpu-prof DIR]
//
// Campaign mailer throughput: one update to N confirmed subscribers, sent by ONE worker process
// (`node --import tsx app/worker.ts`, as in production) to the fake Resend server running in this
// process with a rate limit of L requests a second (a fixed one-second window, as Resend). The
// worker is told a higher rate (MAIL_RATE_PER_SECOND = 2 × L unless --rate) so that its pacer must
// learn the real limit from the response headers. The ceiling is L × 100 emails a second (100 per
// batch request). Measured from the first to the last accepted email; the worker's RSS is sampled
// every 500 ms. Needs PostgreSQL: DATABASE_URL, else a scratch database on TEST_DATABASE_URL or
// postgres://postgres@127.0.0.1:5432/postgres, dropped at the end. Prints a Markdown section.

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    recipients: { type: 'string', default: '100000' },
    limit: { type: 'string', default: '10' },
    rate: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
})

function wholeNumber(name: string, value: string, min: number): number {
  const n = Number(value.replaceAll('_', '').replaceAll(',', ''))
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} takes a whole number of at least ${min}, not "${value}".`)
  return n
}

const N = wholeNumber('recipients', values.recipients!, 1)
const L = wholeNumber('limit', values.limit!, 1)
const RATE = values.rate === undefined ? 2 * L : wholeNumber('rate', values.rate, 1)
const CEILING = L * 100
const GOAL = 0.9
const cpuProfDir = values['cpu-prof'] ? path.resolve(values['cpu-prof']) : null

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const mb = (kb: number) => `${fmt(kb / 1024, 0)} MB`
const log = (message: string) => process.stderr.write(`[bench:mailer] ${message}\n`)

// ---- /proc readers (Linux) ----------------------------------------------------------------------

function procStatus(pid: number): { rssKb: number; hwmKb: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8')
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN)
    return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') }
  } catch {
    return null
  }
}

const TICKS_PER_SECOND = 100 // USER_HZ on Linux
/** CPU seconds (user + system) a process has used so far. */
function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
  } catch {
    return NaN
  }
}

/**
 * CPU used by the PostgreSQL backends serving this run's database, other databases on the same
 * server (e.g. other developers' tests) left out. Sampled: backends come and go with the pools'
 * idle timeouts, so each one's latest reading is kept; a backend's last half second may be missed.
 */
function backendCpuMeter(db: DatabaseHandle['db']) {
  const seen = new Map<number, { first: number; last: number }>()
  let started = false
  return {
    async sample() {
      const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db)
      for (const { pid } of rows) {
        const cpu = processCpuSeconds(pid)
        if (!Number.isFinite(cpu)) continue
        const entry = seen.get(pid)
        if (entry) entry.last = cpu
        else seen.set(pid, { first: started ? 0 : cpu, last: cpu })
      }
      started = true
    },
    /** CPU seconds since the first sample. */
    get seconds() {
      return [...seen.values()].reduce((total, e) => total + e.last - e.first, 0)
    },
  }
}
/** Busy CPU seconds of the whole machine so far (all cores). */
function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND
}

// ---- database -----------------------------------------------------------------------------------

async function openDatabase(): Promise<{ handle: DatabaseHandle; url: string; label: string }> {
  const given = process.env.DATABASE_URL
  if (given) {
    const handle = await createDb({ kind: 'postgres', url: given, maxConnections: 5 })
    await migrateToLatest(handle.db)
    return { handle, url: given, label: `PostgreSQL (${redact(given)}, from DATABASE_URL)` }
  }
  const handle = await createTestDatabase({ kind: 'postgres' })
  const url = testDatabaseUrl(handle)
  return { handle, url, label: `PostgreSQL (scratch database ${new URL(url).pathname.slice(1)} on ${new URL(url).host}, dropped afterwards)` }
}

function redact(url: string): string {
  const u = new URL(url)
  u.password = ''
  return `${u.host}${u.pathname}`
}

const UPDATE_BODY = `Dear fellow shareholder,

The annual meeting is **tomorrow**, and proxy voting closes tonight. If you hold shares through a
broker, your vote goes through them: log in, find the proxy materials for this meeting, and vote
**FOR** the proposal.

- It takes about five minutes.
- Every share counts: last year a similar proposal failed by less than 2%.
- If you have already voted, thank you — and please tell us, so we stop reminding you.

Questions? Reply to this email or read [how to vote](https://example.org/how-to-vote).`

// ---- the run ------------------------------------------------------------------------------------

interface Sample {
  at: number
  rssKb: number
  accepted: number
}

async function main() {
  const startedAt = new Date()
  const { handle, url, label } = await openDatabase()
  const { db } = handle
  const pgVersion = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v
  const fake = await startFakeResend({ rateLimitPerSecond: L, recordBodies: false })
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'quorum-bench-mailer-'))
  let worker: ChildProcess | null = null
  try {
    // Seed: one campaign, N confirmed subscribers (set-based), one update due now.
    const seedStart = performance.now()
    const campaign = await campaignWithSubscribers(db, { n: N, emailPrefix: 'bench' })
    await sql`analyze supporters`.execute(db)
    await sql`analyze subscriptions`.execute(db)
    const update = await insertDueUpdate(db, { campaignId: campaign.id, body: UPDATE_BODY })
    const seedSeconds = (performance.now() - seedStart) / 1000
    log(`seeded ${fmt(N)} subscribers in ${fmt(seedSeconds, 1)} s; starting the worker (MAIL_RATE_PER_SECOND=${RATE}, fake limit ${L}/s)`)

    // Request arrival times, stamped by a 5 ms poller of the fake server's request log.
    const stamps: number[] = []
    const stamp = () => {
      const now = performance.now()
      while (stamps.length < fake.requests.length) stamps.push(now)
    }
    const stamper = setInterval(stamp, 5)

    const pgMeter = backendCpuMeter(db)
    await pgMeter.sample()
    const cpuBefore = { bench: process.cpuUsage(), machine: machineBusySeconds() }
    const workerStart = performance.now()
    const nodeArgs = [...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []), '--import', 'tsx', 'app/worker.ts']
    worker = spawn(process.execPath, nodeArgs, {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        APP_URL: 'https://quorum.example.org',
        DATABASE_URL: url,
        DATA_DIR: dataDir,
        SESSION_SECRET: 'bench-mailer-secret-0123456789abcdef0123456789abcdef',
        RESEND_API_KEY: 're_test_key',
        RESEND_BASE_URL: fake.url,
        MAIL_FROM: 'updates@quorum.example.org',
        MAIL_RATE_PER_SECOND: String(RATE),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const pid = worker.pid!
    const workerOutput: string[] = []
    const keep = (chunk: Buffer) => {
      workerOutput.push(chunk.toString())
      if (workerOutput.length > 200) workerOutput.shift()
    }
    worker.stdout!.on('data', keep)
    worker.stderr!.on('data', keep)
    let exited = false
    const exit = new Promise<void>((resolve) => worker!.once('exit', () => ((exited = true), resolve())))

    const samples: Sample[] = []
    const sampleRss = () => {
      const status = procStatus(pid)
      if (status) samples.push({ at: performance.now(), rssKb: status.rssKb, accepted: fake.emails.length })
      pgMeter.sample().catch(() => {})
    }
    sampleRss()
    const sampler = setInterval(sampleRss, 500)

    // Wait for the update to be sent (or for the worker to die, or a generous timeout).
    const timeoutMs = (3 * N / CEILING + 180) * 1000
    let status = ''
    let lastLog = 0
    while (!exited && performance.now() - workerStart < timeoutMs) {
      status = (await db.selectFrom('updates').select('status').where('id', '=', update.id).executeTakeFirstOrThrow()).status
      if (status === 'sent') break
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now()
        const rss = samples.at(-1)?.rssKb
        log(`${fmt(fake.emails.length)} / ${fmt(N)} accepted, ${fake.requests.filter((r) => r.status === 429).length} × 429, worker RSS ${rss ? mb(rss) : '?'}`)
      }
      await sleep(250)
    }
    const doneAt = performance.now()
    clearInterval(sampler)
    sampleRss()
    const hwmKb = procStatus(pid)?.hwmKb ?? NaN
    const workerCpu = processCpuSeconds(pid)
    await pgMeter.sample()
    const cpuAfter = { bench: process.cpuUsage(cpuBefore.bench), machine: machineBusySeconds() }
    stamp()
    clearInterval(stamper)

    worker.kill('SIGTERM')
    await Promise.race([exit, sleep(15_000)])
    if (!exited) {
      worker.kill('SIGKILL')
      await exit
    }
    if (status !== 'sent') {
      log(`the update did not finish (status ${status || 'unknown'}); the worker's last output:\n${workerOutput.join('').slice(-4000)}`)
      process.exitCode = 1
    }

    // ---- figures --------------------------------------------------------------------------------
    const accepted = fake.requests.map((r, i) => ({ ...r, at: stamps[i]! })).filter((r) => r.status === 200)
    const tooMany = fake.requests.map((r, i) => ({ ...r, at: stamps[i]! })).filter((r) => r.status === 429)
    const firstAt = accepted[0]?.at ?? NaN
    const lastAt = accepted.at(-1)?.at ?? NaN
    const spanSeconds = (lastAt - firstAt) / 1000
    const firstBatch = Math.min(100, N)
    // From the first accepted batch to the last: the first batch's emails were accepted at the start.
    const perSecond = N > firstBatch ? (fake.emails.length - firstBatch) / spanSeconds : NaN
    const ratio = perSecond / CEILING
    const requestsPerSecond = accepted.length > 1 ? (accepted.length - 1) / spanSeconds : NaN
    const early = tooMany.filter((r) => r.at - firstAt < 5000).length
    // Gaps between accepted batches: the pacer's pauses show up as gaps of a second or more.
    const gaps = accepted.slice(1).map((r, i) => r.at - accepted[i]!.at).sort((x, y) => x - y)
    const quantile = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? NaN
    const longGaps = gaps.filter((g) => g >= 500)

    // Exactly once: each recipient once at the fake server, every delivery row sent.
    const perRecipient = new Map<string, number>()
    for (const email of fake.emails) for (const to of email.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1)
    const duplicates = [...perRecipient.values()].filter((n) => n !== 1).length
    const rows = await db.selectFrom('deliveries').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('update_id', '=', update.id).groupBy('status').execute()
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>
    const conflicts = fake.requests.filter((r) => r.status === 409).length
    const exactlyOnce = perRecipient.size === N && duplicates === 0 && fake.emails.length === N && byStatus.sent === N && conflicts === 0
    if (!exactlyOnce) process.exitCode = 1

    const at = (fraction: number) => samples.find((s) => s.accepted >= fraction * N)
    const rssAt = (fraction: number) => {
      const s = at(fraction)
      return s ? mb(s.rssKb) : 'n/a'
    }
    const baseline = samples.find((s) => s.accepted > 0) ?? samples[0]
    const peakSampleKb = Math.max(...samples.map((s) => s.rssKb))
    const measuredSeconds = (doneAt - workerStart) / 1000
    const benchCpu = (cpuAfter.bench.user + cpuAfter.bench.system) / 1e6
    const cores = (seconds: number) => fmt(seconds / measuredSeconds, 2)
    const pgCpu = pgMeter.seconds
    const machineCpu = cpuAfter.machine - cpuBefore.machine
    const cpu = os.cpus()

    const goalMet = ratio >= GOAL
    const command = `npx tsx tests/bench/mailer.ts --recipients ${N} --limit ${L}${values.rate ? ` --rate ${RATE}` : ''}`
    const lines = [
      '<!-- bench:mailer:start -->',
      '## Campaign mailer: emails per second against the provider’s rate limit',
      '',
      `One update to ${fmt(N)} confirmed subscribers, sent by one worker process (\`node --import tsx app/worker.ts\`, NODE_ENV=production) ` +
        `through the Resend SDK to the fake Resend server (\`tests/fake-resend.ts\`) enforcing ${L} requests a second the way Resend does ` +
        '(a fixed one-second window; 429 with `retry-after` beyond it; `ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset` on every answer). ' +
        `The worker is told \`MAIL_RATE_PER_SECOND=${RATE}\`, more than the limit, so its pacer has to learn the limit from the headers. ` +
        `Ceiling: ${L} requests/s × 100 emails per batch = ${fmt(CEILING)} emails/s.`,
      '',
      `- Command: \`${command}\``,
      `- Date: ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `- Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, shared by the load generator and the fake server (this process), PostgreSQL and the worker`,
      `- Database: ${label}, PostgreSQL ${pgVersion}; ${fmt(N)} subscribers seeded in ${fmt(seedSeconds, 1)} s`,
      `- Measured from the first to the last accepted batch (request arrival times stamped every 5 ms); the worker's RSS read from \`/proc/<pid>/status\` every 500 ms`,
      '',
      '| Figure | Value |',
      '| --- | ---: |',
      `| Emails accepted | ${fmt(fake.emails.length)} of ${fmt(N)} in ${fmt(accepted.length)} batch requests |`,
      `| Time, first to last accepted batch | ${fmt(spanSeconds, 1)} s |`,
      `| Time, worker start to update \`sent\` (boot, audience freeze and send) | ${fmt(measuredSeconds, 1)} s |`,
      `| Emails/s | **${fmt(perSecond, 0)}** (${fmt(requestsPerSecond, 2)} requests/s) |`,
      `| Ceiling (${L} requests/s × 100) | ${fmt(CEILING)} |`,
      `| Ratio to the ceiling | **${fmt(ratio, 2)}** |`,
      `| Gap between accepted batches: median / p90 / max | ${fmt(quantile(0.5))} / ${fmt(quantile(0.9))} / ${fmt(gaps.at(-1) ?? NaN)} ms; ${longGaps.length} gaps ≥ 500 ms (${fmt(longGaps.reduce((a, g) => a + g, 0) / 1000, 1)} s in all) |`,
      `| 429 answers | ${tooMany.length} (${early} in the first 5 s) of ${fmt(fake.requests.length)} requests |`,
      `| Worker peak RSS | **${mb(Number.isFinite(hwmKb) ? hwmKb : peakSampleKb)}** (VmHWM; highest 500 ms sample ${mb(peakSampleKb)}) |`,
      `| Worker RSS at first batch / 10% / 50% / 90% / end | ${baseline ? mb(baseline.rssKb) : 'n/a'} / ${rssAt(0.1)} / ${rssAt(0.5)} / ${rssAt(0.9)} / ${samples.at(-1) ? mb(samples.at(-1)!.rssKb) : 'n/a'} |`,
      `| CPU while sending (cores, of ${cpu.length}) | worker ${cores(workerCpu)}, PostgreSQL backends of this database ${cores(pgCpu)}, fake server + bench ${cores(benchCpu)}; whole machine ${cores(machineCpu)}, of which other processes ${cores(Math.max(0, machineCpu - workerCpu - pgCpu - benchCpu))} |`,
      `| Exactly once | ${exactlyOnce ? 'yes' : '**no**'}: ${fmt(perRecipient.size)} distinct recipients, ${duplicates} received more than once, deliveries ${Object.entries(byStatus).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}, ${conflicts} × 409 |`,
      '',
      `Ratio emails/s ÷ ceiling: **${fmt(ratio, 2)}**. Goal: ratio ≥ ${GOAL}: **${goalMet ? 'met' : 'not met'}**.`,
      '<!-- bench:mailer:end -->',
    ]
    console.log(lines.join('\n'))
  } finally {
    if (worker && worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL')
    await fake.close()
    await handle.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
