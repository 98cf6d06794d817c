import { sql } from 'kysely'
import type { HowVoted, Db } from '../../db/schema'
import { managementPosition } from '../sec/npx.server'

// Reads for the fund votes page: every N-PX record of the company, its match to the proposal,
// and the funds that no 13F holder is tied to yet.

export async function listFundVotes(db: Db, input: { campaignId: number; onlyMatched: boolean; limit?: number }) {
  let query = db
    .selectFrom('fund_votes as fv')
    .leftJoin('fund_links as l', (join) => join.onRef('l.campaign_id', '=', 'fv.campaign_id').onRef('l.fund_key', '=', 'fv.fund_key'))
    .leftJoin('holders as h', (join) => join.onRef('h.campaign_id', '=', 'fv.campaign_id').on('h.kind', '=', 'institutional').onRef('h.cik', '=', 'fv.fund_cik'))
    .leftJoin('holders as linked', 'linked.id', 'l.holder_id')
    .select(['fv.id', 'fv.fund_name', 'fv.fund_cik', 'fv.fund_key', 'fv.meeting_date', 'fv.vote_description', 'fv.proposed_by', 'fv.how_voted', 'fv.shares_voted', 'fv.with_management', 'fv.match_score', 'fv.matched_year', 'fv.match_source', 'fv.is_demo'])
    .select((eb) => eb.fn.coalesce('linked.name', 'h.name').as('holder_name'))
    .where('fv.campaign_id', '=', input.campaignId)
  if (input.onlyMatched) query = query.where('fv.matched_year', 'is not', null)
  const rows = await query.orderBy('fv.meeting_date', 'desc').orderBy('fv.match_score', 'desc').orderBy('fv.fund_name').orderBy('fv.id').limit(input.limit ?? 300).execute()
  return rows.map((r) => ({ ...r, management: managementPosition(r.how_voted as HowVoted, r.with_management) }))
}

/** Funds with a vote matched to the proposal but no 13F holder: by CIK or by an organizer's link. */
export async function unlinkedFunds(db: Db, input: { campaignId: number }) {
  const { rows } = await sql<{ fund_key: string; fund_name: string; fund_cik: string | null; records: number }>`
    select fv.fund_key, min(fv.fund_name) as fund_name, min(fv.fund_cik) as fund_cik, count(*)::int as records
    from fund_votes fv
    where fv.campaign_id = ${input.campaignId} and fv.matched_year is not null
      and not exists (select 1 from fund_links l where l.campaign_id = fv.campaign_id and l.fund_key = fv.fund_key)
      and not exists (select 1 from holders h where h.campaign_id = fv.campaign_id and h.kind = 'institutional' and h.cik = fv.fund_cik)
    group by fv.fund_key
    order by 2`.execute(db)
  return rows
}

/** Organizer links, for undoing them. */
export async function listFundLinks(db: Db, input: { campaignId: number }) {
  return db
    .selectFrom('fund_links as l')
    .innerJoin('holders as h', 'h.id', 'l.holder_id')
    .select(['l.fund_key', 'h.name as holder_name', 'h.id as holder_id'])
    .select((eb) => eb.selectFrom('fund_votes as fv').select('fv.fund_name').whereRef('fv.campaign_id', '=', 'l.campaign_id').whereRef('fv.fund_key', '=', 'l.fund_key').limit(1).as('fund_name'))
    .where('l.campaign_id', '=', input.campaignId)
    .execute()
}

export async function holderChoices(db: Db, input: { campaignId: number }) {
  return db.selectFrom('holders').select(['id', 'name']).where('campaign_id', '=', input.campaignId).where('kind', '=', 'institutional').orderBy('shares', 'desc').limit(500).execute()
}
