import { sql } from 'kysely'
import type { Db } from '../../db/schema'
import { composeSignUpEmail, type SignUpEmailPayload } from './sign-up-emails.server'
import type { MailTransport, OutgoingEmail } from './transport'
import { defaultTransport } from './default-transport.server'
import type { Pacer } from './pacer'
import { classifySendFailure, RETRY_POLICY } from './retry-policy'
import { composeOrganizerEmail, isOrganizerEmail, type OrganizerEmailPayload } from './organizer-emails.server'

// Transactional emails (sign-up emails, and organizer account emails: decision 017) wait here from the moment the change that causes them commits (same
// transaction: a pledge is never stored without its confirmation email, nor the reverse).
// The sender claims due rows with SKIP LOCKED, so any number of processes can share the work.


/** The queue row of a sign-up email (inserted by the caller, in the transaction that causes it). */
export function signUpEmailRow(input: { to: string; campaignId: number; supporterId: string; payload: SignUpEmailPayload }) {
  return { kind: input.payload.kind, to_email: input.to, campaign_id: input.campaignId, supporter_id: input.supporterId, payload: JSON.stringify(input.payload) }
}

/**
 * Sends what is due. Each message carries an idempotency key derived from its row, so a retry
 * after a crash or a timeout is never delivered twice. Returns how many went out.
 */
export async function processEmailQueue(db: Db, options: { transport?: MailTransport; pacer?: Pacer; limit?: number; claimTimeoutSeconds?: number } = {}) {
  const transport = options.transport ?? defaultTransport(db)
  const staleAfter = options.claimTimeoutSeconds ?? RETRY_POLICY.staleClaimSeconds
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
            w.and([w('status', '=', 'sending'), w('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${staleAfter})`)]),
          ]),
        )
        .orderBy('id')
        .limit(options.limit ?? 50)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'kind', 'to_email', 'campaign_id', 'payload', 'attempts'])
    .execute()

  let sent = 0
  for (const row of claimed) {
    let email: Omit<OutgoingEmail, 'idempotencyKey'>
    if (isOrganizerEmail(row.kind)) {
      // An invitation belongs to its campaign (its owners see it in the outbox); a reset to no campaign.
      email = { ...(await composeOrganizerEmail(db, row.to_email, row.payload as OrganizerEmailPayload)), campaignId: row.campaign_id ?? undefined }
    } else {
      const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', row.campaign_id!).executeTakeFirst()
      if (!campaign) {
        await db.updateTable('email_queue').set({ status: 'failed', last_error: 'campaign deleted', payload: '{}' }).where('id', '=', row.id).execute()
        continue
      }
      email = { ...(await composeSignUpEmail(campaign, row.to_email, row.payload as SignUpEmailPayload)), campaignId: campaign.id }
    }
    await options.pacer?.wait()
    const result = await transport.send({ ...email, idempotencyKey: `quorum-email-${row.id}` })
    options.pacer?.learn(result.headers ?? {})
    if (result.ok) {
      sent++
      // The links' tokens are no longer needed here once the email is out.
      await db.updateTable('email_queue').set({ status: 'sent', sent_at: sql`now()`, provider_message_id: result.providerId, payload: '{}', last_error: null }).where('id', '=', row.id).execute()
    } else {
      const verdict = classifySendFailure(result, row.attempts)
      await db
        .updateTable('email_queue')
        .set({
          status: verdict.retry ? 'queued' : 'failed',
          last_error: verdict.error,
          // A row that gave up keeps no link tokens.
          ...(verdict.retry ? { next_attempt_at: sql`now() + make_interval(secs => ${verdict.afterSeconds})` } : { payload: '{}' }),
        })
        .where('id', '=', row.id)
        .execute()
      if (result.status === 429) break // the provider asked us to slow down: stop this round
    }
  }
  return { claimed: claimed.length, sent }
}

/** When the next message waiting for a retry (or left claimed by a process that died) is due. */
export async function nextEmailAttemptAt(db: Db, options: { claimTimeoutSeconds?: number } = {}): Promise<Date | null> {
  const staleAfter = options.claimTimeoutSeconds ?? RETRY_POLICY.staleClaimSeconds
  const row = await db
    .selectFrom('email_queue')
    .select(
      sql<Date | null>`min(case when status = 'queued' then next_attempt_at else claimed_at + make_interval(secs => ${staleAfter}) end)`.as('due'),
    )
    .where('status', 'in', ['queued', 'sending'])
    .executeTakeFirst()
  return row?.due ? new Date(row.due) : null
}
