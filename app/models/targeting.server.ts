import { sql } from 'kysely'
import type { Campaign, EngagementStatus, ExpectedVote, HowVoted, Db } from '../../db/schema'
import type { Lean } from '../utils/projection'
import type { HolderClass } from '../utils/vote-labels'
import { percentOf } from '../utils/tally'

// The targeting board: every holder of the campaign's company, largest first, with its votes
// on this proposal at earlier meetings (through the N-PX funds tied to it), the class those
// votes put it in, the engagement an organizer keeps, and the vote the projection expects.

export interface YearRecord {
  year: number
  votedFor: string
  votedAgainst: string
  /** Records (not shares) by how the fund voted. */
  records: Partial<Record<HowVoted, number>>
}

export interface BoardRow {
  id: string
  kind: 'institutional' | 'affiliated'
  name: string
  cik: string | null
  shares: string
  percentOfOutstanding: string
  voting: { sole: string | null; shared: string | null; none: string | null }
  reportPeriod: string | null
  source: 'manual' | '13f_xml' | '13f_dataset'
  isDemo: boolean
  note: string | null
  engagement: { status: EngagementStatus; expectedVote: ExpectedVote | null; contact: string | null; notes: string | null; nextStepOn: string | null; updatedAt: string | null }
  history: YearRecord[]
  class: HolderClass
  lean: Lean
  leanSource: 'organizer' | 'affiliated' | 'record' | 'none'
}

function classOf(record: YearRecord | undefined): HolderClass {
  if (!record) return 'no_record'
  const r = record.records
  if ((r.for ?? 0) > 0 && ((r.against ?? 0) > 0 || (r.withhold ?? 0) > 0)) return 'split'
  if ((r.for ?? 0) > 0) return 'for'
  if ((r.against ?? 0) > 0) return 'against'
  return 'abstained'
}

function leanOf(row: Pick<BoardRow, 'kind' | 'class'> & { expected: ExpectedVote | null; organizer: ExpectedVote | null }, last: YearRecord | undefined): { lean: Lean; leanSource: BoardRow['leanSource'] } {
  if (row.organizer) return { lean: { kind: row.organizer === 'abstain' ? 'abstain' : row.organizer }, leanSource: 'organizer' }
  if (row.kind === 'affiliated' && row.expected) return { lean: { kind: row.expected === 'abstain' ? 'abstain' : row.expected }, leanSource: 'affiliated' }
  switch (row.class) {
    case 'for':
    case 'against':
      return { lean: { kind: row.class }, leanSource: 'record' }
    case 'split': {
      // Split in proportion to the shares voted each way, or to the records when no shares are given.
      const [f, a] = BigInt(last!.votedFor) + BigInt(last!.votedAgainst) > 0n ? [last!.votedFor, last!.votedAgainst] : [String(last!.records.for ?? 0), String((last!.records.against ?? 0) + (last!.records.withhold ?? 0))]
      return { lean: { kind: 'split', votedFor: f, votedAgainst: a }, leanSource: 'record' }
    }
    case 'abstained':
      return { lean: { kind: 'abstain' }, leanSource: 'record' }
    default:
      return { lean: { kind: 'unknown' }, leanSource: 'none' }
  }
}

/** Matched fund votes per holder and meeting year: through an organizer's link, or the same CIK. */
async function votesByHolder(db: Db, campaignId: number) {
  const { rows } = await sql<{ holder_id: string; year: number; how_voted: HowVoted; shares: string | null; records: number }>`
    select coalesce(l.holder_id, h.id) as holder_id, fv.matched_year as year, fv.how_voted,
           sum(fv.shares_voted) as shares, count(*)::int as records
    from fund_votes fv
    left join fund_links l on l.campaign_id = fv.campaign_id and l.fund_key = fv.fund_key
    left join holders h on h.campaign_id = fv.campaign_id and h.kind = 'institutional' and h.cik = fv.fund_cik
    where fv.campaign_id = ${campaignId} and fv.matched_year is not null and coalesce(l.holder_id, h.id) is not null
    group by 1, 2, 3`.execute(db)
  const byHolder = new Map<string, Map<number, YearRecord>>()
  for (const row of rows) {
    const years = byHolder.get(String(row.holder_id)) ?? new Map<number, YearRecord>()
    const record = years.get(row.year) ?? { year: row.year, votedFor: '0', votedAgainst: '0', records: {} }
    record.records[row.how_voted] = (record.records[row.how_voted] ?? 0) + row.records
    const shares = BigInt(row.shares ?? 0)
    if (row.how_voted === 'for') record.votedFor = (BigInt(record.votedFor) + shares).toString()
    if (row.how_voted === 'against' || row.how_voted === 'withhold') record.votedAgainst = (BigInt(record.votedAgainst) + shares).toString()
    years.set(row.year, record)
    byHolder.set(String(row.holder_id), years)
  }
  return byHolder
}

/** Every holder of the campaign, largest stake first. */
export async function loadHolderBoard(db: Db, input: { campaign: Pick<Campaign, 'id' | 'agm_year' | 'shares_outstanding'> }): Promise<BoardRow[]> {
  const { campaign } = input
  const [holders, votes] = await Promise.all([
    db
      .selectFrom('holders as h')
      .leftJoin('holder_engagement as e', 'e.holder_id', 'h.id')
      .select(['h.id', 'h.kind', 'h.name', 'h.cik', 'h.shares', 'h.voting_sole', 'h.voting_shared', 'h.voting_none', 'h.report_period', 'h.source', 'h.is_demo', 'h.note', 'h.expected_vote'])
      .select(['e.status', 'e.expected_vote as organizer_vote', 'e.contact', 'e.notes', 'e.next_step_on', 'e.updated_at'])
      .where('h.campaign_id', '=', campaign.id)
      .orderBy('h.shares', 'desc')
      .orderBy('h.name')
      .execute(),
    votesByHolder(db, campaign.id),
  ])
  return holders.map((h) => {
    const history = [...(votes.get(String(h.id))?.values() ?? [])].sort((a, b) => b.year - a.year)
    const last = history.find((r) => r.year < campaign.agm_year)
    const cls = classOf(last)
    return {
      id: String(h.id),
      kind: h.kind,
      name: h.name,
      cik: h.cik,
      shares: h.shares,
      percentOfOutstanding: percentOf(h.shares, campaign.shares_outstanding, 2),
      voting: { sole: h.voting_sole, shared: h.voting_shared, none: h.voting_none },
      reportPeriod: h.report_period,
      source: h.source,
      isDemo: h.is_demo,
      note: h.note,
      engagement: { status: h.status ?? 'not_contacted', expectedVote: h.organizer_vote ?? null, contact: h.contact ?? null, notes: h.notes ?? null, nextStepOn: h.next_step_on ?? null, updatedAt: h.updated_at?.toISOString() ?? null },
      history,
      class: cls,
      ...leanOf({ kind: h.kind, class: cls, expected: h.expected_vote, organizer: h.organizer_vote ?? null }, last),
    }
  })
}

export interface BoardFilters {
  q?: string
  class?: HolderClass
  status?: EngagementStatus
  kind?: 'institutional' | 'affiliated'
}

export function filterBoard(rows: BoardRow[], filters: BoardFilters): BoardRow[] {
  const q = filters.q?.toLowerCase()
  return rows.filter(
    (r) =>
      (!q || r.name.toLowerCase().includes(q) || r.cik === q) &&
      (!filters.class || r.class === filters.class) &&
      (!filters.status || r.engagement.status === filters.status) &&
      (!filters.kind || r.kind === filters.kind),
  )
}
