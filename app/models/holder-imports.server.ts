import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { sql } from 'kysely'
import type { Campaign, Db, Trx } from '../../db/schema'
import { calendarDateIn } from '../utils/dates'
import { ImportError } from '../sec/import-error'
import { type NpxRecord, parseNpxCsv, parseNpxXml } from '../sec/npx.server'
import { type DatasetFiles, parseThirteenFDataset } from '../sec/thirteenf-dataset.server'
import { type CoverPage, parseCoverPage, parseInformationTable } from '../sec/thirteenf-xml.server'
import { recordAudit } from './audit.server'
import { matchRecords, type ProposalMeeting } from './fund-matching'
import type { Result } from '../utils/result'

// Imports of SEC filings into a campaign's vote model. A file is parsed completely before the
// database is touched; then one transaction records the import (unique per campaign and
// source, so the same filing twice changes nothing), its rows and its audit entry.

type ImportCampaign = Pick<Campaign, 'id' | 'cusip' | 'company' | 'title' | 'proposal_key'>

export type ImportResult = Result<{ importId: string; alreadyImported: boolean; message: string }>

export interface HolderRow {
  cik: string
  name: string
  shares: string
  votingSole: string
  votingShared: string
  votingNone: string
  period: string | null
  accessionNumber: string | null
}

function noCusip(campaign: ImportCampaign): ImportResult | null {
  return campaign.cusip ? null : { ok: false, formError: `Set ${campaign.company}’s CUSIP in the campaign editor first: holdings and votes are matched by it.` }
}

async function refusing<T>(work: () => Promise<T>): Promise<T | { ok: false; formError: string }> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, formError: `The file was not imported. ${error.message}` }
    throw error
  }
}

export async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex').slice(0, 32)
}

/** Claims the (campaign, kind, source) import; null when it was imported before. */
async function claimImport(trx: Trx, input: { campaignId: number; organizerId: number | null; kind: '13f' | 'npx'; sourceKey: string; label: string; rows: number; summary: object }) {
  const row = await trx
    .insertInto('sec_imports')
    .values({ campaign_id: input.campaignId, kind: input.kind, source_key: input.sourceKey, label: input.label.slice(0, 300), rows: input.rows, summary: JSON.stringify(input.summary), imported_by: input.organizerId })
    .onConflict((oc) => oc.columns(['campaign_id', 'kind', 'source_key']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? null
}

async function previousImport(db: Db | Trx, input: { campaignId: number; kind: '13f' | 'npx'; sourceKey: string }) {
  return db.selectFrom('sec_imports').select(['id', 'imported_at']).where('campaign_id', '=', input.campaignId).where('kind', '=', input.kind).where('source_key', '=', input.sourceKey).executeTakeFirstOrThrow()
}

/**
 * Stores 13F holders: each filer's row is inserted or, when this report is as recent as the one
 * held, updated (an older quarter never replaces a newer one).
 */
export async function storeHolders(db: Db, input: { campaignId: number; organizerId: number | null; source: '13f_xml' | '13f_dataset'; sourceKey: string; label: string; rows: number; holders: HolderRow[]; isDemo?: boolean }): Promise<ImportResult> {
  return db.transaction().execute(async (trx) => {
    const importId = await claimImport(trx, { campaignId: input.campaignId, organizerId: input.organizerId, kind: '13f', sourceKey: input.sourceKey, label: input.label, rows: input.rows, summary: { holders: input.holders.length } })
    if (!importId) {
      const before = await previousImport(trx, { campaignId: input.campaignId, kind: '13f', sourceKey: input.sourceKey })
      return { ok: true as const, importId: before.id, alreadyImported: true, message: `${input.label} was already imported on ${before.imported_at.toISOString().slice(0, 10)}: nothing changed.` }
    }
    let changed = 0
    for (let i = 0; i < input.holders.length; i += 500) {
      const batch = input.holders.slice(i, i + 500).map((h) => ({
        campaign_id: input.campaignId, kind: 'institutional' as const, name: h.name.slice(0, 300), cik: h.cik, shares: h.shares,
        voting_sole: h.votingSole, voting_shared: h.votingShared, voting_none: h.votingNone,
        report_period: h.period, accession_number: h.accessionNumber, source: input.source, is_demo: input.isDemo ?? false,
      }))
      const result = await trx
        .insertInto('holders')
        .values(batch)
        .onConflict((oc) =>
          oc
            .columns(['campaign_id', 'cik'])
            .where('kind', '=', 'institutional')
            .doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'), shares: eb.ref('excluded.shares'), voting_sole: eb.ref('excluded.voting_sole'), voting_shared: eb.ref('excluded.voting_shared'),
              voting_none: eb.ref('excluded.voting_none'), report_period: eb.ref('excluded.report_period'), accession_number: eb.ref('excluded.accession_number'),
              source: eb.ref('excluded.source'), updated_at: sql`now()`,
            }))
            .where(sql<boolean>`holders.report_period is null or excluded.report_period is null or holders.report_period <= excluded.report_period`),
        )
        .executeTakeFirst()
      changed += Number(result.numInsertedOrUpdatedRows ?? 0)
    }
    if (input.organizerId !== null) {
      await recordAudit(trx, { organizerId: input.organizerId, campaignId: input.campaignId, action: 'holders.imported', entityType: 'sec_import', entityId: importId, after: { source: input.label, holders: input.holders.length, changed } })
    }
    const skipped = input.holders.length - changed
    return {
      ok: true as const, importId, alreadyImported: false,
      message: `Imported ${input.label}: ${input.holders.length.toLocaleString('en-US')} holder(s) of the company` + (skipped > 0 ? `, ${skipped} left as they were (a more recent report is held).` : '.'),
    }
  })
}

