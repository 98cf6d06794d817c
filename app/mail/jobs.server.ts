import type { Db } from '../../db/schema'
import type { StartUpLock } from '../../db/start-up-lock'
import { createPacer } from './pacer'
import { type MailWork, onMailWork } from './queue-signal.server'
import type { MailTransport } from './transport'
import { nextEmailAttemptAt, processEmailQueue } from './sign-up-queue.server'
import { isMailerPaused, mailerRound, nextMailerWorkAt } from './mailer.server'
import { pruneRateLimits } from '../models/rate-limits.server'
import { pruneOrganizerTokens } from '../models/organizer-tokens.server'
import { createJobQueue, createQueues, createWaker } from './job-queue.server'
import { config } from '../config.server'
import { nextWebhookAttemptAt, processWebhookDeliveries } from '../models/webhook-deliveries.server'

// The mail worker: pg-boss jobs that send sign-up emails and campaign updates, and outgoing webhooks. It runs in the
// web process by default and alone with `npm run worker`; any number of both may share one
// PostgreSQL. Models signal work after they commit (queue-signal); a cron job every minute
// and a wake-up at start find whatever a signal missed or a killed worker left behind.

/** A handler gives its worker back after this long, queuing the rest as a new job. */
const SLICE_MS = 30_000
const POLL_SECONDS = 1

export interface MailJobsOptions {
  /** Register handlers here (false: only add jobs, for a web process beside `npm run worker`). */
  work: boolean
  transport: MailTransport
  perSecond: number
  claimTimeoutSeconds?: number
  /** Serializes pg-boss's schema and queue creation with other processes' start-up (db/start-up-lock.ts). */
  startUpLock?: StartUpLock
  /** Where webhooks may go and how long a request may take (config.webhooks by default). */
  webhooks?: { allowLoopback: boolean; allowHttp: boolean; timeoutMs: number }
}

export async function startMailJobs(db: Db, options: MailJobsOptions) {
  const { boss, settled } = createJobQueue(db, { work: options.work })
  const inTurn = options.startUpLock ?? ((work) => work())
  await inTurn(async () => {
    await boss.start()
    await createQueues(boss)
  })

  const workerIds = new Map<MailWork, string>()
  const notifyLocal = (queue: MailWork) => () => {
    const id = workerIds.get(queue)
    if (id) boss.notifyWorker(id)
  }
  const wakers = {
    'sign-up-emails': createWaker(boss, 'sign-up-emails', notifyLocal('sign-up-emails')),
    mailer: createWaker(boss, 'mailer', notifyLocal('mailer')),
    webhooks: createWaker(boss, 'webhooks', notifyLocal('webhooks')),
  }
  const unsubscribe = onMailWork((work) => wakers[work].now())

  let stopping = false
  // The handlers running now, so that stopping can wait for them.
  const handlers = new Set<Promise<unknown>>()
  const tracked = (handler: () => Promise<unknown>) => () => {
    const run = handler().finally(() => handlers.delete(run))
    handlers.add(run)
    return run
  }
  if (options.work) {
    // One pacer for both kinds of mail: Resend's rate limit is per team, not per kind.
    const pacer = createPacer({ perSecond: options.perSecond })
    const sliceOver = (started: number) => stopping || Date.now() - started > SLICE_MS

    workerIds.set(
      'sign-up-emails',
      await boss.work('sign-up-emails', { pollingIntervalSeconds: POLL_SECONDS }, tracked(async () => {
        const started = Date.now()
        while (!sliceOver(started)) {
          const { claimed } = await processEmailQueue(db, { transport: options.transport, pacer, claimTimeoutSeconds: options.claimTimeoutSeconds })
          if (claimed === 0) break
        }
        if (sliceOver(started)) return wakers['sign-up-emails'].now()
        const next = await nextEmailAttemptAt(db, { claimTimeoutSeconds: options.claimTimeoutSeconds })
        if (next) await wakers['sign-up-emails'].at(next)
      })),
    )

    workerIds.set(
      'mailer',
      await boss.work('mailer', { pollingIntervalSeconds: POLL_SECONDS }, tracked(async () => {
        const started = Date.now()
        for (let round = 0; !sliceOver(started); round++) {
          const worked = await mailerRound(db, { transport: options.transport, pacer, claimTimeoutSeconds: options.claimTimeoutSeconds })
          if (worked === 0) break
          // There is work: a job for another worker to join in (SKIP LOCKED shares the rows).
          if (round === 0) wakers.mailer.now()
        }
        if (sliceOver(started)) return wakers.mailer.now()
        if (await isMailerPaused(db)) return // resuming wakes the mailer
        const next = await nextMailerWorkAt(db, { claimTimeoutSeconds: options.claimTimeoutSeconds })
        if (next) await wakers.mailer.at(next)
      })),
    )

    // Webhooks pace themselves by their receivers, not by the mail provider's limit.
    const webhookOptions = options.webhooks ?? config.webhooks
    const sender = { rules: webhookOptions, timeoutMs: webhookOptions.timeoutMs }
    workerIds.set(
      'webhooks',
      await boss.work('webhooks', { pollingIntervalSeconds: POLL_SECONDS }, tracked(async () => {
        const started = Date.now()
        while (!sliceOver(started)) {
          const { claimed } = await processWebhookDeliveries(db, sender)
          if (claimed === 0) break
        }
        if (sliceOver(started)) return wakers.webhooks.now()
        const next = await nextWebhookAttemptAt(db)
        if (next) await wakers.webhooks.at(next)
      })),
    )

    // The sweep: once a minute each queue gets a job, whichever process's cron fires first.
    for (const queue of ['sign-up-emails', 'mailer', 'webhooks'] as const) await boss.schedule(queue, '* * * * *')
    await boss.work(
      'housekeeping',
      tracked(async () => {
        await pruneRateLimits(db)
        await pruneOrganizerTokens(db)
      }),
    )
    await boss.schedule('housekeeping', '*/10 * * * *')
    // What fell due while no worker ran, and what a killed worker left half done.
    wakers['sign-up-emails'].now()
    wakers.mailer.now()
    wakers.webhooks.now()
  }

  return {
    boss,
    async stop() {
      stopping = true
      unsubscribe()
      for (const waker of Object.values(wakers)) waker.cancel()
      await boss.stop({ graceful: true, timeout: 10_000 })
      // Handlers see `stopping` and return within a round; then pg-boss's last statements run.
      await Promise.allSettled(handlers)
      await new Promise((resolve) => setImmediate(resolve))
      await settled()
    },
  }
}
