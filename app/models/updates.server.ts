import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database, UpdateAudience, UpdateStatus } from '../../db/schema'
import { signalMailerWork } from '../mail/queue-signal.server'
import { personalise, renderUpdate } from '../mail/update-emails.server'
import type { MailTransport } from '../mail/transport'
import { proposeDefaultSchedule } from '../utils/mail-schedule'
import { recordAudit } from './audit.server'
import { deliveryProgress } from './deliveries.server'
import { defaultTransport } from './mail.server'

// A campaign's updates and the organizer's controls over them. Every control is audited in the
// transaction that makes it.

type Db = Kysely<Database>

/** Adds the default sequence from the campaign's calendar: only the kinds it does not have yet. */
export async function proposeSchedule(db: Db, input: { campaignId: number; organizerId: number }): Promise<number> {
  return db.transaction().execute((trx) => proposeScheduleIn(trx, input))
}

/** proposeSchedule inside a caller's transaction (the editor's, when a campaign goes live). */
export async function proposeScheduleIn(trx: Transaction<Database>, input: { campaignId: number; organizerId: number }): Promise<number> {
  {
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
}

export async function listUpdates(db: Db, input: { campaignId: number }) {
  const updates = await db.selectFrom('updates').selectAll().where('campaign_id', '=', input.campaignId).orderBy('send_at').execute()
  return Promise.all(updates.map(async (u) => ({ ...u, progress: await deliveryProgress(db, { updateId: u.id }) })))
}

/** Which status each control leads from and to. */
const TRANSITIONS = {
  schedule: { from: ['draft', 'paused'], to: 'scheduled' },
  pause: { from: ['scheduled', 'sending'], to: 'paused' },
  resume: { from: ['paused'], to: 'sending' },
  cancel: { from: ['draft', 'scheduled', 'paused'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly UpdateStatus[]; to: UpdateStatus }>
export type UpdateControl = keyof typeof TRANSITIONS

export async function controlUpdate(db: Db, input: { campaignId: number; updateId: number; organizerId: number; control: UpdateControl }) {
  const { from, to } = TRANSITIONS[input.control]
  const outcome = await db.transaction().execute(async (trx) => {
    const update = await trx.selectFrom('updates').selectAll().where('id', '=', input.updateId).where('campaign_id', '=', input.campaignId).forUpdate().executeTakeFirst()
    if (!update) return { ok: false as const, message: 'No such update.' }
    if (!(from as readonly string[]).includes(update.status)) return { ok: false as const, message: `A ${update.status} update cannot be ${to === 'sending' ? 'resumed' : to}.` }
    // A paused update that never started goes back to scheduled, not straight to sending.
    const next = input.control === 'resume' && !update.started_at ? 'scheduled' : to
    await trx.updateTable('updates').set({ status: next, updated_at: sql`now()` }).where('id', '=', update.id).execute()
    await recordAudit(trx, { organizerId: input.organizerId, campaignId: input.campaignId, action: `update.${input.control}`, entityType: 'update', entityId: update.id, before: { status: update.status }, after: { status: next } })
    return { ok: true as const }
  })
  if (outcome.ok) signalMailerWork()
  return outcome
}

export async function editUpdate(
  db: Db,
  input: { campaignId: number; updateId: number; organizerId: number; changes: { subject: string; body: string; sendAt: Date; audience: UpdateAudience } },
) {
  const outcome = await db.transaction().execute(async (trx) => {
    const update = await trx.selectFrom('updates').selectAll().where('id', '=', input.updateId).where('campaign_id', '=', input.campaignId).forUpdate().executeTakeFirst()
    if (!update) return { ok: false as const, message: 'No such update.' }
    if (!['draft', 'scheduled', 'paused'].includes(update.status) || update.started_at) return { ok: false as const, message: 'An update that has started sending can no longer be edited.' }
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
    return { ok: true as const }
  })
  if (outcome.ok) signalMailerWork() // a new send time needs a new wake-up
  return outcome
}

export async function setMailerPaused(db: Db, input: { organizerId: number; paused: boolean }) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('mailer_settings').set({ paused_at: input.paused ? sql`now()` : null, paused_by: input.paused ? input.organizerId : null }).execute()
    await recordAudit(trx, { organizerId: input.organizerId, campaignId: null, action: input.paused ? 'mailer.paused' : 'mailer.resumed', entityType: 'mailer', entityId: null })
  })
  if (!input.paused) signalMailerWork()
}

/** The preview as recipients will see it (with links that lead nowhere). */
export async function previewUpdate(db: Db, input: { campaignId: number; updateId: number }) {
  const update = await db.selectFrom('updates').selectAll().where('id', '=', input.updateId).where('campaign_id', '=', input.campaignId).executeTakeFirst()
  if (!update) return null
  const campaign = await db.selectFrom('campaigns').selectAll().where('id', '=', input.campaignId).executeTakeFirstOrThrow()
  return personalise(await renderUpdate(campaign, update), { deliveryId: 'preview', email: 'you@example.org' })
}

/** A test send to the organizer's own address, marked as a test; not a delivery. */
export async function sendTestUpdate(db: Db, input: { campaignId: number; updateId: number; organizerId: number; to: string }, transport: MailTransport = defaultTransport(db)) {
  const email = await previewUpdate(db, input)
  if (!email) return { ok: false as const, message: 'No such update.' }
  const result = await transport.send({ ...email, to: input.to, subject: `[Test] ${email.subject}` })
  await recordAudit(db, { organizerId: input.organizerId, campaignId: input.campaignId, action: 'update.test_sent', entityType: 'update', entityId: input.updateId, after: { to: input.to, ok: result.ok } })
  return result.ok ? { ok: true as const } : { ok: false as const, message: `The test could not be sent: ${result.error}` }
}
