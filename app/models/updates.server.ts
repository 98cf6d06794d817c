import { sql } from 'kysely'
import type { Campaign, Db, Trx, Update, UpdateAudience, UpdateFigures, UpdateSegment, UpdateStatus } from '../../db/schema'
import { type MailTransport, previewCopy, sendOne, signalMailerWork } from '../mail/index.server'
import { proposeDefaultSchedule } from '../utils/mail-schedule'
import { recordAudit } from './audit.server'
import { deliveryFigures } from './delivery-figures.server'
import { getTally } from './tally.server'
import { getMeetingResult } from './meeting-results.server'
import { isEditableUpdate, UNSENT_UPDATE_STATUSES } from '../utils/update-labels'
import { formFailure, type Result } from '../utils/result'

// A campaign's updates and the organizer's controls over them. Every control is audited in the
// transaction that makes it.

/** Adds the default sequence from the campaign's calendar: only the kinds it does not have yet. */
export async function proposeSchedule(db: Db, input: { campaignId: number; organizerId: number }): Promise<number> {
  return db.transaction().execute((trx) => proposeScheduleIn(trx, input))
}

/** proposeSchedule inside a caller's transaction (the editor's, when a campaign goes live). */
export async function proposeScheduleIn(trx: Trx, input: { campaignId: number; organizerId: number }): Promise<number> {
  const campaign = await trx.selectFrom('campaigns').selectAll().where('id', '=', input.campaignId).executeTakeFirstOrThrow()
  const existing = new Set((await trx.selectFrom('updates').select('kind').where('campaign_id', '=', campaign.id).execute()).map((u) => u.kind))
  const proposed = proposeDefaultSchedule(campaign).filter((u) => !existing.has(u.kind))
  for (const u of proposed) {
    const row = await trx
      .insertInto('updates')
      .values({ campaign_id: campaign.id, kind: u.kind, send_at: u.sendAt, subject: u.subject, body: u.body, audience: u.audience, derived_from: u.derivedFrom, status: 'draft' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { organizerId: input.organizerId, campaignId: campaign.id, action: 'update.proposed', entityType: 'update', entityId: row.id, after: { kind: u.kind, sendAt: u.sendAt.toISOString(), audience: u.audience } })
  }
  return proposed.length
}

/**
 * A new update as a draft (written on the email page, or through the API's updates:write scope),
 * to its audience and, if given, a segment of the pledgers: it is sent only once an
 * organizer has reviewed and scheduled it on the campaign's email page.
 */
export async function draftUpdate(
  db: Db,
  input: { campaignId: number; organizerId: number | null; subject: string; body: string; sendAt: Date; audience: UpdateAudience; segment?: UpdateSegment | null; via: string },
): Promise<{ id: number }> {
  const segment = input.segment && Object.keys(input.segment).length > 0 ? input.segment : null
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('updates')
      .values({ campaign_id: input.campaignId, kind: 'custom', send_at: input.sendAt, subject: input.subject, body: input.body, audience: input.audience, segment: segment && JSON.stringify(segment), status: 'draft' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      organizerId: input.organizerId,
      campaignId: input.campaignId,
      action: 'update.drafted',
      entityType: 'update',
      entityId: row.id,
      after: { subject: input.subject, sendAt: input.sendAt.toISOString(), audience: input.audience, segment, via: input.via },
    })
    return { id: row.id }
  })
}

export async function listUpdates(db: Db, input: { campaignId: number }) {
  const updates = await db.selectFrom('updates').selectAll().where('campaign_id', '=', input.campaignId).orderBy('send_at').execute()
  const figures = await deliveryFigures(db, { updateIds: updates.map((u) => u.id) })
  return updates.map((u) => ({ ...u, figures: figures.get(u.id)! }))
}

/**
 * Which status each control leads from and to. Scheduling and resuming go through a review
 * first (update-review.server.ts): they can send at once.
 */
const TRANSITIONS = {
  pause: { from: ['scheduled', 'sending'], to: 'paused', done: 'paused' },
  cancel: { from: UNSENT_UPDATE_STATUSES, to: 'cancelled', done: 'cancelled' },
} as const satisfies Record<string, { from: readonly UpdateStatus[]; to: UpdateStatus; done: string }>
export type UpdateControl = keyof typeof TRANSITIONS

type Outcome = Result

export async function controlUpdate(db: Db, input: { campaignId: number; updateId: number; organizerId: number; control: UpdateControl }): Promise<Outcome> {
  const { from, to, done } = TRANSITIONS[input.control]
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome> => {
    const update = await trx.selectFrom('updates').selectAll().where('id', '=', input.updateId).where('campaign_id', '=', input.campaignId).forUpdate().executeTakeFirst()
    if (!update) return { ok: false, formError: 'That update no longer exists: reload the page.' }
    if (!(from as readonly string[]).includes(update.status)) return { ok: false, formError: `A ${update.status} update cannot be ${done}.` }
    await trx.updateTable('updates').set({ status: to, updated_at: sql`now()` }).where('id', '=', update.id).execute()
    await recordAudit(trx, { organizerId: input.organizerId, campaignId: input.campaignId, action: `update.${input.control}`, entityType: 'update', entityId: update.id, before: { status: update.status }, after: { status: to } })
    return { ok: true }
  })
  if (outcome.ok) signalMailerWork()
  return outcome
}

