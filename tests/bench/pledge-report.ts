import type { CpuUse } from './cpu'
import type { QueueStatus, SqlBaselineResult } from './pledge-common'
import type { PledgeMeasurement } from './pledge-load'
import { round } from './report'
import type { Machine } from './server'

// The Markdown section of the pledge benchmark in docs/benchmarks.md.

export const PLEDGE_GOAL_RATIO = 0.3

export interface PledgeReport {
  command: string
  date: Date
  machine: Machine
  database: string
  seededPledges: number
  load: { connections: number; durationSeconds: number; warmupSeconds: number; rounds: number }
  sqlRun: { pledges: number; warmup: number }
  http: PledgeMeasurement
  queue: QueueStatus
  sql: SqlBaselineResult
}

export const cores = (n: number | null) => (n === null ? '?' : round(n, 2))
export const dbCpu = (cpu: CpuUse) => (cpu.database === null ? '' : `PostgreSQL ${cores(cpu.database)}, `)

function queueSentence(queue: QueueStatus): string {
  const { sent = 0, ...rest } = queue.emails
  const total = Object.values(queue.emails).reduce((a, b) => a + b, 0)
  const others = Object.entries(rest).map(([status, count]) => `${round(count)} ${status}`)
  return (
    `Mail jobs: of the ${round(total)} confirmation emails queued by the kept HTTP run (warm-up included), ` +
    `${round(queue.sentUnderLoad)} were sent (written to \`outbox_messages\`) while the load ran and ` +
    `${round(sent - queue.sentUnderLoad)} more while the server shut down (it finishes the batch of up to 50 it has claimed)` +
    (others.length > 0 ? `; ${others.join(', ')} when it had stopped.` : '.')
  )
}

export function pledgesSection(r: PledgeReport): string {
  const { machine, load, http, sql } = r
  const ratio = http.pledgesPerSecond / sql.perSecond
  const table = [
    '| Path | Pledges/s | p50 (ms) | p99 (ms) | max (ms) | CPU during the run (cores) |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    `| HTTP action | ${round(http.pledgesPerSecond)} | ${round(http.p50Ms)} | ${round(http.p99Ms)} | ${round(http.maxMs)} | ` +
      `server ${cores(http.cpu.process)}, load generator ${cores(http.cpu.self)}, ${dbCpu(http.cpu)}machine ${cores(http.cpu.machine)} |`,
    `| Plain SQL | ${round(sql.perSecond)} | ${round(sql.p50Ms)} | ${round(sql.p99Ms)} | ${round(sql.maxMs)} | ` +
      `SQL process ${cores(sql.cpu.process)}, ${dbCpu(sql.cpu)}machine ${cores(sql.cpu.machine)} |`,
  ]
  return [
    '## Pledges: HTTP action vs. plain SQL',
    '',
    'Pledges accepted per second by the real form action (`POST /c/amazon-customer-due-diligence/pledge`, each answered',
    'by a 302 to `…/pledged`) against the same rows inserted with plain SQL, measured in the same run over the same kind',
    'of database connection (`createDb`: PGlite behind a pool of one, or a `pg.Pool` of 10) and the same concurrency.',
    '',
    `- Command: \`${r.command}\``,
    `- Date: ${r.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- Machine: ${machine.cores} cores (${machine.model}), Node ${machine.node}, shared by the load generator, the server and, on PostgreSQL, the database`,
    `- Database: ${r.database}, ${round(r.seededPledges)} pledges seeded`,
    `- HTTP: autocannon, ${load.connections} connections, one run of ${load.warmupSeconds} s warm-up + ${load.durationSeconds} s, of which only the last` +
      ` ${load.durationSeconds} s count; every request has its own` +
      ' email address and `X-Forwarded-For` client address (the server runs with `TRUST_PROXY=loopback`, as behind a proxy on the same machine), so the sign-up rate limits (on, as in production) never trigger;' +
      ' every response must be a 302 to `…/pledged` within 30 s',
    `- Plain SQL: ${round(r.sqlRun.pledges)} pledges after ${round(r.sqlRun.warmup)} untimed, from ${load.connections} concurrent workers in a child process` +
      ' while the server is stopped; per pledge one transaction of 6 INSERTs: supporter, pledge, `pledge_events` (created),' +
      ' subscription, 3 `supporter_tokens` (confirm, manage, unsubscribe; one statement) and `email_queue`',
    `- ${load.rounds} rounds, each plain SQL then HTTP; the better run of each kept`,
    '',
    ...table,
    '',
    `Ratio HTTP ÷ plain SQL: **${round(ratio, 2)}**. Goal: ratio ≥ ${PLEDGE_GOAL_RATIO}: **${ratio >= PLEDGE_GOAL_RATIO ? 'met' : 'not met'}**.`,
    '',
    'Besides those rows, each HTTP pledge reads the campaign (from a two-second cache), counts two rate limits (one upsert)',
    'and updates the supporter, and the mail jobs in the server\'s process render and "send" its confirmation email meanwhile (no `RESEND_API_KEY`:',
    `into \`outbox_messages\`). ${queueSentence(r.queue)}`,
  ].join('\n')
}
