import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, test } from 'vitest'
import { ImportError, isValidCusip, secDate } from './import-error'
import { parseItem507 } from './item-507'
import { managementPosition, parseNpxCsv, parseNpxXml } from './npx.server'
import { parseThirteenFDataset } from './thirteenf-dataset.server'
import { parseCoverPage, parseInformationTable } from './thirteenf-xml.server'

// The SEC formats, read from fixtures Quorum wrote in those formats (tests/fixtures/sec).

const FIXTURES = path.resolve('tests/fixtures/sec')
const AMZN = '023135106'
const file = (name: string) => createReadStream(path.join(FIXTURES, name))
const text = (value: string) => Readable.from([Buffer.from(value)])
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8')

async function refusal(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(ImportError)
  return error as ImportError
}

describe('Form 13F information table (XML)', () => {
  test('sums the CUSIP’s share rows under a namespace prefix, leaving out options and other issuers', async () => {
    const result = await parseInformationTable(file('13f-infotable.xml'), { cusip: AMZN })
    expect(result.rows).toBe(4)
    expect(result.holding).toEqual({ shares: '13042141', votingSole: '11000000', votingShared: '1000000', votingNone: '1042141', issuerName: 'AMAZON COM INC', rows: 2 })
  })

  test('the cover page names the filer, its CIK without leading zeros and the quarter', async () => {
    expect(await parseCoverPage(file('13f-primary-doc.xml'), { form: '13F' })).toEqual({ formType: '13F-HR', cik: '9900001', name: 'Illustrative Index Advisors LLC', period: '2024-03-31' })
    expect((await refusal(parseCoverPage(file('npx-primary-doc.xml'), { form: '13F' }))).message).toMatch(/namespace “http:\/\/www.sec.gov\/edgar\/npx”/)
  })

  test('refuses the wrong namespace, the wrong form, a truncated file and a bad number, naming the line', async () => {
    const wrongNs = fixture('13f-infotable.xml').replace('http://www.sec.gov/edgar/document/thirteenf/informationtable', 'http://example.org/other')
    expect((await refusal(parseInformationTable(text(wrongNs), { cusip: AMZN }))).message).toMatch(/^Line 4: <informationTable> is in the namespace “http:\/\/example.org\/other”/)
    expect((await refusal(parseInformationTable(file('npx-vote-table.xml'), { cusip: AMZN }))).message).toMatch(/Line 3: this is not a Form 13F information table .*root element is <proxyVoteTable>/)
    const truncated = fixture('13f-infotable.xml').slice(0, 1200)
    expect((await refusal(parseInformationTable(text(truncated), { cusip: AMZN }))).message).toMatch(/^Line \d+: the file is not well-formed XML .*truncated/)
    const badNumber = fixture('13f-infotable.xml').replace('<ns1:sshPrnamt>1000000<', '<ns1:sshPrnamt>1e6<')
    expect((await refusal(parseInformationTable(text(badNumber), { cusip: AMZN }))).message).toBe('Line 28: <shrsOrPrnAmt><sshPrnamt> should be a whole number of shares, but it is “1e6”.')
    expect((await refusal(parseInformationTable(text(''), { cusip: AMZN }))).message).toMatch(/empty/)
  })
})

describe('Form 13F data sets (SUBMISSION, COVERPAGE, INFOTABLE)', () => {
  const files = { submission: path.join(FIXTURES, '13f-dataset/SUBMISSION.tsv'), coverpage: path.join(FIXTURES, '13f-dataset/COVERPAGE.tsv'), infotable: path.join(FIXTURES, '13f-dataset/INFOTABLE.tsv') }

  test('each filer’s latest quarter: a restatement replaces, new holdings add; puts and notes are left out', async () => {
    const { rows, holders } = await parseThirteenFDataset(files, { cusip: AMZN })
    expect(rows).toBe(10)
    expect(holders.sort((a, b) => a.cik.localeCompare(b.cik))).toEqual([
      expect.objectContaining({ cik: '9900001', name: 'Illustrative Index Advisors LLC', shares: '12500000', votingSole: '12000000', votingNone: '500000', period: '2024-03-31', accessionNumber: '0009900001-24-000003' }),
      expect.objectContaining({ cik: '9900002', name: 'Illustrative Stewardship Fund Management', shares: '3000000', votingShared: '3000000', period: '2024-03-31', accessionNumber: '0009900002-24-000001' }),
    ])
  })

  test('refuses a missing column, a truncated last row and a row with a bad number, naming the line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'quorum-13f-'))
    const write = (name: string, body: string) => {
      writeFileSync(path.join(dir, name), body)
      return path.join(dir, name)
    }
    const infotable = fixture('13f-dataset/INFOTABLE.tsv')
    const noCusip = write('a.tsv', infotable.replace('\tCUSIP\t', '\tCUSIP_NUMBER\t'))
    expect((await refusal(parseThirteenFDataset({ ...files, infotable: noCusip }, { cusip: AMZN }))).message).toMatch(/^Line 1: INFOTABLE has no CUSIP column/)
    const cut = write('b.tsv', infotable.slice(0, infotable.lastIndexOf('\tPRN')))
    expect((await refusal(parseThirteenFDataset({ ...files, infotable: cut }, { cusip: AMZN }))).message).toMatch(/^Line 11: INFOTABLE: the last row has 8 fields where the header has 15; the file is truncated/)
    const bad = write('c.tsv', infotable.replace('\t12000000\tSH', '\t12,000,00x\tSH'))
    expect((await refusal(parseThirteenFDataset({ ...files, infotable: bad }, { cusip: AMZN }))).message).toBe('Line 3: INFOTABLE: SSHPRNAMT should be a whole number of shares, but it is “12,000,00x”.')
    const badDate = write('d.tsv', fixture('13f-dataset/SUBMISSION.tsv').replace('31-DEC-2023', '2023-13-31'))
    expect((await refusal(parseThirteenFDataset({ ...files, submission: badDate }, { cusip: AMZN }))).message).toMatch(/^Line 2: SUBMISSION: PERIODOFREPORT should be a date/)
  })
})

