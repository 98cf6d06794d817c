import { type QueryCreator, sql, type UpdateObject } from 'kysely'
import type { Campaign, Database, Pledge, Db, Trx } from '../../db/schema'
import type { PledgeChange, PledgeSubmission } from '../schemas/pledge'
import { signUpEmailRow } from '../mail/index.server'
import type { ConfirmedPledge } from './consents.server'
import { appendPledgeEvents, type PledgeFields, pledgeChanges } from './pledge-events.server'
import { newTokens } from './supporter-tokens.server'
import { emitPledgeEvent, withWebhookEvents } from './webhook-events.server'
import { normalizeEmail } from '../utils/email-address'
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales'

// Pledges and follows. A pledge is stored at once, as pending, and counts only once its address
// is confirmed (double opt-in). Every change appends pledge_events rows in the same transaction.

export interface SupporterLinks {
  confirmToken: string | null
  manageToken: string
  unsubscribeToken: string
}

export type RecordOutcome =
  /** New or still unconfirmed address: a confirmation email goes out. */
  | { status: 'pending'; supporterId: string; email: string; links: SupporterLinks }
  /** Already confirmed: nothing changes; the email carries a link to manage the pledge. */
  | { status: 'already_confirmed'; supporterId: string; email: string; links: SupporterLinks }

/**
 * The supporter for an address, created if new. A given name is kept only while the address is
 * unconfirmed: the open form never changes a confirmed supporter's data.
 */
async function upsertSupporter(trx: Trx, input: { email: string; name?: string | null; campaignId: number; locale: Locale }) {
  const { email, name } = input
  const supporter = await trx
    .insertInto('supporters')
    .values({ email: normalizeEmail(email), name: name ?? null, locale: input.locale })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet({
        updated_at: sql`now()`,
        // The latest sign-up's language: the one its email (and the next) is written in.
        locale: input.locale,
        ...(name === undefined ? {} : { name: sql`case when supporters.confirmed_at is null then excluded.name else supporters.name end` }),
      }),
    )
    .returning(['id', 'confirmed_at', takesSignUps(input.campaignId).as('campaign_live')])
    .executeTakeFirstOrThrow()
  if (!supporter.campaign_live) throw new CampaignClosedError()
  return supporter
}

/**
 * Whether the campaign still takes pledges and follows (only a live one does). Read inside the
 * sign-up's own transaction, as part of its first statement: the caller's copy of the campaign
 * may be a few seconds old, and a separate query would cost a round trip on every sign-up.
 */
function takesSignUps(campaignId: number) {
  return sql<boolean>`exists (select 1 from campaigns where id = ${campaignId} and status = 'live')`
}

/** The campaign closed: it takes no more pledges or follows (the transaction is rolled back). */
export class CampaignClosedError extends Error {
  override name = 'CampaignClosedError'
  constructor() {
    super('The campaign is not live: it takes no pledges or follows.')
  }
}

/**
 * Fresh links for the supporter, queued in this same transaction as the email that carries them:
 * a confirmation when `confirm` is given, otherwise a "manage your pledge" email.
 */
async function queueLinks(
  trx: Trx,
  input: {
    email: string
    supporterId: string
    campaignId: number
    locale: Locale
    confirm: { signUp: 'pledge' | 'follow'; pledge: { intention: Pledge['intention']; shares: string | null } | null } | null
    /** Subscribe to the campaign's updates too, with this form's consent evidence. */
    subscribe?: { formVersion: string }
  },
): Promise<SupporterLinks> {
  const { supporterId, campaignId } = input
  const tokens = newTokens({
    supporterId,
    tokens: [{ purpose: 'manage' }, { purpose: 'unsubscribe', campaignId }, ...(input.confirm ? [{ purpose: 'confirm' as const }] : [])],
  })
  const [manageToken, unsubscribeToken, confirmToken] = tokens.plain
  const links = { confirmToken: confirmToken ?? null, manageToken: manageToken!, unsubscribeToken: unsubscribeToken! }
  const payload =
    input.confirm && links.confirmToken
      ? { kind: 'confirm' as const, ...input.confirm, confirmToken: links.confirmToken, manageToken: links.manageToken, unsubscribeToken: links.unsubscribeToken, locale: input.locale }
      : { kind: 'manage' as const, manageToken: links.manageToken, unsubscribeToken: links.unsubscribeToken, locale: input.locale }
  // The tokens, the email that carries them and the subscription (when asked), in one statement.
  const { subscribe } = input
  const email = signUpEmailRow({ to: input.email, campaignId, supporterId, payload })
  if (subscribe) {
    await trx
      .with('subscription', (db) => subscription(db, { campaignId, supporterId, formVersion: subscribe.formVersion, locale: input.locale }))
      .with('tokens', (db) => db.insertInto('supporter_tokens').values(tokens.rows))
      .insertInto('email_queue')
      .values(email)
      .execute()
  } else {
    await trx
      .with('tokens', (db) => db.insertInto('supporter_tokens').values(tokens.rows))
      .insertInto('email_queue')
      .values(email)
      .execute()
  }
  return links
}

