import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { processEmailQueue } from '../models/email-queue.server'
import { pruneRateLimits } from '../models/rate-limits.server'
import { onEmailQueued } from './queue-signal.server'
import type { MailTransport } from './transport'

/**
 * The in-process mail sender: drains the email queue when told something was queued, and polls
 * for the rest (retries, rows queued by other processes). One round at a time.
 */
export function startEmailSender(db: Kysely<Database>, options: { transport?: MailTransport; pollMs?: number } = {}) {
  let running = false
  let again = false
  let stopped = false

  async function drain() {
    if (running) {
      again = true
      return
    }
    running = true
    try {
      do {
        again = false
        const { claimed } = await processEmailQueue(db, { transport: options.transport })
        if (claimed > 0) again = true
      } while (again && !stopped)
    } catch (error) {
      console.error('The mail sender failed a round; it will try again.', error)
    } finally {
      running = false
    }
  }

  const unsubscribe = onEmailQueued(() => void drain())
  const timer = setInterval(() => void drain(), options.pollMs ?? 2000)
  timer.unref()
  // Housekeeping that needs no worker of its own: ended rate-limit windows.
  const pruner = setInterval(() => void pruneRateLimits(db).catch(() => {}), 10 * 60_000)
  pruner.unref()
  void drain()
  return {
    async stop() {
      stopped = true
      unsubscribe()
      clearInterval(timer)
      clearInterval(pruner)
      while (running) await new Promise((resolve) => setTimeout(resolve, 20))
    },
  }
}
