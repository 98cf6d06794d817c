import { stringify } from 'csv-stringify/sync'

// CSV files leave Quorum and are opened in spreadsheets, which run a cell that starts like a
// formula (CSV injection: "=HYPERLINK(…)", "+cmd|…", "@SUM(…)"). Supporters type their own names
// and brokers, so every such cell is defused with a leading apostrophe, which spreadsheets show
// as plain text (OWASP's advice). Tab and carriage return are on the list because some
// spreadsheets strip them and then read the formula behind.

export type CsvCell = string | number | boolean | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/

export function guardCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  const text = String(value)
  return FORMULA_START.test(text) ? `'${text}` : text
}

/**
 * Guarded CSV lines for these records (RFC 4180: CRLF between records, quotes doubled). A field
 * holding a lone line feed is quoted too: csv-stringify only looks for the record delimiter.
 */
export function csvLines(records: CsvCell[][]): string {
  return stringify(
    records.map((record) => record.map(guardCell)),
    { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  )
}

/** A byte-order mark first, so that Excel reads the file as UTF-8 (names with accents). */
export const CSV_BOM = '\uFEFF'

/** Headers of a CSV download: a file to save, never kept in any cache (it holds personal data). */
export function csvDownloadHeaders(filename: string): Record<string, string> {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
    'Cache-Control': 'private, no-store',
  }
}