/** A 13F filing: its information table and, for who filed and when, its primary document or the filer typed in. */
export async function importThirteenFFiling(db: Db, input: { campaign: ImportCampaign; organizerId: number; infoTable: string; primaryDoc?: string | null; filer?: Omit<CoverPage, 'formType'> | null; accessionNumber?: string | null }): Promise<ImportResult> {
  const { campaign } = input
  const missing = noCusip(campaign)
  if (missing) return missing
  return refusing(async () => {
    const cover = input.primaryDoc ? await parseCoverPage(createReadStream(input.primaryDoc), { form: '13F' }) : input.filer
    if (!cover) return { ok: false as const, formError: 'Add the filing’s primary document (primary_doc.xml), or type the filer’s name, CIK and report period.' }
    const table = await parseInformationTable(createReadStream(input.infoTable), { cusip: campaign.cusip! })
    if (!table.holding) {
      return { ok: false as const, formError: `The file was not imported. Its information table lists ${table.rows.toLocaleString('en-US')} holding(s), none of CUSIP ${campaign.cusip} (${campaign.company}): check that this filer reported a holding of the company that quarter.` }
    }
    const sourceKey = input.accessionNumber ?? `sha256:${await fileDigest(input.infoTable)}`
    const h = table.holding
    return storeHolders(db, {
      campaignId: campaign.id, organizerId: input.organizerId, source: '13f_xml', sourceKey, rows: table.rows,
      label: `13F of ${cover.name}${cover.period ? ` for ${cover.period}` : ''}`,
      holders: [{ cik: cover.cik, name: cover.name, shares: h.shares, votingSole: h.votingSole, votingShared: h.votingShared, votingNone: h.votingNone, period: cover.period, accessionNumber: input.accessionNumber ?? null }],
    })
  })
}

/** A quarter's Form 13F data set: every filer holding the campaign's CUSIP. */
export async function importThirteenFDataset(db: Db, input: { campaign: ImportCampaign; organizerId: number; files: DatasetFiles }): Promise<ImportResult> {
  const { campaign } = input
  const missing = noCusip(campaign)
  if (missing) return missing
  return refusing(async () => {
    const { rows, holders } = await parseThirteenFDataset(input.files, { cusip: campaign.cusip! })
    if (holders.length === 0) return { ok: false as const, formError: `The data set was not imported: none of its ${rows.toLocaleString('en-US')} holdings is of CUSIP ${campaign.cusip} (${campaign.company}).` }
    const accessions = holders.map((h) => h.accessionNumber).sort()
    const sourceKey = `dataset:${createHash('sha256').update(accessions.join(',')).digest('hex').slice(0, 32)}`
    const periods = [...new Set(holders.map((h) => h.period))].sort()
    return storeHolders(db, { campaignId: campaign.id, organizerId: input.organizerId, source: '13f_dataset', sourceKey, rows, label: `Form 13F data set (${periods.at(-1)}, ${rows.toLocaleString('en-US')} rows)`, holders })
  })
}

/** The proposal's meetings: each campaign's meeting day, and each recorded result's year and date. */
export async function proposalMeetings(db: Db | Trx, proposalKey: string): Promise<ProposalMeeting[]> {
  const [campaigns, votes] = await Promise.all([
    db.selectFrom('campaigns').select(['agm_year', 'agm_at', 'time_zone']).where('proposal_key', '=', proposalKey).execute(),
    db.selectFrom('proposal_votes').select(['meeting_year', 'meeting_date']).where('proposal_key', '=', proposalKey).execute(),
  ])
  const meetings = new Map<number, string | null>()
  for (const v of votes) meetings.set(v.meeting_year, v.meeting_date)
  for (const c of campaigns) if (!meetings.get(c.agm_year)) meetings.set(c.agm_year, calendarDateIn(c.agm_at, c.time_zone))
  return [...meetings].map(([year, date]) => ({ year, date }))
}

export function fundKeyOf(name: string, cik: string | null): string {
  return cik ?? `name:${name.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 300)}`
}

