import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { mailerRound } from '../models/mailer.server'
import { createPacer } from './pacer'
import type { MailTransport } from './transport'

/**
 * Runs the campaign mailer: rounds back to back while there is work, a poll otherwise. Any
 * number of these may run against one PostgreSQL (web processes and `npm run worker`): batches
 * are claimed with SKIP LOCKED, so each goes to one of them.
 */
export function startMailer(db: Kysely<Database>, options: { transport: MailTransport; perSecond: number; claimTimeoutSeconds?: number; pollMs?: number }) {
  const pacer = createPacer({ perSecond: options.perSecond })
  let stopped = false
  let wake: (() => void) | null = null

  const loop = (async () => {
    while (!stopped) {
      let worked = 0
      try {
        worked = await mailerRound(db, { transport: options.transport, pacer, claimTimeoutSeconds: options.claimTimeoutSeconds })
      } catch (error) {
        console.error('A mailer round failed; the next one retries.', error)
      }
      if (worked === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          wake = resolve
          setTimeout(resolve, options.pollMs ?? 1000).unref()
        })
      }
    }
  })()

  return {
    async stop() {
      stopped = true
      wake?.()
      await loop
    },
  }
}
