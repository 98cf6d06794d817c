import { sql } from 'kysely'
import type { Db } from '../../db/schema'
import type { Pacer } from './pacer'
import type { MailTransport } from './transport'
import { claimBatch, freezeAudience, sendBatch } from './deliveries.server'
import { RETRY_POLICY } from './retry-policy'
import { emitUpdateSent, withWebhookEvents } from '../models/webhook-events.server'


/** Updates of campaigns whose sending an organizer paused neither start nor send. */
const notPaused = sql<boolean>`not exists (select 1 from campaign_mail_pauses p where p.campaign_id = updates.campaign_id)`

/** Starts the updates that are due: status and frozen audience change in one transaction. */
export async function startDueUpdates(db: Db): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .updateTable('updates')
      // The campaign's figures as they stand now, and the meeting's result if recorded: every
      // copy, and every retry, quotes these.
      .set({
        status: 'sending',
        started_at: sql`now()`,
        updated_at: sql`now()`,
        public_figures: sql`(select jsonb_strip_nulls(jsonb_build_object('people', coalesce(sum(s.supporters), 0)::int, 'shares', coalesce(sum(s.shares), 0)::text,
            'result', (select jsonb_build_object('supportPercent', pv.support_percent::text) from campaigns c
                       join proposal_votes pv on pv.proposal_key = c.proposal_key and pv.meeting_year = c.agm_year
                       where c.id = updates.campaign_id)))
          from pledge_stats_daily s where s.campaign_id = updates.campaign_id and s.intention = 'for')`,
      })
      .where('status', '=', 'scheduled')
      .where('send_at', '<=', sql<Date>`now()`)
      .where(notPaused)
      .returning('id')
      .execute()
    for (const update of due) await freezeAudience(trx, { updateId: update.id })
    return due.map((u) => u.id)
  })
}

export async function isMailerPaused(db: Db): Promise<boolean> {
  const settings = await db.selectFrom('mailer_settings').select('paused_at').executeTakeFirst()
  return Boolean(settings?.paused_at)
}

/**
 * One round of the mailer: start what is due, then send one batch of each update in flight.
 * Returns how many batches it sent or retried, so the caller knows whether to go on at once.
 */
export async function mailerRound(db: Db, options: { transport: MailTransport; pacer: Pacer; claimTimeoutSeconds?: number }): Promise<number> {
  if (await isMailerPaused(db)) return 0
  await startDueUpdates(db)
  const sending = await db.selectFrom('updates').select('id').where('status', '=', 'sending').where(notPaused).orderBy('send_at').execute()
  let worked = 0
  for (const update of sending) {
    const batch = await claimBatch(db, { updateId: update.id, claimTimeoutSeconds: options.claimTimeoutSeconds })
    if (!batch) {
      await finishIfDone(db, { updateId: update.id })
      continue
    }
    await options.pacer.wait()
    const outcome = await sendBatch(db, options.transport, batch)
    if (outcome.status !== 'failed') options.pacer.learn(outcome.headers)
    worked++
  }
  return worked
}

/**
 * When the mailer next has something to do that no round can do now: a scheduled update falls
 * due, or a batch waiting for a retry (or claimed by a worker that died) may be tried again.
 */
export async function nextMailerWorkAt(db: Db, options: { claimTimeoutSeconds?: number } = {}): Promise<Date | null> {
  const staleAfter = options.claimTimeoutSeconds ?? RETRY_POLICY.staleClaimSeconds
  const row = await sql<{ due: Date | null }>`
    select least(
      (select min(send_at) from updates where status = 'scheduled' and ${notPaused}),
      (select min(coalesce(d.retry_at, d.claimed_at + make_interval(secs => ${staleAfter})))
         from updates join deliveries d on d.update_id = updates.id and d.status = 'sending'
        where updates.status = 'sending' and ${notPaused})
    ) as due`.execute(db)
  const due = row.rows[0]?.due
  return due ? new Date(due) : null
}

/** An update is sent once none of its rows is waiting or in flight; webhooks hear of it. */
async function finishIfDone(db: Db, input: { updateId: number }) {
  await withWebhookEvents(db, async (trx) => {
    const finished = await trx
      .updateTable('updates')
      .set({ status: 'sent', finished_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', input.updateId)
      .where('status', '=', 'sending')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('deliveries').select('id').where('update_id', '=', input.updateId).where('status', 'in', ['queued', 'sending']))))
      .returning('campaign_id')
      .executeTakeFirst()
    if (finished) await emitUpdateSent(trx, { campaignId: finished.campaign_id, updateId: input.updateId })
  })
}
