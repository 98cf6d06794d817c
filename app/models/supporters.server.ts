import { sql } from 'kysely'
import type { Db } from '../../db/schema'
import { listConsents, recordConsents, recordResubscribeConsent } from './consents.server'
import type { Locale } from '../i18n/locales'
import { ME_RESUBSCRIBE_VERSION } from '../schemas/pledge'
import { confirmSupporter } from './pledges.server'
import { consumeToken, issueToken, peekToken, type TokenLookup } from './supporter-tokens.server'
import { emitPledgeDeleted, emitUnsubscribed, withWebhookEvents } from './webhook-events.server'

// A supporter's own data: confirmation, overview, unsubscribes, export and erasure.

export type ConfirmOutcome = { ok: true; manageToken: string } | { ok: false; reason: Exclude<TokenLookup, { ok: true }>['reason'] }

/**
 * Uses a confirmation link: the address is confirmed, its pending pledges count from now, and
 * what was agreed to is recorded with the network of `clientIp` (the confirming request's).
 */
export async function confirmByToken(db: Db, input: { token: string | undefined; clientIp?: string }): Promise<ConfirmOutcome> {
  return withWebhookEvents(db, async (trx) => {
    const used = await consumeToken(trx, { token: input.token, purpose: 'confirm' })
    if (!used.ok) return { ok: false, reason: used.reason }
    const confirmed = await confirmSupporter(trx, { supporterId: used.supporterId })
    await recordConsents(trx, { supporterId: used.supporterId, ...confirmed, clientIp: input.clientIp })
    return { ok: true, manageToken: await issueToken(trx, { supporterId: used.supporterId, purpose: 'manage' }) }
  })
}

export async function getSupporterOverview(db: Db, input: { supporterId: string }) {
  const supporter = await db
    .selectFrom('supporters')
    .select(['id', 'email', 'name', 'confirmed_at', 'suppressed_at', 'suppression_reason', 'created_at'])
    .where('id', '=', input.supporterId)
    .executeTakeFirst()
  if (!supporter) return null
  const [pledges, subscriptions] = await Promise.all([
    db
      .selectFrom('pledges')
      .innerJoin('campaigns', 'campaigns.id', 'pledges.campaign_id')
      .where('campaigns.status', '!=', 'draft')
      .select([
        'pledges.id',
        'pledges.campaign_id',
        'pledges.status',
        'pledges.intention',
        'pledges.shares',
        'pledges.holder_type',
        'pledges.broker',
        'pledges.voted_at',
        'pledges.show_name',
        'pledges.created_at',
        'pledges.updated_at',
        'campaigns.slug',
        'campaigns.title',
        'campaigns.company',
        'campaigns.agm_year',
        'campaigns.status as campaign_status',
        'campaigns.shares_outstanding',
        'campaigns.market',
      ])
      .where('pledges.supporter_id', '=', input.supporterId)
      .orderBy('pledges.created_at', 'desc')
      .execute(),
    db
      .selectFrom('subscriptions')
      .innerJoin('campaigns', 'campaigns.id', 'subscriptions.campaign_id')
      .where('campaigns.status', '!=', 'draft')
      .select(['subscriptions.campaign_id', 'subscriptions.status', 'subscriptions.created_at', 'campaigns.slug', 'campaigns.title', 'campaigns.company', 'campaigns.agm_year'])
      .where('subscriptions.supporter_id', '=', input.supporterId)
      .orderBy('subscriptions.created_at', 'desc')
      .execute(),
  ])
  return { supporter, pledges, subscriptions }
}

/** Stops one campaign's updates; true when the supporter was subscribed until now. */
export async function unsubscribeFromCampaign(db: Db, input: { supporterId: string; campaignId: number }): Promise<boolean> {
  return withWebhookEvents(db, async (trx) => {
    const left = await trx
      .updateTable('subscriptions')
      .set({ status: 'unsubscribed', unsubscribed_at: sql`coalesce(unsubscribed_at, now())`, updated_at: sql`now()` })
      .where('supporter_id', '=', input.supporterId)
      .where('campaign_id', '=', input.campaignId)
      .where('status', '=', 'subscribed')
      .returning('campaign_id')
      .executeTakeFirst()
    if (left) await emitUnsubscribed(trx, input)
    return left !== undefined
  })
}

