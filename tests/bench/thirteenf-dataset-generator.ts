import { once } from 'node:events'
import { createWriteStream, mkdirSync } from 'node:fs'
import path from 'node:path'

// A Form 13F data set in the SEC's layout (tab-separated SUBMISSION, COVERPAGE and INFOTABLE
// with their header rows), generated: the import benchmark's input. Every filer holds a spread
// of securities; one in `matchEvery` rows is the target CUSIP, as in a real quarter where a
// large company appears in a few thousand of the three million rows.

export const INFOTABLE_COLUMNS = ['ACCESSION_NUMBER', 'INFOTABLE_SK', 'NAMEOFISSUER', 'TITLEOFCLASS', 'CUSIP', 'FIGI', 'VALUE', 'SSHPRNAMT', 'SSHPRNAMTTYPE', 'PUTCALL', 'INVESTMENTDISCRETION', 'OTHERMANAGER', 'VOTING_AUTH_SOLE', 'VOTING_AUTH_SHARED', 'VOTING_AUTH_NONE']
const SUBMISSION_COLUMNS = ['ACCESSION_NUMBER', 'FILING_DATE', 'SUBMISSIONTYPE', 'CIK', 'PERIODOFREPORT']
const COVERPAGE_COLUMNS = ['ACCESSION_NUMBER', 'REPORTCALENDARORQUARTER', 'ISAMENDMENT', 'AMENDMENTNO', 'AMENDMENTTYPE', 'CONFDENIEDEXPIRED', 'DATEDENIEDEXPIRED', 'DATEREPORTED', 'REASONFORNONCONFIDENTIALITY', 'FILINGMANAGER_NAME', 'FILINGMANAGER_STREET1', 'FILINGMANAGER_STREET2', 'FILINGMANAGER_CITY', 'FILINGMANAGER_STATEORCOUNTRY', 'FILINGMANAGER_ZIPCODE', 'REPORTTYPE', 'FORM13FFILENUMBER', 'CRD_NUMBER', 'SEC_FILE_NUMBER', 'PROVIDEINFOFORINSTRUCTION5']

const OTHER_CUSIPS = ['037833100', '594918104', '02079K305', '67066G104', '30303M102', '88160R101', '46625H100', '478160104', '931142103', '717081103']

async function writeLines(file: string, lines: Iterable<string>) {
  const out = createWriteStream(file)
  let buffer = ''
  for (const line of lines) {
    buffer += line + '\n'
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain')
      buffer = ''
    }
  }
  out.end(buffer)
  await once(out, 'finish')
}

export async function generateDataset(dir: string, input: { rows: number; cusip: string; filers?: number; matchEvery?: number }) {
  mkdirSync(dir, { recursive: true })
  const filers = input.filers ?? 8000
  const matchEvery = input.matchEvery ?? 1000
  const accession = (i: number) => `0000${String(1000000 + i)}-24-${String(i % 1000000).padStart(6, '0')}`
  await writeLines(path.join(dir, 'SUBMISSION.tsv'), (function* () {
    yield SUBMISSION_COLUMNS.join('\t')
    for (let i = 0; i < filers; i++) yield [accession(i), '14-FEB-2024', '13F-HR', String(1000000 + i), '31-DEC-2023'].join('\t')
  })())
  await writeLines(path.join(dir, 'COVERPAGE.tsv'), (function* () {
    yield COVERPAGE_COLUMNS.join('\t')
    for (let i = 0; i < filers; i++) {
      yield [accession(i), '31-DEC-2023', 'N', '', '', '', '', '', '', `Illustrative Capital Management ${i} LLC`, '1 Example Way', '', 'Example City', 'NY', '10001', '13F HOLDINGS REPORT', `028-${i}`, '', '', 'N'].join('\t')
    }
  })())
  await writeLines(path.join(dir, 'INFOTABLE.tsv'), (function* () {
    yield INFOTABLE_COLUMNS.join('\t')
    for (let r = 0; r < input.rows; r++) {
      const target = r % matchEvery === 0
      const filer = target ? (r / matchEvery) % filers : r % filers
      const cusip = target ? input.cusip : OTHER_CUSIPS[r % OTHER_CUSIPS.length]!
      const shares = 100 + ((r * 7919) % 5_000_000)
      yield [accession(filer), String(r + 1), target ? 'AMAZON COM INC' : 'ILLUSTRATIVE ISSUER INC', 'COM', cusip, '', String(shares * 150), String(shares), 'SH', '', 'SOLE', '', String(shares), '0', '0'].join('\t')
    }
  })())
}

// `tsx tests/bench/thirteenf-dataset-generator.ts DIR ROWS` writes one by hand.
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [dir, rows] = process.argv.slice(2)
  await generateDataset(dir ?? 'tmp-dataset', { rows: Number(rows ?? 3_000_000), cusip: '023135106' })
}