describe('Form N-PX', () => {
  test('XML: the CUSIP’s records, one per vote record of a split vote; managementRecommendation means “with management”', async () => {
    const { entries, records } = await parseNpxXml(file('npx-vote-table.xml'), { cusip: AMZN })
    expect(entries).toBe(4)
    expect(records.map((r) => [r.voteDescription.slice(0, 40), r.howVoted, r.sharesVoted, r.withManagement, r.proposedBy])).toEqual([
      ['Elect Director Jeffrey P. Bezos', 'for', '9500000', true, 'issuer'],
      ['Shareholder Proposal Requesting a Report', 'for', '9500000', false, 'shareholder'],
      ['Shareholder Proposal Requesting Addition', 'against', '6000000', true, 'shareholder'],
      ['Shareholder Proposal Requesting Addition', 'for', '3500000', false, 'shareholder'],
    ])
    expect(records[1]).toMatchObject({ meetingDate: '2024-05-22', seriesId: 'S000099001' })
    // The fund voted FOR, and that was AGAINST management's recommendation: management recommended AGAINST.
    expect(managementPosition(records[1]!.howVoted, records[1]!.withManagement)).toBe('against')
    // Voted FOR with management: management recommended FOR (not "management said FOR" read off the element).
    expect(managementPosition('for', true)).toBe('for')
    expect(managementPosition('against', true)).toBe('against')
    expect(managementPosition('against', false)).toBe('for')
    expect(managementPosition('abstain', false)).toBeNull()
  })

  test('CSV for earlier years: header in any order, grouped numbers, the CUSIP only', async () => {
    const { entries, records } = await parseNpxCsv(file('npx-2021.csv'), { cusip: AMZN })
    expect(entries).toBe(4)
    expect(records).toHaveLength(3)
    expect(records[0]).toMatchObject({ fundName: 'Illustrative Index Advisors LLC', fundCik: '9900001', meetingDate: '2022-05-25', howVoted: 'against', sharesVoted: '9000000', withManagement: true, line: 2 })
    expect(records[2]).toMatchObject({ fundName: 'Illustrative Stewardship Fund', fundCik: '9900002', howVoted: 'for', withManagement: false })
  })

  test('refuses an unknown vote, a missing column and a bad CUSIP, naming the line or element', async () => {
    const xml = fixture('npx-vote-table.xml').replace('<howVoted>AGAINST</howVoted>', '<howVoted>MAYBE</howVoted>')
    expect((await refusal(parseNpxXml(text(xml), { cusip: AMZN }))).message).toMatch(/^Line 51: <howVoted> should be FOR, AGAINST, ABSTAIN, WITHHOLD or DO NOT VOTE, but it is “MAYBE”/)
    const csv = fixture('npx-2021.csv')
    expect((await refusal(parseNpxCsv(text(csv.replace('how_voted', 'decision')), { cusip: AMZN }))).message).toMatch(/^Line 1: the header has no how_voted column/)
    expect((await refusal(parseNpxCsv(text(csv.replace(',023135106,05/25/2022,Elect', ',02313510X,05/25/2022,Elect')), { cusip: AMZN }))).message).toMatch(/^Line 3: cusip should be a nine-character CUSIP/)
    expect((await refusal(parseNpxXml(file('13f-infotable.xml'), { cusip: AMZN }))).message).toMatch(/not a Form N-PX vote table/)
  })
})

describe('Form 8-K Item 5.07, pasted', () => {
  test('a header row over rows of figures: picks the proposal’s row by its wording', () => {
    const result = parseItem507(fixture('8k-item-507.txt'), { title: 'Customer Due Diligence' })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.rows).toHaveLength(2)
    expect(result.rows[result.best]).toEqual({ label: 'Item 6 — Shareholder proposal requesting a report on customer due diligence', votesFor: '140617842', votesAgainst: '208303318', abstentions: '2112345', brokerNonVotes: '55123456', line: 11 })
  })

  test('one figure a line, and a table without broker non-votes', () => {
    const lines = parseItem507('Proposal 6\nFor: 1,000\nAgainst: 3,000\nAbstain: 10\nBroker Non-Votes: 5\n', { title: 'x' })
    expect(lines).toMatchObject({ ok: true, rows: [{ votesFor: '1000', votesAgainst: '3000', abstentions: '10', brokerNonVotes: '5' }] })
    const table = parseItem507('Votes For   Votes Against   Abstentions\n 12,345,678   9,876,543   11,111', { title: 'x' })
    expect(table).toMatchObject({ ok: true, rows: [{ votesFor: '12345678', votesAgainst: '9876543', abstentions: '11111', brokerNonVotes: null }] })
    expect(parseItem507('The proposal passed.', { title: 'x' })).toMatchObject({ ok: false, message: expect.stringMatching(/Found no “For” and “Against” figures/) })
  })
})

test('CUSIP check digits and SEC dates', () => {
  expect([AMZN, '037833100', '594918104'].every(isValidCusip)).toBe(true)
  expect(isValidCusip('023135107')).toBe(false)
  expect([secDate('03-31-2024'), secDate('31-DEC-2023'), secDate('05/25/2022'), secDate('2024-02-30')]).toEqual(['2024-03-31', '2023-12-31', '2022-05-25', null])
})