/** Stops every email: all subscriptions end and the address is marked so no campaign mails it. */
export async function unsubscribeFromAll(db: Db, input: { supporterId: string }): Promise<void> {
  await withWebhookEvents(db, async (trx) => {
    const left = await trx
      .updateTable('subscriptions')
      .set({ status: 'unsubscribed', unsubscribed_at: sql`coalesce(unsubscribed_at, now())`, updated_at: sql`now()` })
      .where('supporter_id', '=', input.supporterId)
      .where('status', '=', 'subscribed')
      .returning('campaign_id')
      .execute()
    for (const { campaign_id } of left) await emitUnsubscribed(trx, { supporterId: input.supporterId, campaignId: campaign_id })
    await trx
      .updateTable('supporters')
      .set({ suppressed_at: sql`coalesce(suppressed_at, now())`, suppression_reason: sql`coalesce(suppression_reason, 'unsubscribed_all')`, updated_at: sql`now()` })
      .where('id', '=', input.supporterId)
      .execute()
  })
}

/** Opts back in to one campaign's updates (and lifts an "unsubscribe from everything"), with its consent on record. */
export async function resubscribe(db: Db, input: { supporterId: string; campaignId: number; locale: Locale; clientIp?: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { consent_at } = await trx
      .insertInto('subscriptions')
      .values({ campaign_id: input.campaignId, supporter_id: input.supporterId, form_version: ME_RESUBSCRIBE_VERSION, locale: input.locale })
      .onConflict((oc) =>
        oc.columns(['campaign_id', 'supporter_id']).doUpdateSet({
          status: 'subscribed',
          unsubscribed_at: null,
          consent_at: sql`now()`,
          form_version: ME_RESUBSCRIBE_VERSION,
          locale: input.locale,
          updated_at: sql`now()`,
        }),
      )
      .returning('consent_at')
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('supporters')
      .set({ suppressed_at: null, suppression_reason: null, updated_at: sql`now()` })
      .where('id', '=', input.supporterId)
      .where('suppression_reason', '=', 'unsubscribed_all')
      .execute()
    await recordResubscribeConsent(trx, { ...input, givenAt: consent_at })
  })
}

export type SubscriptionChange = { ok: true } | { ok: false; formError: string }

/**
 * From /me: stop or restart one campaign's updates. Only a published campaign the supporter
 * has a pledge or a subscription in: any other id (a draft, someone else's, none) is refused.
 */
export async function setCampaignSubscription(
  db: Db,
  input: { supporterId: string; campaignId: number; subscribed: boolean; locale: Locale; clientIp?: string },
): Promise<SubscriptionChange> {
  const campaign = await db
    .selectFrom('campaigns')
    .select('id')
    .where('id', '=', input.campaignId)
    .where('status', '!=', 'draft')
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('subscriptions').select('id').whereRef('subscriptions.campaign_id', '=', 'campaigns.id').where('subscriptions.supporter_id', '=', input.supporterId)),
        eb.exists(eb.selectFrom('pledges').select('id').whereRef('pledges.campaign_id', '=', 'campaigns.id').where('pledges.supporter_id', '=', input.supporterId)),
      ]),
    )
    .executeTakeFirst()
  if (!campaign) return { ok: false, formError: 'That campaign is not one of yours: reload the page and use its buttons.' }
  if (input.subscribed) await resubscribe(db, input)
  else await unsubscribeFromCampaign(db, input)
  return { ok: true }
}

