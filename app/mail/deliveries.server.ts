import { sql } from 'kysely'
import type { Db, UpdateAudience, UpdateSegment } from '../../db/schema'
import { deliveryTokens, personalise, renderUpdate } from './update-emails.server'
import type { MailTransport } from './transport'
import type { Locale } from '../i18n/locales'
import { hashToken } from '../utils/tokens.server'
import { tokenExpiry } from '../models/supporter-tokens.server'
import { classifySendFailure, RETRY_POLICY } from './retry-policy'

// Exactly once, on an at-least-once machine (see docs/delivery-state-machine.md):
// 1. the audience is frozen into `deliveries` rows, unique per (update, supporter);
// 2. a worker claims up to 100 queued rows atomically (SKIP LOCKED) and names the batch by a
//    hash of their ids: the batch's Resend idempotency key;
// 3. the batch goes out in one request; on success each row gets its provider id;
// 4. on a 429, 5xx or timeout the rows stay claimed and the same batch is retried later with
//    the same key and the same bytes, so Resend delivers it at most once;
// 5. rows whose worker died are retried the same way once their claim is stale; rows first
//    attempted more than a day ago (Resend keeps keys 24 hours) are never resent blindly.

export const BATCH_SIZE = 100
const KEY_LIFETIME_HOURS = 23

/** Who may receive an update: confirmed, subscribed, not suppressed, and in its audience. */
function eligible(audience: UpdateAudience) {
  const pledged = sql`p.status = 'confirmed'`
  const byAudience = {
    all: sql`true`,
    pledged_not_voted: sql`${pledged} and p.voted_at is null`,
    undecided: sql`${pledged} and p.intention = 'undecided'`,
    pledged_for: sql`${pledged} and p.intention = 'for'`,
    followers: sql`p.id is null`,
  }[audience]
  return sql`s.confirmed_at is not null and s.suppressed_at is null and not s.is_demo
    and sub.status = 'subscribed' and (${byAudience})`
}

/**
 * A one-off update's segment: confirmed pledgers matching every filter it sets. Applied when its
 * audience is counted and frozen, not again before each batch: the segment is who it was when
 * sending started.
 */
function inSegment(segment: UpdateSegment | null | undefined) {
  if (!segment || Object.keys(segment).length === 0) return sql`true`
  const filters = [sql`p.status = 'confirmed'`]
  if (segment.intention) filters.push(sql`p.intention = ${segment.intention}`)
  if (segment.voted) filters.push(segment.voted === 'yes' ? sql`p.voted_at is not null` : sql`p.voted_at is null`)
  if (segment.broker) filters.push(sql`lower(p.broker) = lower(${segment.broker})`)
  if (segment.holderType) filters.push(sql`p.holder_type = ${segment.holderType}`)
  if (segment.source) filters.push(sql`p.referrer_source = ${segment.source}`)
  if (segment.confirmedSince) filters.push(sql`p.confirmed_at >= ${segment.confirmedSince}::timestamptz`)
  return sql.join(filters, sql` and `)
}

const audienceJoins = (campaignId: number) => sql`
  from supporters s
  join subscriptions sub on sub.supporter_id = s.id and sub.campaign_id = ${campaignId}
  left join pledges p on p.supporter_id = s.id and p.campaign_id = ${campaignId}`

/**
 * How many people an update for `audience` would reach if it started now: the same rule that
 * freezes its audience (and that each row is checked against again before it is sent).
 */
