import { sql } from 'kysely'
import type { EngagementStatus, ExpectedVote, Db } from '../../db/schema'
import { recordAudit } from './audit.server'
import { formFailure, type Result } from '../utils/result'

// What organizers keep by hand: affiliated holders (from the proxy statement's ownership
// table), their engagement with each holder, which 13F holder an N-PX fund belongs to, and
// corrections to automatic matches. Each change commits with its audit entry.


const gone = formFailure('That holder is no longer in this campaign’s register: reload the page.')

export async function addAffiliatedHolder(db: Db, input: { campaignId: number; organizerId: number; name: string; shares: string; expectedVote: ExpectedVote; note: string | null }): Promise<Result & { holderId?: string }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('holders')
      .values({ campaign_id: input.campaignId, kind: 'affiliated', name: input.name, shares: input.shares, expected_vote: input.expectedVote, note: input.note, source: 'manual' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { organizerId: input.organizerId, campaignId: input.campaignId, action: 'holder.added', entityType: 'holder', entityId: row.id, after: { name: input.name, shares: input.shares, expected_vote: input.expectedVote } })
    return { ok: true as const, holderId: row.id }
  })
}

export async function removeAffiliatedHolder(db: Db, input: { campaignId: number; organizerId: number; holderId: string }): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('holders').where('id', '=', input.holderId).where('campaign_id', '=', input.campaignId).where('kind', '=', 'affiliated').returning(['name', 'shares', 'expected_vote']).executeTakeFirst()
    if (!removed) return gone
    await recordAudit(trx, { organizerId: input.organizerId, campaignId: input.campaignId, action: 'holder.removed', entityType: 'holder', entityId: input.holderId, before: removed })
    return { ok: true as const }
  })
}

export interface EngagementValues {
  status: EngagementStatus
  expectedVote: ExpectedVote | null
  contact: string | null
  notes: string | null
  nextStepOn: string | null
}

/** Saves an organizer's engagement with a holder; an unchanged form writes nothing. */
export async function saveEngagement(db: Db, input: { campaignId: number; organizerId: number; holderId: string; values: EngagementValues }): Promise<Result & { changed?: boolean }> {
  return db.transaction().execute(async (trx) => {
    const holder = await trx.selectFrom('holders').select(['id', 'name']).where('id', '=', input.holderId).where('campaign_id', '=', input.campaignId).forUpdate().executeTakeFirst()
    if (!holder) return gone
    const existing = await trx.selectFrom('holder_engagement').select(['status', 'expected_vote', 'contact', 'notes', 'next_step_on']).where('holder_id', '=', holder.id).executeTakeFirst()
    const before = existing ?? { status: 'not_contacted', expected_vote: null, contact: null, notes: null, next_step_on: null }
    const v = input.values
    const after = { status: v.status, expected_vote: v.expectedVote, contact: v.contact, notes: v.notes, next_step_on: v.nextStepOn }
    const changed = (Object.keys(after) as Array<keyof typeof after>).filter((k) => (before[k] ?? null) !== (after[k] ?? null))
    if (changed.length === 0) return { ok: true as const, changed: false }
    await trx
      .insertInto('holder_engagement')
      .values({ holder_id: holder.id, campaign_id: input.campaignId, ...after, updated_by: input.organizerId })
      .onConflict((oc) => oc.column('holder_id').doUpdateSet({ ...after, updated_by: input.organizerId, updated_at: sql`now()` }))
      .execute()
    await recordAudit(trx, {
      organizerId: input.organizerId, campaignId: input.campaignId, action: 'holder.engagement', entityType: 'holder', entityId: `${holder.id} ${holder.name}`.slice(0, 200),
      before: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
      after: Object.fromEntries(changed.map((k) => [k, after[k] ?? null])),
    })
    return { ok: true as const, changed: true }
  })
}

/** Ties an N-PX fund to a 13F holder (or unties it: holderId null). */
export async function linkFund(db: Db, input: { campaignId: number; organizerId: number; fundKey: string; holderId: string | null }): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const fund = await trx.selectFrom('fund_votes').select('fund_name').where('campaign_id', '=', input.campaignId).where('fund_key', '=', input.fundKey).executeTakeFirst()
    if (!fund) return { ok: false as const, formError: 'No vote of that fund is on record for this campaign.' }
    if (input.holderId !== null) {
      const holder = await trx.selectFrom('holders').select('id').where('id', '=', input.holderId).where('campaign_id', '=', input.campaignId).executeTakeFirst()
      if (!holder) return gone
    }
    const before = await trx.selectFrom('fund_links').select('holder_id').where('campaign_id', '=', input.campaignId).where('fund_key', '=', input.fundKey).executeTakeFirst()
    if ((before?.holder_id ?? null) === input.holderId) return { ok: true as const }
    await trx.deleteFrom('fund_links').where('campaign_id', '=', input.campaignId).where('fund_key', '=', input.fundKey).execute()
    if (input.holderId !== null) await trx.insertInto('fund_links').values({ campaign_id: input.campaignId, fund_key: input.fundKey, holder_id: input.holderId }).execute()
    await recordAudit(trx, { organizerId: input.organizerId, campaignId: input.campaignId, action: 'fund.linked', entityType: 'fund', entityId: fund.fund_name, before: { holder_id: before?.holder_id ?? null }, after: { holder_id: input.holderId } })
    return { ok: true as const }
  })
}

/** An organizer's correction of a match: the record is (or is not) a vote on this proposal in `matchedYear`. */
export async function correctMatch(db: Db, input: { campaignId: number; organizerId: number; fundVoteId: string; matches: boolean }): Promise<Result> {
  return db.transaction().execute(async (trx) => {
    const vote = await trx.selectFrom('fund_votes').select(['id', 'matched_year', 'meeting_date', 'fund_name', 'vote_description']).where('id', '=', input.fundVoteId).where('campaign_id', '=', input.campaignId).forUpdate().executeTakeFirst()
    if (!vote) return { ok: false as const, formError: 'That vote record is no longer on file: reload the page.' }
    const matchedYear = input.matches ? Number(vote.meeting_date.slice(0, 4)) : null
    await trx.updateTable('fund_votes').set({ matched_year: matchedYear, match_source: 'organizer' }).where('id', '=', vote.id).execute()
    await recordAudit(trx, {
      organizerId: input.organizerId, campaignId: input.campaignId, action: 'fund_vote.match', entityType: 'fund_vote', entityId: `${vote.fund_name}: ${vote.vote_description}`.slice(0, 200),
      before: { matched_year: vote.matched_year }, after: { matched_year: matchedYear },
    })
    return { ok: true as const }
  })
}
