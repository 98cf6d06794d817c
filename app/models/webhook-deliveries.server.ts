import { sql } from 'kysely'
import { Webhook } from 'standardwebhooks'
import type { Db } from '../../db/schema'
import { type AddressRules, checkWebhookHost, type Resolve } from '../utils/webhook-address.server'
import { postWebhook } from '../utils/webhook-post.server'

// The webhook sender. It works the ledger the way the mailer works email_queue: due rows are
// claimed with SKIP LOCKED (any number of workers share them), a claim whose worker died is
// taken again after a while, every claim counts as an attempt, a failure waits longer each time
// up to a cap, and after the last attempt the row is failed. Each attempt is recorded with its
// time, status or error and duration. The body and webhook-id never change between attempts.

export const WEBHOOK_RETRY_POLICY = {
  /** 30 s, 1 min, 2 min … doubling up to the cap: a receiver that is down for a while still gets the event. */
  firstDelaySeconds: 30,
  maxDelaySeconds: 3600,
  /** About nine hours of trying before a delivery is failed (the organizer can resend it). */
  maxAttempts: 15,
  /** Far above one request's timeout, so a slow receiver is not mistaken for a dead worker. */
  staleClaimSeconds: 120,
}

export type RetryPolicy = typeof WEBHOOK_RETRY_POLICY

export interface SenderOptions {
  rules: AddressRules
  timeoutMs: number
  policy?: RetryPolicy
  limit?: number
  /** Tests swap DNS for their own answers. */
  resolve?: Resolve
  now?: () => Date
}

/** The wait after failed attempt number `attempts` (1-based). */
export function webhookRetryDelaySeconds(attempts: number, policy: RetryPolicy = WEBHOOK_RETRY_POLICY): number {
  return Math.min(policy.maxDelaySeconds, policy.firstDelaySeconds * 2 ** Math.max(0, Math.min(20, attempts - 1)))
}

/**
 * The `webhook-signature` header: `v1,<base64 HMAC>` with the current secret and, during a
 * rotation's grace period, the previous one too (space-separated, as the specification allows).
 */
export function signWebhook(input: { secrets: string[]; id: string; timestamp: Date; body: string }): string {
  return input.secrets.map((secret) => new Webhook(secret).sign(input.id, input.timestamp, input.body)).join(' ')
}

