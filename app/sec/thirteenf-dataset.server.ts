import { createReadStream } from 'node:fs'
import { parse } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import { ImportError, secDate, shareCount } from './import-error'
import { addRow, type Holding } from './thirteenf-xml.server'

// The SEC's quarterly Form 13F data sets: tab-separated SUBMISSION, COVERPAGE and INFOTABLE
// files with a header row. SUBMISSION and COVERPAGE (one row per filing, thousands) are read
// whole; INFOTABLE (millions of rows) is streamed, and only the lines that carry the campaign's
// CUSIP between tabs are parsed into fields — so memory stays flat and the import runs near the
// speed of reading the file. Amendments are applied as the data set's readme describes: a
// RESTATEMENT replaces the filer's report for that quarter, NEW HOLDINGS adds to it.

export interface DatasetFiles {
  submission: string
  coverpage: string
  infotable: string
}

export interface DatasetHolder extends Holding {
  cik: string
  name: string
  period: string
  accessionNumber: string
  formType: string
}

interface Filing {
  cik: string
  formType: string
  period: string
  filed: string
  name: string
  amendment: 'none' | 'restatement' | 'new_holdings'
}

const TSV = { delimiter: '\t', quote: false, relax_column_count: false, bom: true } as const

function columnIndex(header: string[], file: string, names: string[]): Record<string, number> {
  const index: Record<string, number> = {}
  for (const name of names) {
    const at = header.indexOf(name)
    if (at < 0) throw new ImportError(`${file} has no ${name} column in its header: this is not the SEC's Form 13F data set layout (expected ${names.join(', ')}).`, 1)
    index[name] = at
  }
  return index
}

/** Reads a small TSV whole, calling `onRow` with the header's column map and each row's line. */
async function readSmallTsv(file: string, label: string, names: string[], onRow: (row: string[], col: Record<string, number>, line: number) => void) {
  let col: Record<string, number> | null = null
  let line = 0
  try {
    for await (const row of createReadStream(file).pipe(parse(TSV)) as AsyncIterable<string[]>) {
      line += 1
      if (!col) col = columnIndex(row, label, names)
      else onRow(row, col, line)
    }
  } catch (error) {
    if (error instanceof ImportError) throw error
    throw new ImportError(`${label} could not be read as tab-separated values (${(error as Error).message.slice(0, 200)}).`, line + 1)
  }
  if (!col) throw new ImportError(`${label} is empty: a header row was expected.`)
}

function date(value: string | undefined, label: string, line: number): string {
  const parsed = secDate(value ?? '')
  if (!parsed) throw new ImportError(`${label} should be a date such as 31-DEC-2023, but it is “${(value ?? '').slice(0, 20)}”.`, line)
  return parsed
}

async function readFilings(files: DatasetFiles): Promise<Map<string, Filing>> {
  const filings = new Map<string, Filing>()
  await readSmallTsv(files.submission, 'SUBMISSION', ['ACCESSION_NUMBER', 'FILING_DATE', 'SUBMISSIONTYPE', 'CIK', 'PERIODOFREPORT'], (row, c, line) => {
    const cik = row[c.CIK!]!.replace(/^0+(?=\d)/, '')
    if (!/^\d{1,10}$/.test(cik)) throw new ImportError(`SUBMISSION: CIK should be digits, but it is “${row[c.CIK!]!.slice(0, 20)}”.`, line)
    filings.set(row[c.ACCESSION_NUMBER!]!, {
      cik,
      formType: row[c.SUBMISSIONTYPE!]!,
      period: date(row[c.PERIODOFREPORT!], 'SUBMISSION: PERIODOFREPORT', line),
      filed: date(row[c.FILING_DATE!], 'SUBMISSION: FILING_DATE', line),
      name: '',
      amendment: 'none',
    })
  })
  await readSmallTsv(files.coverpage, 'COVERPAGE', ['ACCESSION_NUMBER', 'ISAMENDMENT', 'AMENDMENTTYPE', 'FILINGMANAGER_NAME'], (row, c) => {
    const filing = filings.get(row[c.ACCESSION_NUMBER!]!)
    if (!filing) return
    filing.name = row[c.FILINGMANAGER_NAME!]!.trim()
    const type = row[c.AMENDMENTTYPE!]!.trim().toUpperCase()
    if (row[c.ISAMENDMENT!] === 'Y') filing.amendment = type === 'NEW HOLDINGS' ? 'new_holdings' : 'restatement'
  })
  return filings
}

const NEWLINE = 0x0a

