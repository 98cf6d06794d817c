import type { Readable } from 'node:stream'
import { ImportError, isValidCusip, normalizeCusip, optionalShareCount, secDate, shareCount } from './import-error'
import { childLine, childText, readXmlRecords, type XmlElement } from './xml-records.server'

// Form 13F, one filing: the information table (its `infoTable` rows) and the primary document
// (the cover page: who filed, for which quarter). Only rows of the campaign's CUSIP are kept;
// shares are summed over a filer's rows (one per investment discretion and other manager), and
// options (putCall) and principal amounts (PRN, for bonds) are left out: they carry no vote.

export const INFORMATION_TABLE_NS = 'http://www.sec.gov/edgar/document/thirteenf/informationtable'
const COVER_NAMESPACES = ['http://www.sec.gov/edgar/thirteenffiler']
const NPX_COVER_NAMESPACES = ['http://www.sec.gov/edgar/npx']

export interface Holding {
  /** Summed over the filing's rows for the CUSIP. */
  shares: string
  votingSole: string
  votingShared: string
  votingNone: string
  issuerName: string
  rows: number
}

export interface InformationTableResult {
  holding: Holding | null
  /** infoTable rows in the file, all securities. */
  rows: number
}

/** Streams an information table and sums the holding of `cusip`. */
export async function parseInformationTable(stream: Readable, input: { cusip: string }): Promise<InformationTableResult> {
  let holding: Holding | null = null
  const { records } = await readXmlRecords(stream, {
    expected: 'a Form 13F information table (informationTable)',
    root: 'informationTable',
    namespaces: [INFORMATION_TABLE_NS],
    record: 'infoTable',
    onRecord: (row) => {
      const at = (path: string) => childLine(row, path)
      const cusip = normalizeCusip(required(row, 'cusip'))
      if (!isValidCusip(cusip)) throw new ImportError(`<cusip> should be a nine-character CUSIP with its check digit, but it is “${cusip.slice(0, 20)}”.`, at('cusip'))
      const amount = shareCount(childText(row, 'shrsOrPrnAmt/sshPrnamt'), '<shrsOrPrnAmt><sshPrnamt>', at('shrsOrPrnAmt/sshPrnamt'))
      const type = childText(row, 'shrsOrPrnAmt/sshPrnamtType')
      if (type !== 'SH' && type !== 'PRN') throw new ImportError(`<sshPrnamtType> should be SH (shares) or PRN (principal amount), but it is “${(type ?? '').slice(0, 20)}”.`, at('shrsOrPrnAmt/sshPrnamtType'))
      const sole = optionalShareCount(childText(row, 'votingAuthority/Sole'), '<votingAuthority><Sole>', at('votingAuthority/Sole')) ?? '0'
      const shared = optionalShareCount(childText(row, 'votingAuthority/Shared'), '<votingAuthority><Shared>', at('votingAuthority/Shared')) ?? '0'
      const none = optionalShareCount(childText(row, 'votingAuthority/None'), '<votingAuthority><None>', at('votingAuthority/None')) ?? '0'
      if (cusip !== input.cusip || type !== 'SH' || (childText(row, 'putCall') ?? '') !== '') return
      holding = addRow(holding, { shares: amount, votingSole: sole, votingShared: shared, votingNone: none, issuerName: childText(row, 'nameOfIssuer') ?? '', rows: 1 })
    },
  })
  return { holding, rows: records }
}

export function addRow(sum: Holding | null, row: Holding): Holding {
  if (!sum) return row
  const add = (a: string, b: string) => (BigInt(a) + BigInt(b)).toString()
  return {
    shares: add(sum.shares, row.shares),
    votingSole: add(sum.votingSole, row.votingSole),
    votingShared: add(sum.votingShared, row.votingShared),
    votingNone: add(sum.votingNone, row.votingNone),
    issuerName: sum.issuerName || row.issuerName,
    rows: sum.rows + row.rows,
  }
}

function required(row: XmlElement, path: string): string {
  const value = childText(row, path)
  if (!value) throw new ImportError(`<${row.name}> has no <${path}>: every row needs one.`, row.line)
  return value
}

export interface CoverPage {
  formType: string
  cik: string
  name: string
  /** The quarter's last day (13F) or the reporting year's end (N-PX), as YYYY-MM-DD. */
  period: string | null
}

function find(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) {
    if (child.name === name) return child
    const deeper = find(child, name)
    if (deeper) return deeper
  }
  return undefined
}

/** The cover of a 13F or N-PX primary document (primary_doc.xml): form type, filer CIK and name, period. */
export async function parseCoverPage(stream: Readable, input: { form: '13F' | 'N-PX' }): Promise<CoverPage> {
  const parts: XmlElement[] = []
  await readXmlRecords(stream, {
    expected: input.form === '13F' ? 'a Form 13F primary document (edgarSubmission)' : 'a Form N-PX primary document (edgarSubmission)',
    root: 'edgarSubmission',
    namespaces: input.form === '13F' ? COVER_NAMESPACES : NPX_COVER_NAMESPACES,
    record: ['headerData', 'formData'],
    onRecord: (part) => parts.push(part),
  })
  const all: XmlElement = { name: 'edgarSubmission', text: '', children: parts, line: 1 }
  const formType = find(all, 'submissionType')?.text.trim() ?? ''
  const expectedForm = input.form === '13F' ? /^13F-(HR|NT)(\/A)?$/ : /^N-PX(\/A)?$/
  if (!expectedForm.test(formType)) throw new ImportError(`<submissionType> is “${formType.slice(0, 20)}”, where a Form ${input.form} was expected.`, find(all, 'submissionType')?.line)
  const cik = find(all, 'cik')?.text.trim().replace(/^0+(?=\d)/, '') ?? ''
  if (!/^\d{1,10}$/.test(cik)) throw new ImportError('the primary document names no filer CIK (<filerInfo><filer>…<cik>).')
  const nameElement = find(all, 'filingManager') ?? find(all, 'reportingPerson')
  const name = nameElement ? childText(nameElement, 'name') ?? '' : ''
  if (!name) throw new ImportError('the primary document names no filer (<coverPage><filingManager><name> or <reportingPerson><name>).')
  const periodText = find(all, 'reportCalendarOrQuarter')?.text ?? find(all, 'periodOfReport')?.text ?? ''
  return { formType, cik, name, period: periodText ? secDate(periodText) : null }
}
