import { sql } from 'kysely'
import type { Db, UpdateAudience, UpdateSegment } from '../../db/schema'
import { countEligible, signalMailerWork } from '../mail/index.server'
import { recordAudit } from './audit.server'
import { getCampaignMailPause, getGlobalMailPause } from './mail-pauses.server'
import { getMeetingResult } from './meeting-results.server'
import type { Result } from '../utils/result'

// Nothing goes out that an organizer did not mean to send. Scheduling an update, or resuming a
// paused one, first shows a review: how many people it goes to now (by the rule that will
// freeze its audience), and when it goes. An update whose send time has passed would go at
// once, so it is sent only on an explicit "send now"; without it nothing changes.

export type SendControl = 'schedule' | 'resume'

export interface SendReview {
  updateId: number
  control: SendControl
  subject: string
  audience: UpdateAudience
  segment: UpdateSegment | null
  /** For the results email: the recorded result it will report. */
  result: { supportPercent: string } | null
  /** Whether it has started sending before (a paused send): then `recipients` are those still waiting. */
  started: boolean
  /** People it goes to if it starts now, or, for a paused send, people still to send to. */
  recipients: number
  sendAt: Date
  /** The send time has passed: confirming sends it at once, so it needs "send now". */
  isPast: boolean
  /** Sending is paused for this campaign, or everywhere: the update waits for it to resume. */
  pausedBy: 'campaign' | 'everywhere' | null
}


const FROM: Record<SendControl, string> = { schedule: 'draft', resume: 'paused' }

async function recordedResult(db: Db, campaignId: number) {
  const campaign = await db.selectFrom('campaigns').select(['id', 'proposal_key', 'agm_year']).where('id', '=', campaignId).executeTakeFirstOrThrow()
  const result = await getMeetingResult(db, campaign)
  return result ? { supportPercent: result.supportPercent } : null
}

async function findUpdate(db: Db, input: { campaignId: number; updateId: number }) {
  return db.selectFrom('updates').selectAll().where('id', '=', input.updateId).where('campaign_id', '=', input.campaignId).executeTakeFirst()
}

/** What scheduling (or resuming) an update would do, for the organizer to confirm. Changes nothing. */
export async function reviewSend(db: Db, input: { campaignId: number; updateId: number; control: SendControl; now: Date }): Promise<Result<{ review: SendReview }>> {
  const update = await findUpdate(db, input)
  if (!update) return { ok: false, formError: 'That update no longer exists: reload the page.' }
  if (update.status !== FROM[input.control]) return { ok: false, formError: `This update is ${update.status}: it cannot be ${input.control === 'schedule' ? 'scheduled' : 'resumed'} now.` }
  const started = update.started_at !== null
  // The results email reports the official result: it waits until one is recorded.
  const result = update.kind === 'results' ? await recordedResult(db, input.campaignId) : null
  if (update.kind === 'results' && !started && !result) {
    return { ok: false, formError: 'Record the meeting’s official result first (Edit campaign, vote history): the results email reports it.' }
  }
  const [recipients, campaignPause, globalPause] = await Promise.all([
    started
      ? db.selectFrom('deliveries').select((eb) => eb.fn.countAll<string>().as('n')).where('update_id', '=', update.id).where('status', 'in', ['queued', 'sending']).executeTakeFirstOrThrow().then((r) => Number(r.n))
      : countEligible(db, { campaignId: input.campaignId, audience: update.audience, segment: update.segment }),
    getCampaignMailPause(db, { campaignId: input.campaignId }),
    getGlobalMailPause(db),
  ])
  return {
    ok: true,
    review: {
      updateId: update.id,
      control: input.control,
      subject: update.subject,
      audience: update.audience,
      segment: update.segment,
      result,
      started,
      recipients,
      sendAt: update.send_at,
      isPast: !started && update.send_at.getTime() <= input.now.getTime(),
      pausedBy: campaignPause ? 'campaign' : globalPause ? 'everywhere' : null,
    },
  }
}

export type SendOutcome = 'scheduled' | 'sending_now' | 'resumed'

/**
 * Schedules (or resumes) an update the organizer reviewed. `reviewedSendAt` is the send time the
 * review showed: if the update changed since, nothing happens. A send time in the past needs
 * `sendNow`, and the update is then sent at once (its send time becomes now).
 */
export async function confirmSend(
  db: Db,
  input: { campaignId: number; updateId: number; organizerId: number; control: SendControl; reviewedSendAt: string; sendNow: boolean },
): Promise<Result<{ outcome: SendOutcome }>> {
  const outcome = await db.transaction().execute(async (trx): Promise<Result<{ outcome: SendOutcome }>> => {
    const update = await trx
      .selectFrom('updates')
      .select(['id', 'status', 'send_at', 'started_at', sql<boolean>`send_at <= now()`.as('due')])
      .where('id', '=', input.updateId)
      .where('campaign_id', '=', input.campaignId)
      .forUpdate()
      .executeTakeFirst()
    if (!update) return { ok: false, formError: 'That update no longer exists: reload the page.' }
    if (update.status !== FROM[input.control]) return { ok: false, formError: `This update is ${update.status} now: nothing was changed.` }
    if (update.send_at.toISOString() !== input.reviewedSendAt) {
      return { ok: false, formError: 'The update’s send time changed after you reviewed it: nothing was sent. Review it again.' }
    }
    const before = { status: update.status, sendAt: update.send_at.toISOString() }
    if (update.started_at) {
      await trx.updateTable('updates').set({ status: 'sending', updated_at: sql`now()` }).where('id', '=', update.id).execute()
      await recordAudit(trx, { organizerId: input.organizerId, campaignId: input.campaignId, action: 'update.resume', entityType: 'update', entityId: update.id, before, after: { status: 'sending' } })
      return { ok: true, outcome: 'resumed' }
    }
    if (update.due && !input.sendNow) {
      return { ok: false, formError: 'Its send time has passed, so scheduling it would send it at once. Choose “Send now”, or give it a later time: nothing was sent.' }
    }
    const action = update.due ? 'update.send_now' : input.control === 'resume' ? 'update.resume' : 'update.schedule'
    const moved = await trx
      .updateTable('updates')
      .set({ status: 'scheduled', updated_at: sql`now()`, ...(update.due ? { send_at: sql`now()` } : {}) })
      .where('id', '=', update.id)
      .returning('send_at')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { organizerId: input.organizerId, campaignId: input.campaignId, action, entityType: 'update', entityId: update.id, before, after: { status: 'scheduled', sendAt: moved.send_at.toISOString() } })
    return { ok: true, outcome: update.due ? 'sending_now' : input.control === 'resume' ? 'resumed' : 'scheduled' }
  })
  if (outcome.ok) signalMailerWork()
  return outcome
}