export async function countEligible(db: Db, input: { campaignId: number; audience: UpdateAudience; segment?: UpdateSegment | null }): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n ${audienceJoins(input.campaignId)} where ${eligible(input.audience)} and ${inSegment(input.segment)}`.execute(db)
  return rows[0]?.n ?? 0
}

/**
 * Freezes the audience into delivery rows; running it twice adds nobody twice. Each row keeps the
 * recipient's language as it is now, so a retry (or a later sign-up in another language) never
 * changes the bytes of a batch.
 */
export async function freezeAudience(db: Db, input: { updateId: number }): Promise<number> {
  const update = await db.selectFrom('updates').select(['campaign_id', 'audience', 'segment']).where('id', '=', input.updateId).executeTakeFirstOrThrow()
  const result = await sql`
    insert into deliveries (update_id, supporter_id, locale)
    select ${input.updateId}::int, s.id, s.locale ${audienceJoins(update.campaign_id)}
    where ${eligible(update.audience)} and ${inSegment(update.segment)}
    on conflict (update_id, supporter_id) do nothing`.execute(db)
  return Number(result.numAffectedRows ?? 0)
}

export interface ClaimedBatch {
  updateId: number
  key: string
  rows: Array<{ id: string; email: string; locale: Locale }>
}

/** A batch to send: first one due for a retry (same rows, same key), else up to 100 new rows. */
export async function claimBatch(db: Db, input: { updateId: number; size?: number; claimTimeoutSeconds?: number }): Promise<ClaimedBatch | null> {
  const { updateId } = input
  const staleAfter = input.claimTimeoutSeconds ?? RETRY_POLICY.staleClaimSeconds
  // Give up on batches whose idempotency key may have expired at Resend: they need a person.
  await db
    .updateTable('deliveries')
    .set({ status: 'failed', last_error: 'Not confirmed within a day of the first attempt: check Resend’s log before sending again.', updated_at: sql`now()` })
    .where('update_id', '=', updateId)
    .where('status', '=', 'sending')
    .where('first_attempt_at', '<', sql<Date>`now() - make_interval(hours => ${KEY_LIFETIME_HOURS})`)
    .execute()

  const retry = await sql<{ id: string; email: string; locale: Locale; batch_key: string }>`
    with due as (
      select batch_key from deliveries
      where update_id = ${updateId} and status = 'sending'
        and coalesce(retry_at, claimed_at + make_interval(secs => ${staleAfter})) <= now()
      order by batch_key limit 1
    ), taken as (
      update deliveries d set claimed_at = now(), retry_at = null, attempts = attempts + 1, updated_at = now()
      from due where d.update_id = ${updateId} and d.batch_key = due.batch_key and d.status = 'sending'
      returning d.id, d.supporter_id, d.batch_key, d.locale
    )
    select taken.id, s.email, taken.locale, taken.batch_key from taken join supporters s on s.id = taken.supporter_id order by taken.id`.execute(db)
  if (retry.rows.length > 0) return { updateId, key: retry.rows[0]!.batch_key, rows: retry.rows.map(({ id, email, locale }) => ({ id, email, locale })) }

  // Re-check each row just before sending, in the same statement that claims it: whoever
  // unsubscribed, was suppressed or left the audience since the freeze is skipped, never sent.
  // Only the rows picked are checked, so a round costs the same at 100 or 100,000 queued rows.
  const update = await db.selectFrom('updates').select(['campaign_id', 'audience']).where('id', '=', updateId).executeTakeFirstOrThrow()
  for (;;) {
    const claimed = await sql<{ id: string | null; email: string | null; locale: Locale | null; batch_key: string | null; skipped: number }>`
      with picked as (
        select id, supporter_id from deliveries where update_id = ${updateId} and status = 'queued'
        order by id limit ${input.size ?? BATCH_SIZE} for update skip locked
      ), judged as (
        select picked.id, exists (select 1 ${audienceJoins(update.campaign_id)} where s.id = picked.supporter_id and ${eligible(update.audience)}) as ok
        from picked
      ), skipped as (
        update deliveries d set status = 'skipped', updated_at = now()
        from judged where d.id = judged.id and not judged.ok
        returning d.id
      ), named as (
        select 'quorum-u' || ${updateId}::text || '-' || md5(string_agg(id::text, ',' order by id)) as batch_key from judged where ok
      ), taken as (
        update deliveries d set status = 'sending', batch_key = named.batch_key, claimed_at = now(), first_attempt_at = now(),
          attempts = attempts + 1, updated_at = now()
        from judged, named where d.id = judged.id and judged.ok
        returning d.id, d.supporter_id, d.batch_key, d.locale
      )
      select taken.id, s.email, taken.locale, taken.batch_key, (select count(*)::int from skipped) as skipped
      from (select 1) one left join (taken join supporters s on s.id = taken.supporter_id) on true
      order by taken.id`.execute(db)
    const rows = claimed.rows.filter((r): r is { id: string; email: string; locale: Locale; batch_key: string; skipped: number } => r.id !== null)
    if (rows.length > 0) return { updateId, key: rows[0]!.batch_key, rows: rows.map(({ id, email, locale }) => ({ id, email, locale })) }
    // A whole batch of rows that are no longer eligible: go on to the next rows at once.
    if ((claimed.rows[0]?.skipped ?? 0) === 0) return null
  }
}

export type BatchOutcome =
  | { status: 'sent'; count: number; headers: Record<string, string> }
  | { status: 'retry'; afterSeconds: number; error: string; headers: Record<string, string> }
  | { status: 'failed'; error: string }

/** Sends one claimed batch and records what happened to each of its rows. */
export async function sendBatch(db: Db, transport: MailTransport, batch: ClaimedBatch): Promise<BatchOutcome> {
  const update = await db.selectFrom('updates').selectAll().where('id', '=', batch.updateId).executeTakeFirstOrThrow()
  const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', update.campaign_id).executeTakeFirstOrThrow()
  // One render per language in the batch; each recipient's copy is made from the one in their language.
  const locales = [...new Set(batch.rows.map((row) => row.locale))]
  const rendered = new Map(await Promise.all(locales.map(async (locale) => [locale, await renderUpdate(campaign, update, locale)] as const)))
  await registerLinkTokens(db, { campaignId: campaign.id, deliveryIds: batch.rows.map((r) => r.id) })

  const emails = batch.rows.map((row) => ({ ...personalise(rendered.get(row.locale)!, { deliveryId: row.id, email: row.email }), campaignId: campaign.id }))
  const result = await transport.sendBatch(emails, batch.key)
  const ids = batch.rows.map((r) => r.id)

  if (result.ok) {
    const values = ids.map((id, i) => sql`(${id}::bigint, ${result.providerIds[i] ?? null}::text)`)
    await sql`
      update deliveries d set status = 'sent', provider_message_id = v.provider_id, sent_at = now(), retry_at = null, last_error = null, updated_at = now()
      from (values ${sql.join(values)}) as v(id, provider_id) where d.id = v.id and d.status = 'sending'`.execute(db)
    return { status: 'sent', count: ids.length, headers: result.headers }
  }
  const attempts = await db.selectFrom('deliveries').select(sql<number>`max(attempts)`.as('n')).where('id', 'in', ids).executeTakeFirstOrThrow()
  const verdict = classifySendFailure(result, attempts.n)
  if (!verdict.retry) {
    await db.updateTable('deliveries').set({ status: 'failed', last_error: verdict.error, updated_at: sql`now()` }).where('id', 'in', ids).execute()
    return { status: 'failed', error: verdict.error }
  }
  const { afterSeconds, error } = verdict
  await db
    .updateTable('deliveries')
    .set({ last_error: error, retry_at: sql`now() + make_interval(secs => ${afterSeconds})`, updated_at: sql`now()` })
    .where('id', 'in', ids)
    .execute()
  return { status: 'retry', afterSeconds, error, headers: result.headers }
}

/** The derived link tokens become valid: their hashes are stored, bound to supporter and campaign. */
async function registerLinkTokens(db: Db, input: { campaignId: number; deliveryIds: string[] }) {
  const rows = await db.selectFrom('deliveries').select(['id', 'supporter_id']).where('id', 'in', input.deliveryIds).execute()
  if (rows.length === 0) return
  const values = rows.flatMap((row) => {
    const tokens = deliveryTokens(row.id)
    return [
      { supporter_id: row.supporter_id, campaign_id: null, purpose: 'manage' as const, token_hash: hashToken(tokens.manage), expires_at: tokenExpiry('manage'), delivery_id: row.id },
      // The delivery is remembered so that an unsubscribe through this email counts in its figures.
      { supporter_id: row.supporter_id, campaign_id: input.campaignId, purpose: 'unsubscribe' as const, token_hash: hashToken(tokens.unsubscribe), expires_at: tokenExpiry('unsubscribe'), delivery_id: row.id },
      // "I voted" acts on this campaign's pledge only.
      { supporter_id: row.supporter_id, campaign_id: input.campaignId, purpose: 'voted' as const, token_hash: hashToken(tokens.voted), expires_at: tokenExpiry('voted'), delivery_id: row.id },
    ]
  })
  await db.insertInto('supporter_tokens').values(values).onConflict((oc) => oc.column('token_hash').doNothing()).execute()
}