/** Subscribes the supporter to the campaign's updates (again, if they had left), as one upsert. */
function subscription(db: QueryCreator<Database>, input: { campaignId: number; supporterId: string; formVersion: string; locale: Locale }) {
  return db
    .insertInto('subscriptions')
    .values({ campaign_id: input.campaignId, supporter_id: input.supporterId, form_version: input.formVersion, locale: input.locale })
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'supporter_id']).doUpdateSet({
        status: 'subscribed',
        unsubscribed_at: null,
        consent_at: sql`now()`,
        form_version: input.formVersion,
        locale: input.locale,
        updated_at: sql`now()`,
      }),
    )
}

/** "I have voted" keeps the first time it was said; unticking it clears it. */
function votedAt(existing: Pick<Pledge, 'voted_at'>, voted: boolean): Date | null {
  return voted ? (existing.voted_at ?? new Date()) : null
}

/**
 * Applies `next` to a pledge locked by the caller: the fields, anything in `also`, and one
 * pledge_events row per change, in the caller's transaction. Returns how many fields changed.
 */
async function applyPledgeChanges(trx: Trx, existing: Pledge, next: PledgeFields, also: UpdateObject<Database, 'pledges'> = {}) {
  const changes = pledgeChanges(existing, next)
  if (changes.length === 0) return 0
  await trx
    .updateTable('pledges')
    .set({ ...next, ...also, updated_at: sql`now()` })
    .where('id', '=', existing.id)
    .execute()
  await appendPledgeEvents(trx, existing, changes)
  // Webhooks hear of confirmed pledges only: a pending one is not the campaign's yet.
  if (existing.status === 'confirmed') {
    await emitPledgeEvent(trx, { campaignId: existing.campaign_id, pledgeId: existing.id, type: 'pledge.changed', changed: changes.map((c) => c.kind) })
  }
  return changes.length
}

/**
 * Records a pledge from the public form. The same address again updates its pending pledge,
 * never adds a second one; a confirmed address's pledge is never changed from the open form.
 */