/** Sends what is due; returns how many rows it claimed and how many were delivered. */
export async function processWebhookDeliveries(db: Db, options: SenderOptions) {
  const policy = options.policy ?? WEBHOOK_RETRY_POLICY
  const claimed = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'sending', claimed_at: sql`now()`, attempts: sql`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('webhook_deliveries as d')
        .select('d.id')
        .where((w) =>
          w.or([
            w.and([w('d.status', '=', 'queued'), w('d.next_attempt_at', '<=', sql<Date>`now()`)]),
            w.and([w('d.status', '=', 'sending'), w('d.claimed_at', '<', sql<Date>`now() - make_interval(secs => ${policy.staleClaimSeconds})`)]),
          ]),
        )
        .orderBy('d.id')
        .limit(options.limit ?? 20)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'message_id', 'endpoint_id', 'attempts'])
    .execute()
  const outcomes = await Promise.all(claimed.map((row) => deliver(db, row, options, policy)))
  return { claimed: claimed.length, delivered: outcomes.filter(Boolean).length }
}

async function deliver(db: Db, row: { id: string; message_id: string; endpoint_id: number; attempts: number }, options: SenderOptions, policy: RetryPolicy): Promise<boolean> {
  const target = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_messages as m', 'm.id', 'd.message_id')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select(['m.id', 'm.body', 'e.url', 'e.secret', 'e.previous_secret', 'e.disabled_at'])
    .select(sql<boolean>`e.previous_secret is not null and e.previous_secret_expires_at > now()`.as('previous_valid'))
    .where('d.id', '=', row.id)
    .executeTakeFirst()
  if (!target) return false
  if (target.disabled_at) {
    await finishAttempt(db, row.id, { kind: 'failed', error: 'The endpoint is disabled.' }, null)
    return false
  }
  const url = new URL(target.url)
  const checked = await checkWebhookHost(url, options.rules, options.resolve)
  if (!checked.ok && checked.kind === 'refused') {
    // Refused before any connection: recorded, and not retried (the address itself is wrong).
    await finishAttempt(db, row.id, { kind: 'failed', error: `Refused: ${checked.reason}` }, { durationMs: 0, status: null, error: `Refused: ${checked.reason}` })
    return false
  }
  if (!checked.ok) {
    // DNS may answer next time: retried like any failed attempt.
    await finishAttempt(db, row.id, failureVerdict(row.attempts, checked.reason, policy), { durationMs: 0, status: null, error: checked.reason })
    return false
  }
  const timestamp = options.now?.() ?? new Date()
  const secrets = target.previous_valid && target.previous_secret ? [target.secret, target.previous_secret] : [target.secret]
  const headers = {
    'webhook-id': target.id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signWebhook({ secrets, id: target.id, timestamp, body: target.body }),
  }
  const outcome = await postWebhook({ url, address: checked.address, family: checked.family, headers, body: target.body, timeoutMs: options.timeoutMs })
  const attempt = { durationMs: outcome.durationMs, status: outcome.status, error: outcome.status === null ? outcome.error : null }
  if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) {
    await finishAttempt(db, row.id, { kind: 'delivered' }, attempt)
    return true
  }
  const error = outcome.status === null ? outcome.error : `HTTP ${outcome.status}${outcome.status >= 300 && outcome.status < 400 ? ' (redirects are not followed)' : ''}`
  await finishAttempt(db, row.id, failureVerdict(row.attempts, error, policy), attempt)
  return false
}

/** After failed attempt number `attempts`: wait and try again, or give up after the last. */
function failureVerdict(attempts: number, error: string, policy: RetryPolicy): Verdict {
  if (attempts >= policy.maxAttempts) return { kind: 'failed', error: `Gave up after ${attempts} attempts. Last: ${error}` }
  return { kind: 'retry', error, afterSeconds: webhookRetryDelaySeconds(attempts, policy) }
}

type Verdict = { kind: 'delivered' } | { kind: 'failed'; error: string } | { kind: 'retry'; error: string; afterSeconds: number }

/**
 * The ledger row's next state and the attempt's record, together. Nothing is recorded when the
 * row is no longer this claim's (its endpoint was deleted meanwhile).
 */
async function finishAttempt(db: Db, deliveryId: string, verdict: Verdict, attempt: { durationMs: number; status: number | null; error: string | null } | null) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('webhook_deliveries')
      .set(
        verdict.kind === 'delivered'
          ? { status: 'delivered', delivered_at: sql`now()`, last_error: null, claimed_at: null }
          : verdict.kind === 'failed'
            ? { status: 'failed', last_error: verdict.error.slice(0, 500), claimed_at: null }
            : { status: 'queued', last_error: verdict.error.slice(0, 500), claimed_at: null, next_attempt_at: sql`now() + make_interval(secs => ${verdict.afterSeconds})` },
      )
      .where('id', '=', deliveryId)
      .where('status', '=', 'sending')
      .returning('id')
      .executeTakeFirst()
    if (!row || !attempt) return
    await trx
      .insertInto('webhook_attempts')
      .values({ delivery_id: deliveryId, duration_ms: attempt.durationMs, status_code: attempt.status, error: attempt.error?.slice(0, 500) ?? null })
      .execute()
  })
}

/** When the next delivery waiting for a retry (or left claimed by a worker that died) is due. */
export async function nextWebhookAttemptAt(db: Db, options: { policy?: RetryPolicy } = {}): Promise<Date | null> {
  const staleAfter = (options.policy ?? WEBHOOK_RETRY_POLICY).staleClaimSeconds
  const row = await db
    .selectFrom('webhook_deliveries')
    .select(sql<Date | null>`min(case when status = 'queued' then next_attempt_at else claimed_at + make_interval(secs => ${staleAfter}) end)`.as('due'))
    .where('status', 'in', ['queued', 'sending'])
    .executeTakeFirst()
  return row?.due ? new Date(row.due) : null
}
