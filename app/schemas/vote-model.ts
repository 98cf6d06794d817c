import { z } from 'zod'
import { isValidCusip } from '../sec/import-error'

// The vote model's forms and query strings. Every message says what to type.

const MAX_BIGINT = 9223372036854775807n
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)
const optionalText = (max: number, label: string) => z.preprocess(blankToUndefined, z.string().trim().max(max, `Keep the ${label} to ${max.toLocaleString('en-US')} characters or fewer`).optional())

const Shares = (message: string) =>
  z
    .string({ required_error: message })
    .trim()
    .transform((value) => value.replace(/[,_\s]/g, ''))
    .refine((value) => /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT, message)
    .transform((value) => BigInt(value).toString())

const Cik = z
  .string()
  .trim()
  .transform((value) => value.replace(/^0+(?=\d)/, ''))
  .refine((value) => /^\d{1,10}$/.test(value), 'Enter the CIK as up to ten digits, e.g. 0001067983')

const CalendarDate = (label: string) =>
  z.string({ required_error: `Enter the ${label} as a date, e.g. 2024-03-31` }).refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), `Enter the ${label} as a date, e.g. 2024-03-31`)

export const ExpectedVoteSchema = z.enum(['for', 'against', 'abstain'], { errorMap: () => ({ message: 'Choose the vote expected: for, against or abstain' }) })
export const EngagementStatusSchema = z.enum(['not_contacted', 'contacted', 'met', 'supports', 'declined'], { errorMap: () => ({ message: 'Choose a status from the list' }) })
export const HolderClassSchema = z.enum(['for', 'against', 'split', 'abstained', 'no_record'])

export const BoardFiltersSchema = z.object({
  q: optionalText(100, 'search'),
  class: z.preprocess(blankToUndefined, HolderClassSchema.optional()).catch(undefined),
  status: z.preprocess(blankToUndefined, EngagementStatusSchema.optional()).catch(undefined),
  kind: z.preprocess(blankToUndefined, z.enum(['institutional', 'affiliated']).optional()).catch(undefined),
})

export const EngagementSchema = z.object({
  status: EngagementStatusSchema,
  expectedVote: z.preprocess(blankToUndefined, ExpectedVoteSchema.optional()).transform((v) => v ?? null),
  contact: optionalText(300, 'contact').transform((v) => v ?? null),
  notes: optionalText(4000, 'notes').transform((v) => v ?? null),
  nextStepOn: z.preprocess(blankToUndefined, CalendarDate('next step’s date').optional()).transform((v) => v ?? null),
})

export const AffiliatedHolderSchema = z.object({
  name: z.string({ required_error: 'Enter the holder’s name as the proxy statement gives it' }).trim().min(1, 'Enter the holder’s name as the proxy statement gives it').max(300, 'Keep the name to 300 characters or fewer'),
  shares: Shares('Enter the shares held as a whole number, e.g. 1,000,000 (from the proxy statement’s ownership table)'),
  expectedVote: ExpectedVoteSchema,
  note: optionalText(1000, 'note').transform((v) => v ?? null),
})

export const FilerSchema = z.object({
  filerName: z.string({ required_error: 'Enter the filer’s name' }).trim().min(1, 'Enter the filer’s name, as on the 13F cover page').max(300),
  filerCik: Cik,
  period: CalendarDate('report period (the quarter’s last day)'),
})

export const FundSchema = z.object({
  fundName: z.string({ required_error: 'Enter the fund’s name' }).trim().min(1, 'Enter the fund’s name, as on the N-PX cover page').max(300),
  fundCik: z.preprocess(blankToUndefined, Cik.optional()).transform((v) => v ?? null),
})

export const AccessionSchema = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .refine((value) => /^\d{10}-?\d{2}-?\d{6}$/.test(value), 'Enter the accession number as on EDGAR, e.g. 0000950123-24-002518')
    .transform((value) => value.replace(/-/g, ''))
    .transform((value) => `${value.slice(0, 10)}-${value.slice(10, 12)}-${value.slice(12)}`)
    .optional(),
)

export const EdgarFetchSchema = z.object({
  form: z.enum(['13f', 'npx'], { errorMap: () => ({ message: 'Choose the form: 13F or N-PX' }) }),
  address: z.string().trim().max(500, 'Paste the filing’s address: up to 500 characters').optional(),
  cik: z.string().trim().max(12).optional(),
  accession: z.string().trim().max(30).optional(),
})

export const CusipSchema = z.string().trim().toUpperCase().refine(isValidCusip)

export const MatchSchema = z.object({ fundVoteId: z.string().regex(/^\d{1,18}$/), matches: z.enum(['yes', 'no']) })
export const FundLinkSchema = z.object({ fundKey: z.string().min(1).max(320), holderId: z.preprocess(blankToUndefined, z.string().regex(/^\d{1,18}$/).optional()).transform((v) => v ?? null) })

const TURNOUT = /^\d{1,3}(\.\d{1,2})?$/

/** The projection's scenario, from the query string: every bad value falls back to the default. */
export function parseScenario(params: URLSearchParams) {
  const turnoutText = (params.get('turnout') ?? '').trim()
  const bandText = (params.get('band') ?? '').trim()
  const errors: Record<string, string> = {}
  let turnoutPercent: string | null = null
  if (turnoutText) {
    if (TURNOUT.test(turnoutText) && Number(turnoutText) > 0 && Number(turnoutText) <= 100) turnoutPercent = turnoutText
    else errors.turnout = 'Enter the expected turnout as a percentage of shares outstanding, from 0.01 to 100, e.g. 72.5, or leave it empty'
  }
  let bandPoints = 5
  if (bandText) {
    if (/^\d{1,2}(\.\d)?$/.test(bandText) && Number(bandText) <= 50) bandPoints = Number(bandText)
    else errors.band = 'Enter the uncertainty as percentage points from 0 to 50, e.g. 5'
  }
  const flips: Record<string, 'for' | 'against' | 'abstain' | 'unknown'> = {}
  for (const [key, value] of params) {
    const match = /^h(\d{1,18})$/.exec(key)
    if (match && (value === 'for' || value === 'against' || value === 'abstain' || value === 'unknown')) flips[match[1]!] = value
  }
  return { scenario: { turnoutPercent, bandPoints, flips }, errors, values: { turnout: turnoutText, band: bandText } }
}
