import type { NpxRecord } from '../sec/npx.server'

// Which N-PX records are votes on this proposal: same CUSIP (already filtered), a meeting of
// the proposal (same date when the date is known, else the same year), and wording that shares
// the title's distinctive words. At one meeting a fund votes on many items: only the best-
// scoring item per fund and series counts. An organizer can overrule any match.

export interface ProposalMeeting {
  year: number
  /** YYYY-MM-DD, or null when only the year is known. */
  date: string | null
}

const COMMON = new Set(['report', 'reports', 'reporting', 'shareholder', 'shareholders', 'stockholder', 'proposal', 'requesting', 'request', 'regarding', 'company', 'board', 'policy', 'adopt', 'issue', 'with', 'from', 'that', 'this', 'their', 'annual', 'additional'])

export function distinctiveWords(text: string): string[] {
  return [...new Set(text.toLowerCase().normalize('NFKD').match(/[a-z]{3,}/g) ?? [])].filter((w) => !COMMON.has(w) && w !== 'and' && w !== 'the' && w !== 'for')
}

/** The share of the title's distinctive words found in the description (0–1). */
export function wordingScore(title: string, description: string): number {
  const wanted = distinctiveWords(title)
  if (wanted.length === 0) return 0
  const have = new Set(distinctiveWords(description))
  return wanted.filter((w) => have.has(w)).length / wanted.length
}

export const MATCH_THRESHOLD = 0.5

export interface Match {
  score: number
  matchedYear: number | null
}

/** One Match per record, in order. */
export function matchRecords(records: Array<Pick<NpxRecord, 'meetingDate' | 'voteDescription' | 'proposedBy' | 'seriesId'> & { fundKey: string }>, input: { title: string; meetings: ProposalMeeting[] }): Match[] {
  const scored = records.map((record) => {
    const year = Number(record.meetingDate.slice(0, 4))
    const meeting = input.meetings.find((m) => m.year === year && (m.date === null || m.date === record.meetingDate))
    let score = wordingScore(input.title, record.voteDescription)
    if (record.proposedBy === 'issuer') score /= 2 // management's own items are not shareholder proposals
    return { score, year: meeting ? year : null }
  })
  // The best item per fund, series and meeting date; ties keep every tied record (a split vote).
  const best = new Map<string, number>()
  records.forEach((record, i) => {
    const key = `${record.fundKey}|${record.seriesId ?? ''}|${record.meetingDate}`
    best.set(key, Math.max(best.get(key) ?? 0, scored[i]!.score))
  })
  return records.map((record, i) => {
    const { score, year } = scored[i]!
    const top = best.get(`${record.fundKey}|${record.seriesId ?? ''}|${record.meetingDate}`)!
    return { score, matchedYear: year !== null && score >= MATCH_THRESHOLD && score === top ? year : null }
  })
}
