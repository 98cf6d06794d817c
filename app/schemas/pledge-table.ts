import { z } from 'zod'
import type { HolderType, Intention } from '../../db/schema'
import { HOLDER_TYPES, INTENTIONS } from './fields'

// The organizer's pledge table is driven by its query string (a GET form that works without
// JavaScript). Each parameter is parsed on its own: a bad value falls back to "any" (or the
// default sort, or the first page) with a message saying so, and never fails the whole page.

export const PLEDGE_STATUSES = ['pending', 'confirmed', 'withdrawn'] as const
export const PLEDGE_SORTS = ['newest', 'oldest', 'most-shares', 'fewest-shares'] as const
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number]
export type PledgeSort = (typeof PLEDGE_SORTS)[number]

/**
 * Where a page starts or ends: the sort key of a row and its id (the tie-break). For the date
 * sorts the key is the exact timestamp, to the microsecond (a JS Date would drop those and skip
 * or repeat rows); for the share sorts it is the share count, or null for undisclosed shares.
 */
export interface PledgeCursor {
  key: string | null
  id: string
}

export interface PledgeTableQuery {
  q?: string
  intention?: Intention
  status?: PledgeStatus
  voted?: 'yes' | 'no'
  holder?: HolderType
  sort: PledgeSort
  after?: PledgeCursor
  before?: PledgeCursor
}

export type PledgeTableErrors = Partial<Record<'q' | 'intention' | 'status' | 'voted' | 'holder' | 'sort' | 'page', string>>

/** The form's "Any" option sends an empty value: that means no filter, not a bad one. */
const blankAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)

function optionalChoice<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess(blankAsUndefined, z.enum(values, { errorMap: () => ({ message }) }).optional())
}

export const pledgeTableFields = {
  q: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .trim()
      .max(100, 'Search with at most 100 characters (the start of an email address or a name): showing every pledge.')
      .refine((q) => !/[\u0000-\u001f\u007f]/.test(q), 'Search with letters, digits and punctuation only, no control characters: showing every pledge.')
      .optional(),
  ),
  intention: optionalChoice(INTENTIONS, 'Intention can be for, against, abstain or undecided: showing every intention.'),
  status: optionalChoice(PLEDGE_STATUSES, 'Status can be pending, confirmed or withdrawn: showing every status.'),
  voted: optionalChoice(['yes', 'no'] as const, 'Voted can be yes or no: showing both.'),
  holder: optionalChoice(HOLDER_TYPES, 'Holder type can be retail, institutional, employee or other: showing every holder type.'),
  sort: z.preprocess(
    blankAsUndefined,
    z.enum(PLEDGE_SORTS, { errorMap: () => ({ message: 'Sort by newest, oldest, most shares or fewest shares: showing the newest first.' }) }).default('newest'),
  ),
}

const ID = /^[1-9]\d{0,18}$/
const SHARES = /^(0|[1-9]\d{0,18})$/
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/
const BIGINT_MAX = 2n ** 63n - 1n

/** Fits a PostgreSQL bigint: nineteen digits can pass it. */
const isBigint = (digits: string) => BigInt(digits) <= BIGINT_MAX

/**
 * A real instant PostgreSQL takes: Date.parse rolls 2024-02-30 over into March, and PostgreSQL
 * has no year 0, so the text must be the date it parses to, from year 1 on.
 */
function isInstant(key: string): boolean {
  if (!INSTANT.test(key) || key.startsWith('0000')) return false
  const ms = Date.parse(key)
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === key.slice(0, 19)
}
const NO_SHARES = 'none'
const STALE_PAGE = 'That page link does not fit this sort or is damaged: showing the first page.'

/** A cursor in the query string: "<key>_<id>", the key "none" standing for undisclosed shares. */
export function cursorSchema(sort: PledgeSort) {
  const byDate = sort === 'newest' || sort === 'oldest'
  return z
    .string()
    .max(64, STALE_PAGE)
    .transform((value, ctx): PledgeCursor => {
      const at = value.lastIndexOf('_')
      const key = value.slice(0, at)
      const id = value.slice(at + 1)
      const keyFits = byDate ? isInstant(key) : key === NO_SHARES || (SHARES.test(key) && isBigint(key))
      if (at < 0 || !ID.test(id) || !isBigint(id) || !keyFits) {
        ctx.addIssue({ code: 'custom', message: STALE_PAGE })
        return z.NEVER
      }
      return { key: key === NO_SHARES ? null : key, id }
    })
}

export function encodeCursor(cursor: PledgeCursor): string {
  return `${cursor.key ?? NO_SHARES}_${cursor.id}`
}

/** The table's query from the URL, with a message for every value that had to be ignored. */
export function parsePledgeTableQuery(params: URLSearchParams): { query: PledgeTableQuery; errors: PledgeTableErrors } {
  const errors: PledgeTableErrors = {}
  function read<T>(name: keyof typeof pledgeTableFields, schema: z.ZodType<T, z.ZodTypeDef, unknown>, fallback: T): T {
    const parsed = schema.safeParse(params.get(name) ?? undefined)
    if (parsed.success) return parsed.data
    errors[name] = parsed.error.issues[0]?.message
    return fallback
  }
  // In the form's order, so that the messages are too.
  const query: PledgeTableQuery = {
    q: read('q', pledgeTableFields.q, undefined),
    intention: read('intention', pledgeTableFields.intention, undefined),
    status: read('status', pledgeTableFields.status, undefined),
    voted: read('voted', pledgeTableFields.voted, undefined),
    holder: read('holder', pledgeTableFields.holder, undefined),
    sort: read('sort', pledgeTableFields.sort, 'newest'),
  }
  const sort = query.sort

  const after = params.get('after')
  const before = params.get('before')
  if (after !== null && before !== null) {
    errors.page = 'A page link has either a next or a previous position, not both: showing the first page.'
  } else if (after !== null || before !== null) {
    const parsed = cursorSchema(sort).safeParse(after ?? before)
    if (!parsed.success) errors.page = parsed.error.issues[0]?.message
    else if (after !== null) query.after = parsed.data
    else query.before = parsed.data
  }
  return { query, errors }
}

/** The query string of the table with these filters and sort, at the page a cursor names. */
export function pledgeTableSearch(query: Omit<PledgeTableQuery, 'after' | 'before'>, page: { after?: string; before?: string } = {}): string {
  const params = new URLSearchParams()
  for (const name of ['q', 'intention', 'status', 'voted', 'holder'] as const) {
    const value = query[name]
    if (value) params.set(name, value)
  }
  if (query.sort !== 'newest') params.set('sort', query.sort)
  if (page.after) params.set('after', page.after)
  if (page.before) params.set('before', page.before)
  const search = params.toString()
  return search ? `?${search}` : ''
}
