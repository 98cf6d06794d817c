import { describe, expect, test } from 'vitest'
import { csvDownloadHeaders, csvLines, guardCell } from './csv'

describe('the CSV formula-injection guard', () => {
  test.each([
    ['=1+2', "'=1+2"],
    ['+SUM(A1:A9)', "'+SUM(A1:A9)"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tcmd', "'\tcmd"],
    ['\r=2', "'\r=2"],
    ['=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'],
  ])('%j is defused as %j', (value, guarded) => {
    expect(guardCell(value)).toBe(guarded)
  })

  test.each([['Ada Lovelace'], ['a=b'], ['1-2'], ['x@example.org'], ["'quoted"], [' =1'], ['']])('%j is left alone', (value) => {
    expect(guardCell(value)).toBe(value)
  })

  test('empty cells and non-strings', () => {
    expect(guardCell(null)).toBe('')
    expect(guardCell(undefined)).toBe('')
    expect(guardCell(120)).toBe('120')
    expect(guardCell(-5)).toBe("'-5")
    expect(guardCell(true)).toBe('true')
  })
})

describe('CSV lines', () => {
  test('commas, quotes and line breaks are quoted (RFC 4180), records end in CRLF', () => {
    expect(csvLines([['a,b', 'say "hi"', 'two\nlines', 'cr\rlf', 'plain', null]])).toBe('"a,b","say ""hi""","two\nlines","cr\rlf",plain,\r\n')
  })

  test('guarded cells are quoted when they need it, and the apostrophe stays inside', () => {
    expect(csvLines([['=1+2', '+SUM(A1,A2)', '-1', '@x']])).toBe('\'=1+2,"\'+SUM(A1,A2)",\'-1,\'@x\r\n')
  })

  test('several records', () => {
    expect(csvLines([['Email', 'Name'], ['a@example.org', 'Ann'], ['b@example.org', '']])).toBe('Email,Name\r\na@example.org,Ann\r\nb@example.org,\r\n')
  })
})

describe('CSV download headers', () => {
  test('an attachment, UTF-8 CSV, never cached', () => {
    expect(csvDownloadHeaders('camp-pledges-2030-01-01.csv')).toMatchObject({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="camp-pledges-2030-01-01.csv"',
      'Cache-Control': 'private, no-store',
    })
  })

  test('a file name cannot break out of its quotes', () => {
    expect(csvDownloadHeaders('a"b\r\n.csv')['Content-Disposition']).toBe('attachment; filename="a_b__.csv"')
  })
})
