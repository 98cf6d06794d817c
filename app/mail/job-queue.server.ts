import { CompiledQuery } from 'kysely'
import PgBoss from 'pg-boss'
import type { Db } from '../../db/schema'

// pg-boss on the application's own database and connection pool: PostgreSQL, or embedded PGlite
// through the same pg.Pool path. Its tables live in the `pgboss` schema, which it creates and
// migrates itself on start.
//
// A job here means "there is mail work: look at the tables". Exactly-once comes from the rows
// (deliveries, email_queue) claimed with SKIP LOCKED, never from the job, so a job that runs
// twice, or two at once, or is retried after its worker was killed, sends nothing twice.

export const QUEUES = ['sign-up-emails', 'mailer', 'webhooks', 'housekeeping'] as const
export type QueueName = (typeof QUEUES)[number]

const QUEUE_OPTIONS = {
  // "short": at most one job waiting per key, any number running. A burst of wake-ups while one
  // waits becomes that one job; a wake-up while one runs queues the next, so nothing is missed.
  policy: 'short',
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
  // Handlers return within a slice of this; a job whose worker died is retried after it.
  expireInSeconds: 300,
} as const

/**
 * pg-boss over the application's pool, and `settled()`, which waits for every statement it has
 * started. NOTE: pg-boss 10 marks a job complete without awaiting it, after `stop()` may already
 * have resolved; closing the pool before that statement runs would crash the process on SIGTERM.
 */
export function createJobQueue(db: Db, options: { work: boolean }): { boss: PgBoss; settled: () => Promise<void> } {
  const running = new Set<Promise<unknown>>()
  const executeSql = (text: string, values?: unknown[]) => {
    const statement = db.executeQuery(CompiledQuery.raw(text, values ?? []))
    running.add(statement)
    void statement.finally(() => running.delete(statement)).catch(() => {})
    return statement
  }
  const boss = new PgBoss({
    db: { executeSql },
    schema: 'pgboss',
    // Upkeep (expiring the jobs of dead workers, archiving) and cron run in processes that work;
    // a web process with WORKER_IN_WEB=false only adds jobs.
    supervise: options.work,
    schedule: options.work,
  })
  boss.on('error', (error) => console.error('The job queue met an error; pg-boss retries on its own.', error))
  async function settled() {
    while (running.size > 0) await Promise.allSettled(running)
  }
  return { boss, settled }
}

export async function createQueues(boss: PgBoss): Promise<void> {
  for (const name of QUEUES) await boss.createQueue(name, { name, ...QUEUE_OPTIONS })
}

/** Wake-ups within this long are one job insert: under a burst of pledges, a few a second. */
const COALESCE_MS = 200

/**
 * Wake-ups for one queue. `now()` adds a job almost at once (calls within COALESCE_MS are one
 * insert); `at(date)` adds one that starts then, keyed by its second so repeats are one job.
 */
export function createWaker(boss: PgBoss, queue: QueueName, onQueued: () => void = () => {}) {
  let pending: NodeJS.Timeout | null = null
  // Once cancelled (the process is stopping), a handler still finishing queues nothing more.
  let cancelled = false
  const send = (options: PgBoss.SendOptions) =>
    boss.send(queue, {}, options).catch((error: unknown) => console.error(`Could not queue a ${queue} job; the next minute's sweep will.`, error))

  return {
    now() {
      if (pending || cancelled) return
      pending = setTimeout(() => {
        pending = null
        void send({}).then(onQueued)
      }, COALESCE_MS)
    },
    async at(date: Date) {
      if (cancelled) return
      const second = Math.ceil(date.getTime() / 1000)
      await send({ startAfter: new Date(second * 1000), singletonKey: `at:${second}` })
    },
    cancel() {
      cancelled = true
      if (pending) clearTimeout(pending)
      pending = null
    },
  }
}
