import type { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import type { HowVoted } from '../../db/schema'
import { ImportError, isValidCusip, normalizeCusip, optionalShareCount, secDate } from './import-error'
import { childLine, childrenNamed, childText, readXmlRecords, type XmlElement } from './xml-records.server'

// Form N-PX: how a fund voted. From votes of July 2023 on, the vote table is structured XML
// (`proxyVoteTable` of `proxyTable` entries, each with one or more `voteRecord`s when a fund
// split its shares); earlier years' records come as CSV (see docs/vote-model.md for the
// columns). Only records of the campaign's CUSIP are kept.
//
// NOTE: `managementRecommendation` does not say what management recommended. The form asks
// "whether the vote was for or against management's recommendation": FOR means the fund voted
// WITH management. What management recommended is derived from it (managementPosition).

export const NPX_VOTE_TABLE_NS = 'http://www.sec.gov/edgar/document/npxproxy/informationtable'

export interface NpxRecord {
  seq: number
  line: number
  fundName: string | null
  fundCik: string | null
  seriesId: string | null
  issuerName: string
  cusip: string
  meetingDate: string
  voteDescription: string
  proposedBy: 'issuer' | 'shareholder' | null
  howVoted: HowVoted
  sharesVoted: string | null
  withManagement: boolean | null
}

const HOW_VOTED: Record<string, HowVoted> = {
  FOR: 'for', AGAINST: 'against', ABSTAIN: 'abstain', WITHHOLD: 'withhold',
  'DO NOT VOTE': 'none', 'DID NOT VOTE': 'none', NONE: 'none', OTHER: 'none', '1 YEAR': 'none', '2 YEARS': 'none', '3 YEARS': 'none',
}

function howVoted(value: string | undefined, where: string, line: number): HowVoted {
  const found = HOW_VOTED[(value ?? '').trim().toUpperCase()]
  if (!found) throw new ImportError(`${where} should be FOR, AGAINST, ABSTAIN, WITHHOLD or DO NOT VOTE, but it is “${(value ?? '').trim().slice(0, 20)}”.`, line)
  return found
}

/** FOR → the fund voted with management; AGAINST → against it; anything else: not said. */
export function withManagement(value: string | undefined): boolean | null {
  const text = (value ?? '').trim().toUpperCase()
  return text === 'FOR' ? true : text === 'AGAINST' ? false : null
}

/** What management recommended, read from how the fund voted and whether that was with management. */
export function managementPosition(vote: HowVoted, withMgmt: boolean | null): 'for' | 'against' | null {
  if (withMgmt === null || (vote !== 'for' && vote !== 'against')) return null
  return withMgmt ? vote : vote === 'for' ? 'against' : 'for'
}

function proposedBy(value: string | undefined): NpxRecord['proposedBy'] {
  const text = (value ?? '').trim().toUpperCase()
  return text === 'ISSUER' || text === 'MANAGEMENT' ? 'issuer' : text === 'SECURITY HOLDER' || text === 'SHAREHOLDER' ? 'shareholder' : null
}

function meetingDate(value: string | undefined, where: string, line: number): string {
  const date = secDate(value ?? '')
  if (!date) throw new ImportError(`${where} should be a date such as 05/25/2022, but it is “${(value ?? '').trim().slice(0, 20)}”.`, line)
  return date
}

function cusipOf(value: string | undefined, where: string, line: number): string {
  const cusip = normalizeCusip(value ?? '')
  if (!isValidCusip(cusip)) throw new ImportError(`${where} should be a nine-character CUSIP with its check digit, but it is “${cusip.slice(0, 20)}”.`, line)
  return cusip
}

export interface NpxResult {
  records: NpxRecord[]
  /** Entries in the file, all issuers. */
  entries: number
}

/** The vote records of `cusip` in an N-PX vote table (XML). */
export async function parseNpxXml(stream: Readable, input: { cusip: string }): Promise<NpxResult> {
  const records: NpxRecord[] = []
  let seq = 0
  const { records: entries } = await readXmlRecords(stream, {
    expected: 'a Form N-PX vote table (proxyVoteTable)',
    root: 'proxyVoteTable',
    namespaces: [NPX_VOTE_TABLE_NS],
    record: 'proxyTable',
    onRecord: (entry: XmlElement) => {
      const cusip = cusipOf(childText(entry, 'cusip'), '<cusip>', childLine(entry, 'cusip'))
      const date = meetingDate(childText(entry, 'meetingDate'), '<meetingDate>', childLine(entry, 'meetingDate'))
      const description = childText(entry, 'voteDescription') ?? ''
      if (!description) throw new ImportError('<proxyTable> has no <voteDescription>: every entry needs one.', entry.line)
      const votes = childrenNamed(entry.children.find((c) => c.name === 'vote') ?? entry, 'voteRecord')
      if (votes.length === 0) throw new ImportError('<proxyTable> has no <vote><voteRecord>: every entry records how the fund voted.', entry.line)
      for (const vote of votes) {
        seq += 1
        if (cusip !== input.cusip) continue
        records.push({
          seq,
          line: vote.line,
          fundName: null,
          fundCik: null,
          seriesId: childText(entry, 'voteSeries') || null,
          issuerName: (childText(entry, 'issuerName') ?? '').slice(0, 300),
          cusip,
          meetingDate: date,
          voteDescription: description.replace(/\s+/g, ' ').slice(0, 2000),
          proposedBy: proposedBy(childText(entry, 'voteSource')),
          howVoted: howVoted(childText(vote, 'howVoted'), '<howVoted>', childLine(vote, 'howVoted')),
          sharesVoted: optionalShareCount(childText(vote, 'sharesVoted') ?? childText(entry, 'sharesVoted'), '<sharesVoted>', childLine(vote, 'sharesVoted')),
          withManagement: withManagement(childText(vote, 'managementRecommendation')),
        })
      }
    },
  })
  return { records, entries }
}

export const NPX_CSV_COLUMNS = ['fund_name', 'fund_cik', 'series_id', 'issuer_name', 'cusip', 'meeting_date', 'vote_description', 'proposed_by', 'shares_voted', 'how_voted', 'for_or_against_management'] as const
const REQUIRED_CSV = ['fund_name', 'issuer_name', 'cusip', 'meeting_date', 'vote_description', 'how_voted']

/** Vote records from a CSV with a header row (columns: NPX_CSV_COLUMNS, any order, any case). */
export async function parseNpxCsv(stream: Readable, input: { cusip: string }): Promise<NpxResult> {
  const records: NpxRecord[] = []
  let col: Record<string, number> | null = null
  let line = 0
  let entries = 0
  const parser = stream.pipe(parse({ bom: true, relax_column_count: false, skip_empty_lines: true, trim: true, info: true }))
  try {
    for await (const { record: row, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      line = info.lines
      if (!col) {
        const header = row.map((h) => h.toLowerCase().replace(/[\s-]+/g, '_'))
        col = {}
        for (const name of NPX_CSV_COLUMNS) if (header.includes(name)) col[name] = header.indexOf(name)
        const missing = REQUIRED_CSV.filter((name) => col![name] === undefined)
        if (missing.length) throw new ImportError(`the header has no ${missing.join(', ')} column: an N-PX CSV needs ${REQUIRED_CSV.join(', ')} (see the import page).`, line)
        continue
      }
      entries += 1
      const get = (name: string) => (col![name] === undefined ? '' : (row[col![name]!] ?? ''))
      const cusip = cusipOf(get('cusip'), 'cusip', line)
      const date = meetingDate(get('meeting_date'), 'meeting_date', line)
      const fundCik = get('fund_cik').replace(/^0+(?=\d)/, '')
      if (fundCik && !/^\d{1,10}$/.test(fundCik)) throw new ImportError(`fund_cik should be digits, but it is “${fundCik.slice(0, 20)}”.`, line)
      if (!get('fund_name')) throw new ImportError('fund_name is empty: every row names its fund.', line)
      const vote = howVoted(get('how_voted'), 'how_voted', line)
      if (cusip !== input.cusip) continue
      records.push({
        seq: entries,
        line,
        fundName: get('fund_name').slice(0, 300),
        fundCik: fundCik || null,
        seriesId: get('series_id') || null,
        issuerName: get('issuer_name').slice(0, 300),
        cusip,
        meetingDate: date,
        voteDescription: get('vote_description').replace(/\s+/g, ' ').slice(0, 2000),
        proposedBy: proposedBy(get('proposed_by')),
        howVoted: vote,
        sharesVoted: optionalShareCount(get('shares_voted'), 'shares_voted', line),
        withManagement: withManagement(get('for_or_against_management')),
      })
    }
  } catch (error) {
    if (error instanceof ImportError) throw error
    throw new ImportError(`the file could not be read as CSV (${(error as Error).message.slice(0, 200)}).`, line + 1)
  }
  if (!col) throw new ImportError('the file is empty: a CSV with a header row was expected.')
  return { records, entries }
}