export async function recordPledge(
  db: Db,
  input: { campaign: Pick<Campaign, 'id' | 'status'>; pledge: PledgeSubmission; formVersion: string; locale?: Locale },
): Promise<RecordOutcome> {
  const { campaign, pledge } = input
  const locale = input.locale ?? DEFAULT_LOCALE
  return db.transaction().execute(async (trx) => {
    const email = normalizeEmail(pledge.email)
    const supporter = await upsertSupporter(trx, { email, name: pledge.name ?? null, campaignId: campaign.id, locale })
    if (supporter.confirmed_at) {
      const links = await queueLinks(trx, { email, supporterId: supporter.id, campaignId: campaign.id, locale, confirm: null })
      return { status: 'already_confirmed', supporterId: supporter.id, email, links }
    }

    const fields = {
      intention: pledge.intention,
      shares: pledge.shares ?? null,
      holder_type: pledge.holderType,
      broker: pledge.broker || null,
      show_name: pledge.showName,
    }
    // The pledge and its `created` event in one statement; nothing when the address already
    // has a pledge here (then the row is locked and changed below).
    const snapshot = { ...fields, voted_at: votedAt({ voted_at: null }, pledge.voted) }
    const created = await trx
      .with('pledge', (db) =>
        db
          .insertInto('pledges')
          .values({ campaign_id: campaign.id, supporter_id: supporter.id, ...snapshot, form_version: input.formVersion, locale, referrer_source: pledge.source ?? null })
          .onConflict((oc) => oc.columns(['campaign_id', 'supporter_id']).doNothing())
          .returning(['id', 'campaign_id', 'supporter_id']),
      )
      .insertInto('pledge_events')
      .columns(['campaign_id', 'pledge_id', 'supporter_id', 'kind', 'actor', 'data'])
      .expression((eb) =>
        eb
          .selectFrom('pledge')
          .select(['campaign_id', 'id', 'supporter_id', sql<'created'>`'created'`.as('kind'), sql<'supporter'>`'supporter'`.as('actor'), sql<string>`${JSON.stringify(snapshot)}::jsonb`.as('data')]),
      )
      .returning('pledge_id')
      .executeTakeFirst()

    if (!created) {
      // The row lock serializes concurrent submissions for the same address.
      const existing = await trx
        .selectFrom('pledges')
        .selectAll()
        .where('campaign_id', '=', campaign.id)
        .where('supporter_id', '=', supporter.id)
        .forUpdate()
        .executeTakeFirstOrThrow()
      const next = { ...fields, voted_at: votedAt(existing, pledge.voted) }
      // A change from the open form waits for the address to be confirmed again.
      await applyPledgeChanges(trx, existing, next, { status: 'pending', consent_at: sql`now()`, form_version: input.formVersion, locale })
    }
    const links = await queueLinks(trx, {
      email,
      supporterId: supporter.id,
      campaignId: campaign.id,
      locale,
      confirm: { signUp: 'pledge', pledge: { intention: pledge.intention, shares: pledge.shares ?? null } },
      subscribe: pledge.updates ? { formVersion: input.formVersion } : undefined,
    })
    return { status: 'pending', supporterId: supporter.id, email, links }
  })
}

/** "Just follow updates": a subscription without a pledge, confirmed the same way. */
export async function recordFollow(
  db: Db,
  input: { campaign: Pick<Campaign, 'id' | 'status'>; email: string; formVersion: string; locale?: Locale },
): Promise<RecordOutcome> {
  const locale = input.locale ?? DEFAULT_LOCALE
  return db.transaction().execute(async (trx) => {
    const email = normalizeEmail(input.email)
    const supporter = await upsertSupporter(trx, { email, campaignId: input.campaign.id, locale })
    if (supporter.confirmed_at) {
      const links = await queueLinks(trx, { email, supporterId: supporter.id, campaignId: input.campaign.id, locale, confirm: null })
      return { status: 'already_confirmed', supporterId: supporter.id, email, links }
    }
    const links = await queueLinks(trx, {
      email,
      supporterId: supporter.id,
      campaignId: input.campaign.id,
      locale,
      confirm: { signUp: 'follow', pledge: null },
      subscribe: { formVersion: input.formVersion },
    })
    return { status: 'pending', supporterId: supporter.id, email, links }
  })
}

/**
 * Confirms the supporter's address: their pending pledges start to count (the stats triggers
 * add them to the tally in this same transaction) and their subscriptions become active.
 * Returns the pledges it confirmed and whether the address was confirmed just now, for the
 * consent records written in the same transaction.
 */
export async function confirmSupporter(trx: Trx, input: { supporterId: string }): Promise<{ addressConfirmedNow: boolean; pledges: ConfirmedPledge[] }> {
  // now() is the transaction's start: a confirmed_at equal to it was set by this statement.
  const supporter = await trx
    .updateTable('supporters')
    .set({ confirmed_at: sql`coalesce(confirmed_at, now())`, updated_at: sql`now()` })
    .where('id', '=', input.supporterId)
    .returning(sql<boolean>`confirmed_at = now()`.as('confirmed_now'))
    .executeTakeFirst()
  const confirmed = await trx
    .updateTable('pledges')
    .set({ status: 'confirmed', confirmed_at: sql`now()`, updated_at: sql`now()` })
    .where('supporter_id', '=', input.supporterId)
    .where('status', '=', 'pending')
    .returning(['id', 'campaign_id', 'supporter_id', 'show_name', 'form_version', 'consent_at', 'locale'])
    .execute()
  for (const pledge of confirmed) {
    await appendPledgeEvents(trx, pledge, [{ kind: 'confirmed', data: {} }])
    await emitPledgeEvent(trx, { campaignId: pledge.campaign_id, pledgeId: pledge.id, type: 'pledge.confirmed' })
  }
  return { addressConfirmedNow: supporter?.confirmed_now === true, pledges: confirmed }
}