/** Everything Quorum holds about a supporter, for the JSON download. */
export async function exportSupporterData(db: Db, input: { supporterId: string }) {
  const overview = await getSupporterOverview(db, input)
  if (!overview) return null
  const events = await db
    .selectFrom('pledge_events')
    .innerJoin('campaigns', 'campaigns.id', 'pledge_events.campaign_id')
    .select(['pledge_events.kind', 'pledge_events.actor', 'pledge_events.data', 'pledge_events.created_at', 'campaigns.slug'])
    .where('pledge_events.supporter_id', '=', input.supporterId)
    .orderBy('pledge_events.id')
    .execute()
  const consents = await db
    .selectFrom('pledges')
    .select(['campaign_id', 'consent_at', 'form_version'])
    .where('supporter_id', '=', input.supporterId)
    .execute()
  const agreements = await listConsents(db, input)
  const { supporter, pledges, subscriptions } = overview
  return {
    exportedAt: new Date().toISOString(),
    about: 'Everything Quorum holds about this email address.',
    supporter: {
      email: supporter.email,
      name: supporter.name,
      confirmedAt: supporter.confirmed_at,
      createdAt: supporter.created_at,
      emailStopped: supporter.suppressed_at ? { at: supporter.suppressed_at, reason: supporter.suppression_reason } : null,
    },
    pledges: pledges.map((p) => ({
      campaign: `${p.company}: ${p.title} (${p.agm_year})`,
      campaignSlug: p.slug,
      status: p.status,
      intention: p.intention,
      shares: p.shares,
      holderType: p.holder_type,
      broker: p.broker,
      votedAt: p.voted_at,
      showNamePublicly: p.show_name,
      createdAt: p.created_at,
      updatedAt: p.updated_at,
      consent: consents.find((c) => c.campaign_id === p.campaign_id) ?? null,
    })),
    subscriptions: subscriptions.map((s) => ({ campaign: `${s.company}: ${s.title} (${s.agm_year})`, campaignSlug: s.slug, status: s.status, since: s.created_at })),
    history: events.map((e) => ({ campaignSlug: e.slug, kind: e.kind, by: e.actor, details: e.data, at: e.created_at })),
    /** What was agreed to at each confirmation, in the words (and the language) the form showed. */
    consentRecords: agreements.map((c) => ({
      campaignSlug: c.slug,
      agreedTo: c.agreed_to,
      formVersion: c.form_version,
      wording: c.wording,
      language: c.locale,
      sentAt: c.given_at,
      confirmedAt: c.confirmed_at,
      fromNetwork: c.network_prefix,
    })),
  }
}

/**
 * Erasure: the supporter's pledges leave the tally (the stats triggers subtract them), their
 * personal data is deleted, and their history stays only as anonymous events with no details.
 */
export async function eraseSupporter(db: Db, input: { supporterId: string }): Promise<{ erasedPledges: number }> {
  return withWebhookEvents(db, async (trx) => {
    const pledges = await trx.selectFrom('pledges').select(['id', 'campaign_id', 'status']).where('supporter_id', '=', input.supporterId).forUpdate().execute()
    for (const p of pledges) if (p.status === 'confirmed') await emitPledgeDeleted(trx, { campaignId: p.campaign_id, pledgeId: p.id })
    await trx.updateTable('pledge_events').set({ data: '{}' }).where('supporter_id', '=', input.supporterId).execute()
    if (pledges.length > 0) {
      await trx
        .insertInto('pledge_events')
        .values(pledges.map((p) => ({ campaign_id: p.campaign_id, pledge_id: null, supporter_id: null, kind: 'erased' as const, data: '{}' })))
        .execute()
    }
    // Pledges, subscriptions and tokens go with the supporter (on delete cascade); events keep
    // their campaign and time but lose every link to the person (on delete set null).
    await trx.deleteFrom('supporters').where('id', '=', input.supporterId).execute()
    return { erasedPledges: pledges.length }
  })
}

/** What an unsubscribe link leads to, without acting: the campaign's title, or null if the link is not valid. */
export async function peekUnsubscribeLink(db: Db, input: { token: string | undefined }): Promise<{ valid: false } | { valid: true; campaignTitle: string | null }> {
  const found = await peekToken(db, { token: input.token, purpose: 'unsubscribe' })
  if (!found.ok || found.campaignId === null) return { valid: false }
  const campaign = await db.selectFrom('campaigns').select('title').where('id', '=', found.campaignId).executeTakeFirst()
  return { valid: true, campaignTitle: campaign?.title ?? null }
}

/** One-click unsubscribe (RFC 8058): the link's token names the supporter and the campaign. */
export async function unsubscribeByToken(db: Db, input: { token: string | undefined }) {
  const found = await peekToken(db, { token: input.token, purpose: 'unsubscribe' })
  if (!found.ok || found.campaignId === null) return { ok: false as const }
  const subscription = await db.selectFrom('subscriptions').select('status').where('supporter_id', '=', found.supporterId).where('campaign_id', '=', found.campaignId).executeTakeFirst()
  await unsubscribeFromCampaign(db, { supporterId: found.supporterId, campaignId: found.campaignId })
  // The link came in an update's email: its figures count who left through it (once, and only
  // if they were still subscribed).
  if (subscription?.status === 'subscribed' && found.deliveryId) {
    await db.updateTable('deliveries').set({ unsubscribed_at: sql`coalesce(unsubscribed_at, now())` }).where('id', '=', found.deliveryId).execute()
  }
  return { ok: true as const, campaignId: found.campaignId }
}
