import { sql } from 'kysely'
import type { Db } from '../../db/schema'
import { composeSignUpEmail, type SignUpEmailPayload } from '../mail/sign-up-emails.server'
import type { MailTransport } from '../mail/transport'
import { defaultTransport } from './mail.server'

// Transactional emails wait here from the moment the change that causes them commits (same
// transaction: a pledge is never stored without its confirmation email, nor the reverse).
// The sender claims due rows with SKIP LOCKED, so any number of processes can share the work.

const MAX_ATTEMPTS = 8
/** A row left "sending" this long was claimed by a process that died: it is tried again. */
const STALE_CLAIM = '5 minutes'

/** The queue row of a sign-up email (inserted by the caller, in the transaction that causes it). */
export function signUpEmailRow(input: { to: string; campaignId: number; supporterId: string; payload: SignUpEmailPayload }) {
  return { kind: input.payload.kind, to_email: input.to, campaign_id: input.campaignId, supporter_id: input.supporterId, payload: JSON.stringify(input.payload) }
}

function retryDelaySeconds(attempts: number, retryAfter?: string): number {
  const fromProvider = Number(retryAfter)
  if (Number.isFinite(fromProvider) && fromProvider > 0) return Math.ceil(fromProvider)
  return Math.min(3600, 15 * 2 ** (attempts - 1)) // 15 s, 30 s, 1 min … up to an hour
}

/**
 * Sends what is due. Each message carries an idempotency key derived from its row, so a retry
 * after a crash or a timeout is never delivered twice. Returns how many went out.
 */
export async function processEmailQueue(db: Db, options: { transport?: MailTransport; limit?: number } = {}) {
  const transport = options.transport ?? defaultTransport(db)
  const claimed = await db
    .updateTable('email_queue')
    .set({ status: 'sending', claimed_at: sql`now()`, attempts: sql`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('email_queue')
        .select('id')
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'queued'), w('next_attempt_at', '<=', sql<Date>`now()`)]),
            w.and([w('status', '=', 'sending'), w('claimed_at', '<', sql<Date>`now() - ${sql.lit(STALE_CLAIM)}::interval`)]),
          ]),
        )
        .orderBy('id')
        .limit(options.limit ?? 50)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'to_email', 'campaign_id', 'payload', 'attempts'])
    .execute()

  let sent = 0
  for (const row of claimed) {
    const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', row.campaign_id!).executeTakeFirst()
    if (!campaign) {
      await db.updateTable('email_queue').set({ status: 'failed', last_error: 'campaign deleted', payload: '{}' }).where('id', '=', row.id).execute()
      continue
    }
    const email = await composeSignUpEmail(campaign, row.to_email, row.payload as SignUpEmailPayload)
    const result = await transport.send({ ...email, campaignId: campaign.id, idempotencyKey: `quorum-email-${row.id}` })
    if (result.ok) {
      sent++
      // The links' tokens are no longer needed here once the email is out.
      await db.updateTable('email_queue').set({ status: 'sent', sent_at: sql`now()`, provider_message_id: result.providerId, payload: '{}', last_error: null }).where('id', '=', row.id).execute()
    } else {
      const giveUp = row.attempts >= MAX_ATTEMPTS || (result.status !== null && result.status >= 400 && result.status < 500 && result.status !== 429)
      await db
        .updateTable('email_queue')
        .set({
          status: giveUp ? 'failed' : 'queued',
          last_error: `${result.status ?? 'network'}: ${result.error}`.slice(0, 500),
          next_attempt_at: sql`now() + make_interval(secs => ${retryDelaySeconds(row.attempts, result.headers['retry-after'])})`,
          ...(giveUp ? { payload: '{}' } : {}),
        })
        .where('id', '=', row.id)
        .execute()
      if (result.status === 429) break // the provider asked us to slow down: stop this round
    }
  }
  return { claimed: claimed.length, sent }
}

/** When the next message waiting for a retry (or left claimed by a process that died) is due. */
export async function nextEmailAttemptAt(db: Db): Promise<Date | null> {
  const row = await db
    .selectFrom('email_queue')
    .select(
      sql<Date | null>`min(case when status = 'queued' then next_attempt_at else claimed_at + ${sql.lit(STALE_CLAIM)}::interval end)`.as('due'),
    )
    .where('status', 'in', ['queued', 'sending'])
    .executeTakeFirst()
  return row?.due ? new Date(row.due) : null
}