export type ChangeOutcome = { ok: true; changed: number } | { ok: false; reason: 'not_found' | 'closed' }

/** A supporter's own change to one of their pledges (from /me). */
export async function changePledge(db: Db, input: { supporterId: string; change: PledgeChange }): Promise<ChangeOutcome> {
  const { change } = input
  return changeOwnPledge(db, { supporterId: input.supporterId, pledge: { id: change.pledgeId } }, (existing) => ({
    intention: change.intention,
    shares: change.shares ?? null,
    holder_type: change.holderType,
    broker: change.broker || null,
    voted_at: votedAt(existing, change.voted),
    show_name: change.showName,
  }))
}

/**
 * "I have voted", from the link in a reminder email: sets the supporter's pledge in that campaign
 * to voted, keeping the first time it was said, with its event. Saying it again changes nothing.
 */
export async function markVoted(db: Db, input: { supporterId: string; campaignId: number }): Promise<ChangeOutcome> {
  return changeOwnPledge(db, { supporterId: input.supporterId, pledge: { campaignId: input.campaignId } }, (existing) => {
    const { intention, shares, holder_type, broker, show_name } = existing
    return { intention, shares, holder_type, broker, show_name, voted_at: votedAt(existing, true) }
  })
}

/**
 * One supporter's pledge (by its id, or in a campaign), locked; refused once its campaign is no
 * longer live; then changed to what `next` makes of it, with its events.
 */
async function changeOwnPledge(
  db: Db,
  input: { supporterId: string; pledge: { id: string } | { campaignId: number } },
  next: (existing: Pledge) => PledgeFields,
): Promise<ChangeOutcome> {
  const { pledge } = input
  return withWebhookEvents(db, async (trx) => {
    const existing = await trx
      .selectFrom('pledges')
      .selectAll()
      .where((eb) => ('id' in pledge ? eb('id', '=', pledge.id) : eb('campaign_id', '=', pledge.campaignId)))
      .where('supporter_id', '=', input.supporterId)
      .forUpdate()
      .executeTakeFirst()
    if (!existing) return { ok: false, reason: 'not_found' } as const
    // Closed means closed: the tally of a campaign that is over never moves. The share lock waits
    // for a status change in progress, so a change racing the close cannot slip in after it.
    const campaign = await trx.selectFrom('campaigns').select('status').where('id', '=', existing.campaign_id).forShare().executeTakeFirstOrThrow()
    if (campaign.status !== 'live') return { ok: false, reason: 'closed' } as const
    return { ok: true, changed: await applyPledgeChanges(trx, existing, next(existing)) } as const
  })
}

/** For the "send me a new link" form: fresh links, emailed, for a known address; nothing for others. */
export async function issueFreshLinks(db: Db, input: { email: string }) {
  return db.transaction().execute(async (trx) => {
    const supporter = await trx.selectFrom('supporters').select(['id', 'confirmed_at', 'email', 'locale']).where('email', '=', normalizeEmail(input.email)).executeTakeFirst()
    if (!supporter) return null
    const latest = await trx
      .selectFrom('pledges')
      .select('campaign_id')
      .where('supporter_id', '=', supporter.id)
      .union(trx.selectFrom('subscriptions').select('campaign_id').where('supporter_id', '=', supporter.id))
      .executeTakeFirst()
    if (!latest) return null
    const confirmed = supporter.confirmed_at !== null
    const links = await queueLinks(trx, {
      email: supporter.email,
      supporterId: supporter.id,
      campaignId: latest.campaign_id,
      locale: supporter.locale,
      confirm: confirmed ? null : { signUp: 'pledge', pledge: null },
    })
    return { status: confirmed ? ('already_confirmed' as const) : ('pending' as const), supporterId: supporter.id, email: supporter.email, links }
  })
}
