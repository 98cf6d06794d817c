// A file Quorum refuses. The message names where in the file (a line, an element) and what
// was expected there; nothing is stored from a refused file.

export class ImportError extends Error {
  override name = 'ImportError'
  constructor(
    message: string,
    /** 1-based line of the file the problem is on, when known. */
    readonly line?: number,
  ) {
    super(line ? `Line ${line}: ${message}` : message)
  }
}

/** A whole number of shares as a decimal string (bigint), or an ImportError naming the place. */
export function shareCount(value: string | undefined, where: string, line?: number): string {
  const text = (value ?? '').trim().replace(/,/g, '')
  if (!/^\d{1,19}$/.test(text) || BigInt(text) > 9223372036854775807n) {
    throw new ImportError(`${where} should be a whole number of shares, but it is “${(value ?? '').trim().slice(0, 40)}”.`, line)
  }
  return BigInt(text).toString()
}

/** An optional whole number: empty is null. */
export function optionalShareCount(value: string | undefined, where: string, line?: number): string | null {
  return (value ?? '').trim() === '' ? null : shareCount(value, where, line)
}

/** A CUSIP: nine characters, the ninth a check digit (the SEC's files give it upper-case). */
export function normalizeCusip(value: string): string {
  return value.trim().toUpperCase()
}

export function isValidCusip(value: string): boolean {
  if (!/^[0-9A-Z*@#]{8}[0-9]$/.test(value)) return false
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const c = value[i]!
    let v = /\d/.test(c) ? Number(c) : /[A-Z]/.test(c) ? c.charCodeAt(0) - 55 : c === '*' ? 36 : c === '@' ? 37 : 38
    if (i % 2 === 1) v *= 2
    sum += Math.floor(v / 10) + (v % 10)
  }
  return (10 - (sum % 10)) % 10 === Number(value[8])
}

/** "03-31-2024", "03/31/2024", "31-MAR-2024" or "2024-03-31" → "2024-03-31"; null if none of them. */
export function secDate(value: string): string | null {
  const text = value.trim()
  const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
  let y: number, m: number, d: number
  let match: RegExpExecArray | null
  if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  else if ((match = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(text))) [y, m, d] = [Number(match[3]), Number(match[1]), Number(match[2])]
  else if ((match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text)) && months.includes(match[2]!.toUpperCase())) {
    ;[y, m, d] = [Number(match[3]), months.indexOf(match[2]!.toUpperCase()) + 1, Number(match[1])]
  } else return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}