export async function editUpdate(
  db: Db,
  input: { campaignId: number; updateId: number; organizerId: number; changes: { subject: string; body: string; sendAt: Date; audience: UpdateAudience } },
): Promise<Outcome> {
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome> => {
    const update = await trx
      .selectFrom('updates')
      .selectAll()
      .select(sql<boolean>`${input.changes.sendAt} <= now()`.as('past'))
      .where('id', '=', input.updateId)
      .where('campaign_id', '=', input.campaignId)
      .forUpdate()
      .executeTakeFirst()
    if (!update) return { ok: false, formError: 'That update no longer exists: reload the page.' }
    if (!isEditableUpdate({ status: update.status, started: update.started_at !== null })) return { ok: false, formError: 'An update that has started sending can no longer be edited.' }
    // A scheduled update with a past time would go at once, without the review that asks first.
    if (update.status === 'scheduled' && update.past) {
      return { ok: false, fieldErrors: { sendAt: ['That time has passed, and a scheduled update would go at once: choose a later time, or pause the update and then use “Send now”.'] } }
    }
    const { subject, body, sendAt, audience } = input.changes
    await trx.updateTable('updates').set({ subject, body, send_at: sendAt, audience, updated_at: sql`now()` }).where('id', '=', update.id).execute()
    await recordAudit(trx, {
      organizerId: input.organizerId,
      campaignId: input.campaignId,
      action: 'update.edited',
      entityType: 'update',
      entityId: update.id,
      before: { subject: update.subject, body: update.body, sendAt: update.send_at.toISOString(), audience: update.audience },
      after: { subject, body, sendAt: sendAt.toISOString(), audience },
    })
    return { ok: true }
  })
  if (outcome.ok) signalMailerWork() // a new send time needs a new wake-up
  return outcome
}

/**
 * Where an update derived from a campaign date would go now that the date has moved; null when
 * it follows no date, can no longer change, or still sits (within a minute) where it should.
 */
export function realignedSendAt(campaign: Parameters<typeof proposeDefaultSchedule>[0], update: Pick<Update, 'kind' | 'status' | 'started_at' | 'derived_from' | 'send_at'>): Date | null {
  if (!update.derived_from || !isEditableUpdate({ status: update.status, started: update.started_at !== null })) return null
  const fresh = proposeDefaultSchedule(campaign).find((p) => p.kind === update.kind)
  return fresh && Math.abs(fresh.sendAt.getTime() - update.send_at.getTime()) > 60_000 ? fresh.sendAt : null
}

/** Moves an update to follow its campaign date again (an edit: audited as one). */
export async function realignUpdate(db: Db, input: { campaign: Campaign; updateId: number; organizerId: number }): Promise<Outcome> {
  const update = await db.selectFrom('updates').selectAll().where('id', '=', input.updateId).where('campaign_id', '=', input.campaign.id).executeTakeFirst()
  const fresh = update ? proposeDefaultSchedule(input.campaign).find((p) => p.kind === update.kind) : undefined
  if (!update || !fresh) return formFailure('This update does not follow from a campaign date.')
  const changes = { subject: update.subject, body: update.body, audience: update.audience, sendAt: fresh.sendAt }
  return editUpdate(db, { campaignId: input.campaign.id, updateId: update.id, organizerId: input.organizerId, changes })
}

/**
 * The preview as recipients will see it (with links that lead nowhere). Until it starts, the
 * figures it quotes are today's; once it has started, the ones every recipient got.
 */
export async function previewUpdate(db: Db, input: { campaignId: number; updateId: number }) {
  const update = await db.selectFrom('updates').selectAll().where('id', '=', input.updateId).where('campaign_id', '=', input.campaignId).executeTakeFirst()
  if (!update) return null
  const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', input.campaignId).executeTakeFirstOrThrow()
  const figures = update.public_figures ?? (await figuresNow(db, campaign))
  return previewCopy(campaign, { ...update, public_figures: figures })
}

/** What an update would quote if it started now: people and shares for, and the recorded result. */
async function figuresNow(db: Db, campaign: Campaign): Promise<UpdateFigures> {
  const [tally, result] = await Promise.all([getTally(db, { campaignId: campaign.id }), getMeetingResult(db, campaign)])
  return { people: tally.supportersByIntention.for, shares: tally.sharesByIntention.for, result: result ? { supportPercent: result.supportPercent } : null }
}

/** A test send to the organizer's own address, marked as a test; not a delivery. */
export async function sendTestUpdate(db: Db, input: { campaignId: number; updateId: number; organizerId: number; to: string }, transport?: MailTransport): Promise<Result> {
  const email = await previewUpdate(db, input)
  if (!email) return formFailure('That update no longer exists: reload the page.')
  const result = await sendOne(db, { ...email, to: input.to, subject: `[Test] ${email.subject}`, campaignId: input.campaignId }, transport)
  await recordAudit(db, { organizerId: input.organizerId, campaignId: input.campaignId, action: 'update.test_sent', entityType: 'update', entityId: input.updateId, after: { to: input.to, ok: result.ok } })
  return result.ok ? { ok: true } : formFailure(`The test could not be sent: ${result.error}`)
}

/** What a segment can be narrowed to: the brokers and sources the campaign's pledges name. */
export async function segmentChoices(db: Db, input: { campaignId: number }): Promise<{ brokers: string[]; sources: string[] }> {
  const [brokers, sources] = await Promise.all([
    db.selectFrom('pledge_broker_stats').select('broker_label').where('campaign_id', '=', input.campaignId).orderBy('supporters', 'desc').limit(100).execute(),
    db
      .selectFrom('pledges')
      .select('referrer_source')
      .distinct()
      .where('campaign_id', '=', input.campaignId)
      .where('referrer_source', 'is not', null)
      .orderBy('referrer_source')
      .limit(100)
      .execute(),
  ])
  return { brokers: brokers.map((b) => b.broker_label), sources: sources.map((s) => s.referrer_source!) }
}
