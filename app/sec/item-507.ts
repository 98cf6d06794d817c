// Form 8-K, Item 5.07 ("Submission of Matters to a Vote of Security Holders"): the tally table
// as an organizer copies it from the filing. Companies lay it out in two ways — a header row
// (For, Against, Abstain, Broker Non-Votes) over one row of figures per proposal, or one
// "For: 1,234" line per figure — so both are read. Nothing is guessed: a row the parser is not
// sure of is refused with the line it stopped at.

export interface Item507Row {
  label: string
  votesFor: string
  votesAgainst: string
  abstentions: string | null
  brokerNonVotes: string | null
  /** 1-based line of the pasted text. */
  line: number
}

export type Item507Result = { ok: true; rows: Item507Row[]; best: number } | { ok: false; message: string }

type Column = 'for' | 'against' | 'abstain' | 'broker'
const HEADER_WORDS: Array<[Column, RegExp]> = [
  ['broker', /broker\s*non[-\s]?votes?/i],
  ['against', /\bagainst\b|\bwithheld\b/i],
  ['abstain', /\babstain(?:ed|s|ing)?\b|\babstentions?\b/i],
  ['for', /\bfor\b/i],
]
const NUMBER = /\d{1,3}(?:,\d{3})+(?!\d)|\d+/g

function columnsOf(line: string): Column[] | null {
  const found: Array<[number, Column]> = []
  let rest = line
  for (const [column, pattern] of HEADER_WORDS) {
    const match = pattern.exec(rest)
    if (!match) continue
    found.push([match.index, column])
    rest = rest.slice(0, match.index) + ' '.repeat(match[0].length) + rest.slice(match.index + match[0].length)
  }
  const columns = found.sort((a, b) => a[0] - b[0]).map(([, c]) => c)
  return columns.includes('for') && columns.includes('against') && !/\d{2}/.test(line) ? columns : null
}

function numbersOf(line: string): { label: string; numbers: string[] } {
  const numbers = [...line.matchAll(NUMBER)].filter((m) => m[0].includes(',') || m[0].length >= 4 || m.index! > line.search(/\S/) + 3)
  const first = numbers[0]?.index ?? line.length
  return { label: line.slice(0, first).replace(/[\s:–—-]+$/, '').trim(), numbers: numbers.map((m) => m[0].replace(/,/g, '')) }
}

function significantWords(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? [])
}

/** The tally rows in `text`; `best` is the row whose label shares most words with `title`. */
export function parseItem507(text: string, input: { title: string }): Item507Result {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const rows: Item507Row[] = []
  let columns: Column[] | null = null
  let pendingLabel = ''
  const labelled: Partial<Record<Column, string>> = {}
  let labelledLine = 0

  lines.forEach((raw, index) => {
    const line = raw.replace(/\t/g, '   ').replace(/\u00a0/g, ' ')
    const header = columnsOf(line)
    if (header) {
      columns = header
      return
    }
    // "For: 1,234,567" style, one figure a line.
    const single = /^\s*(votes\s+)?(for|against|withheld|abstain(?:ed|s)?|abstentions?|broker\s*non[-\s]?votes?)\s*[:\s]\s*([\d,]+)\s*$/i.exec(line)
    if (single) {
      const word = single[2]!.toLowerCase()
      const column: Column = word.startsWith('broker') ? 'broker' : word === 'for' ? 'for' : word === 'against' || word === 'withheld' ? 'against' : 'abstain'
      labelled[column] = single[3]!.replace(/,/g, '')
      labelledLine ||= index + 1
      if (labelled.for && labelled.against && (column === 'broker' || (labelled.abstain && labelled.broker))) {
        rows.push({ label: pendingLabel, votesFor: labelled.for, votesAgainst: labelled.against, abstentions: labelled.abstain ?? null, brokerNonVotes: labelled.broker ?? null, line: labelledLine })
        for (const key of Object.keys(labelled)) delete labelled[key as Column]
        labelledLine = 0
      }
      return
    }
    const { label, numbers } = numbersOf(line)
    if (columns && numbers.length >= 2) {
      const cols: Column[] = columns
      if (numbers.length !== cols.length) return
      const value = (c: Column) => (cols.includes(c) ? numbers[cols.indexOf(c)]! : null)
      rows.push({ label: label || pendingLabel, votesFor: value('for')!, votesAgainst: value('against')!, abstentions: value('abstain'), brokerNonVotes: value('broker'), line: index + 1 })
      return
    }
    if (line.trim() && numbers.length < 2) pendingLabel = line.trim().slice(0, 200)
  })
  if (labelled.for && labelled.against) {
    rows.push({ label: pendingLabel, votesFor: labelled.for, votesAgainst: labelled.against, abstentions: labelled.abstain ?? null, brokerNonVotes: labelled.broker ?? null, line: labelledLine })
  }

  if (rows.length === 0) {
    return {
      ok: false,
      message: columns
        ? 'Found the For / Against header but no row of figures under it with one number per column. Paste the header and the proposal’s row together.'
        : 'Found no “For” and “Against” figures. Paste the Item 5.07 table with its header row (For, Against, Abstain, Broker Non-Votes) and the proposal’s row.',
    }
  }
  const titleWords = significantWords(input.title)
  const score = (row: Item507Row) => [...significantWords(row.label)].filter((w) => titleWords.has(w)).length
  let best = 0
  rows.forEach((row, i) => {
    if (score(row) > score(rows[best]!)) best = i
  })
  return { ok: true, rows, best }
}