/** Stores N-PX records of the campaign's company, each matched (or not) to the proposal. */
export async function storeFundVotes(db: Db, input: { campaign: ImportCampaign; organizerId: number | null; sourceKey: string; label: string; entries: number; records: Array<NpxRecord & { fundName: string }>; isDemo?: boolean }): Promise<ImportResult> {
  const { campaign } = input
  return db.transaction().execute(async (trx) => {
    const meetings = await proposalMeetings(trx, campaign.proposal_key)
    const keyed = input.records.map((r) => ({ ...r, fundKey: fundKeyOf(r.fundName, r.fundCik) }))
    const matches = matchRecords(keyed, { title: campaign.title, meetings })
    const matched = matches.filter((m) => m.matchedYear !== null).length
    const importId = await claimImport(trx, { campaignId: campaign.id, organizerId: input.organizerId, kind: 'npx', sourceKey: input.sourceKey, label: input.label, rows: input.records.length, summary: { entries: input.entries, matched } })
    if (!importId) {
      const before = await previousImport(trx, { campaignId: campaign.id, kind: 'npx', sourceKey: input.sourceKey })
      return { ok: true as const, importId: before.id, alreadyImported: true, message: `${input.label} was already imported on ${before.imported_at.toISOString().slice(0, 10)}: nothing changed.` }
    }
    for (let i = 0; i < keyed.length; i += 500) {
      await trx
        .insertInto('fund_votes')
        .values(keyed.slice(i, i + 500).map((r, j) => ({
          campaign_id: campaign.id, import_id: importId, seq: r.seq, fund_key: r.fundKey, fund_name: r.fundName, fund_cik: r.fundCik, series_id: r.seriesId,
          issuer_name: r.issuerName, cusip: r.cusip, meeting_date: r.meetingDate, vote_description: r.voteDescription, proposed_by: r.proposedBy,
          how_voted: r.howVoted, shares_voted: r.sharesVoted, with_management: r.withManagement, match_score: matches[i + j]!.score, matched_year: matches[i + j]!.matchedYear,
          is_demo: input.isDemo ?? false,
        })))
        .execute()
    }
    if (input.organizerId !== null) {
      await recordAudit(trx, { organizerId: input.organizerId, campaignId: campaign.id, action: 'fund_votes.imported', entityType: 'sec_import', entityId: importId, after: { source: input.label, records: keyed.length, matched } })
    }
    return { ok: true as const, importId, alreadyImported: false, message: `Imported ${input.label}: ${keyed.length} vote record(s) on ${campaign.company}, ${matched} matched to this proposal.` }
  })
}

/** An N-PX vote table (XML, with its primary document or the fund typed in) or an earlier year's CSV. */
export async function importNpxFile(db: Db, input: { campaign: ImportCampaign; organizerId: number; file: string; format: 'xml' | 'csv'; primaryDoc?: string | null; fund?: { name: string; cik: string | null } | null; accessionNumber?: string | null }): Promise<ImportResult> {
  const { campaign } = input
  const missing = noCusip(campaign)
  if (missing) return missing
  return refusing(async () => {
    const cover = input.primaryDoc ? await parseCoverPage(createReadStream(input.primaryDoc), { form: 'N-PX' }) : null
    const fund = cover ? { name: cover.name, cik: cover.cik } : (input.fund ?? null)
    if (input.format === 'xml' && !fund) return { ok: false as const, formError: 'Add the filing’s primary document (primary_doc.xml), or type the fund’s name: the vote table does not say who voted.' }
    const parsed = input.format === 'xml' ? await parseNpxXml(createReadStream(input.file), { cusip: campaign.cusip! }) : await parseNpxCsv(createReadStream(input.file), { cusip: campaign.cusip! })
    if (parsed.records.length === 0) {
      return { ok: false as const, formError: `The file was not imported: none of its ${parsed.entries.toLocaleString('en-US')} vote record(s) is on CUSIP ${campaign.cusip} (${campaign.company}).` }
    }
    const records = parsed.records.map((r) => ({ ...r, fundName: r.fundName ?? fund!.name, fundCik: r.fundCik ?? fund?.cik ?? null }))
    const sourceKey = input.accessionNumber ?? `sha256:${await fileDigest(input.file)}`
    const who = fund?.name ?? [...new Set(records.map((r) => r.fundName))].slice(0, 2).join(', ')
    return storeFundVotes(db, { campaign, organizerId: input.organizerId, sourceKey, entries: parsed.entries, records, label: `N-PX of ${who}` })
  })
}

/** The campaign's imports, newest first. */
export async function listImports(db: Db, input: { campaignId: number; limit?: number }) {
  return db
    .selectFrom('sec_imports as i')
    .leftJoin('organizers as o', 'o.id', 'i.imported_by')
    .select(['i.id', 'i.kind', 'i.label', 'i.rows', 'i.summary', 'i.imported_at', 'o.email as organizer_email'])
    .where('i.campaign_id', '=', input.campaignId)
    .orderBy('i.id', 'desc')
    .limit(input.limit ?? 20)
    .execute()
}