/** Streams INFOTABLE and sums the rows of `cusip` per accession number. */
export async function scanInfotable(file: string, cusip: string): Promise<{ rows: number; byAccession: Map<string, Holding> }> {
  const byAccession = new Map<string, Holding>()
  const needle = Buffer.from(`\t${cusip}\t`)
  let col: Record<string, number> | null = null
  let width = 0
  let line = 0 // lines completed before `carry`
  let carry: Buffer = Buffer.alloc(0)

  const takeRow = (text: string, at: number) => {
    let fields: string[]
    try {
      fields = (parseSync(text, TSV) as string[][])[0] ?? []
    } catch (error) {
      throw new ImportError(`INFOTABLE could not be read (${(error as Error).message.slice(0, 200)}).`, at)
    }
    if (!col) {
      col = columnIndex(fields, 'INFOTABLE', ['ACCESSION_NUMBER', 'CUSIP', 'SSHPRNAMT', 'SSHPRNAMTTYPE', 'PUTCALL', 'NAMEOFISSUER', 'VOTING_AUTH_SOLE', 'VOTING_AUTH_SHARED', 'VOTING_AUTH_NONE'])
      width = fields.length
      return
    }
    if (fields.length !== width) throw new ImportError(`INFOTABLE: this row has ${fields.length} fields where the header has ${width}; the file may be truncated or damaged.`, at)
    if (fields[col.CUSIP!] !== cusip || fields[col.SSHPRNAMTTYPE!] !== 'SH' || fields[col.PUTCALL!] !== '') return
    const holding: Holding = {
      shares: shareCount(fields[col.SSHPRNAMT!], 'INFOTABLE: SSHPRNAMT', at),
      votingSole: shareCount(fields[col.VOTING_AUTH_SOLE!] || '0', 'INFOTABLE: VOTING_AUTH_SOLE', at),
      votingShared: shareCount(fields[col.VOTING_AUTH_SHARED!] || '0', 'INFOTABLE: VOTING_AUTH_SHARED', at),
      votingNone: shareCount(fields[col.VOTING_AUTH_NONE!] || '0', 'INFOTABLE: VOTING_AUTH_NONE', at),
      issuerName: fields[col.NAMEOFISSUER!]!,
      rows: 1,
    }
    const accession = fields[col.ACCESSION_NUMBER!]!
    byAccession.set(accession, addRow(byAccession.get(accession) ?? null, holding))
  }

  /** Complete lines in `buffer[0, end)`: the header, and every line that holds the needle. */
  const scan = (buffer: Buffer, end: number) => {
    let start = 0
    if (!col) {
      const first = buffer.indexOf(NEWLINE)
      takeRow(buffer.subarray(0, first).toString('utf8').replace(/\r$/, ''), 1)
      start = first + 1
      line = 1
    }
    let counted = start
    for (let hit = buffer.indexOf(needle, start); hit >= 0 && hit < end; hit = buffer.indexOf(needle, hit + 1)) {
      const lineStart = buffer.lastIndexOf(NEWLINE, hit) + 1
      if (lineStart < counted) continue // a second hit on a line already taken
      for (let nl = buffer.indexOf(NEWLINE, counted); nl >= 0 && nl < lineStart; nl = buffer.indexOf(NEWLINE, nl + 1)) line += 1
      const lineEnd = buffer.indexOf(NEWLINE, hit)
      takeRow(buffer.subarray(lineStart, lineEnd).toString('utf8').replace(/\r$/, ''), line + 1)
      line += 1
      counted = lineEnd + 1
    }
    for (let nl = buffer.indexOf(NEWLINE, counted); nl >= 0 && nl < end; nl = buffer.indexOf(NEWLINE, nl + 1)) line += 1
  }

  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buffer = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer)
    const last = buffer.lastIndexOf(NEWLINE)
    if (last < 0) {
      carry = buffer
      continue
    }
    scan(buffer, last + 1)
    carry = Buffer.from(buffer.subarray(last + 1))
  }
  // A last line without a line feed is read like the others; a cut-off one has too few fields.
  if (carry.length) {
    const text = carry.toString('utf8').replace(/\r$/, '')
    if (!col) takeRow(text, 1)
    else if (text.split('\t').length !== width) throw new ImportError(`INFOTABLE: the last row has ${text.split('\t').length} fields where the header has ${width}; the file is truncated.`, line + 1)
    else scan(Buffer.concat([carry, Buffer.from('\n')]), carry.length + 1)
  }
  if (!col) throw new ImportError('INFOTABLE is empty: a header row was expected.')
  return { rows: Math.max(0, line - 1), byAccession }
}

/** The holders of `cusip` in a data set: each filer's latest report, amendments applied. */
export async function parseThirteenFDataset(files: DatasetFiles, input: { cusip: string }): Promise<{ rows: number; holders: DatasetHolder[] }> {
  const filings = await readFilings(files)
  const { rows, byAccession } = await scanInfotable(files.infotable, input.cusip)

  // Per filer: the latest quarter; in it, the latest original or restatement, plus the NEW
  // HOLDINGS amendments filed after it.
  const byFiler = new Map<string, Array<{ accession: string; filing: Filing }>>()
  for (const [accession, filing] of filings) {
    if (!/^13F-HR/.test(filing.formType)) continue
    byFiler.set(filing.cik, [...(byFiler.get(filing.cik) ?? []), { accession, filing }])
  }
  const holders: DatasetHolder[] = []
  for (const [accession] of byAccession) {
    if (!filings.has(accession)) throw new ImportError(`INFOTABLE names the filing ${accession.slice(0, 30)}, which SUBMISSION does not list: the three files must come from the same data set.`)
  }
  for (const [cik, list] of byFiler) {
    const period = list.map((f) => f.filing.period).sort().at(-1)!
    const inPeriod = list.filter((f) => f.filing.period === period).sort((a, b) => a.filing.filed.localeCompare(b.filing.filed) || a.accession.localeCompare(b.accession))
    const base = inPeriod.filter((f) => f.filing.amendment !== 'new_holdings').at(-1)
    const parts = inPeriod.filter((f) => f === base || (f.filing.amendment === 'new_holdings' && (!base || f.filing.filed >= base.filing.filed)))
    let holding: Holding | null = null
    for (const part of parts) {
      const found = byAccession.get(part.accession)
      if (found) holding = addRow(holding, found)
    }
    if (!holding) continue
    const main = base ?? parts[0]!
    holders.push({ ...holding, cik, name: main.filing.name || `CIK ${cik}`, period, accessionNumber: main.accession, formType: main.filing.formType })
  }
  return { rows, holders }
}
