import { sql } from 'kysely'
import type { Database, Db, HolderType } from '../../db/schema'
import { encodeCursor, type PledgeCursor, type PledgeSort, type PledgeTableQuery } from '../schemas/pledge-table'

// The organizer's pledge table: filters, a prefix search and keyset pagination. No OFFSET: a
// page is "the next N rows after this (sort key, id)", which an index of migration 0007 finds
// directly, so the thousandth page costs what the first one does, even at a million pledges.

export const PLEDGE_PAGE_SIZE = 50

export interface PledgeTableRow {
  id: string
  email: string
  name: string | null
  intention: Database['pledges']['intention']
  shares: string | null
  holder_type: HolderType
  broker: string | null
  status: 'pending' | 'confirmed' | 'withdrawn'
  /** The supporter asked for their name to be shown publicly. */
  show_name: boolean
  /** An organizer took the name off the public list. */
  name_hidden: boolean
  voted_at: Date | null
  created_at: Date
  /** created_at to the microsecond, as cursors need it. */
  created_key: string
}

export interface PledgePage {
  rows: PledgeTableRow[]
  /** Query-string cursors of the neighbouring pages, when there are any. */
  next: string | null
  previous: string | null
}

/**
 * One run of rows in a sort's order. A date sort is one run; a share sort is two, because
 * undisclosed shares (null) go last either way: the disclosed rows in share order, then the
 * undisclosed ones by id. Each run is one index range, so no OR defeats the index.
 */
interface Run {
  name: 'all' | 'disclosed' | 'undisclosed'
  /** The sort key's column, or null when only the id orders the run. */
  key: 'p.created_at' | 'p.shares' | null
  descending: boolean
}

const RUNS: Record<PledgeSort, Run[]> = {
  newest: [{ name: 'all', key: 'p.created_at', descending: true }],
  oldest: [{ name: 'all', key: 'p.created_at', descending: false }],
  'most-shares': [
    { name: 'disclosed', key: 'p.shares', descending: true },
    { name: 'undisclosed', key: null, descending: true },
  ],
  'fewest-shares': [
    { name: 'disclosed', key: 'p.shares', descending: false },
    { name: 'undisclosed', key: null, descending: false },
  ],
}

/** "50%" must find "50%…", not everything: LIKE's wildcards in the search are taken literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/**
 * A search, and how to run it. Narrow searches (say, a surname's first letters) fetch their few
 * supporters first; broad ones ("a") walk the sort's index instead, as matches come quickly
 * there. Left to itself, the planner walks the index for a few thousand matches in a million,
 * reading tens of thousands of rows: ten times slower than fetching the matches first.
 */
interface Search {
  /** Addresses are stored lower-cased; names are matched through the lower(name) index. */
  prefix: string
  narrow: boolean
}

const NARROW_SEARCH_LIMIT = 10_000

const matchesPrefix = (prefix: string) => sql<boolean>`(s.email like ${prefix} or lower(s.name) like ${prefix})`

async function prepareSearch(db: Db, q: string | undefined, narrowBelow: number): Promise<Search | null> {
  if (!q) return null
  const prefix = `${escapeLike(q.toLowerCase())}%`
  const { n } = await db
    .selectFrom((eb) => eb.selectFrom('supporters as s').select('s.id').where(matchesPrefix(prefix)).limit(narrowBelow).as('m'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return { prefix, narrow: Number(n) < narrowBelow }
}

function filtered(db: Db, input: { campaignId: number; query: PledgeTableQuery; search: Search | null }) {
  const { query, search } = input
  // A narrow search's matches, fetched first, stand in for the supporters table (as "s").
  const from = search?.narrow
    ? db
        .with((cte) => cte('matches').materialized(), (w) => w.selectFrom('supporters as s').select(['s.id', 's.email', 's.name']).where(matchesPrefix(search.prefix)))
        .selectFrom('pledges as p')
        .innerJoin('matches as s', 's.id', 'p.supporter_id')
    : db.selectFrom('pledges as p').innerJoin('supporters as s', 's.id', 'p.supporter_id')
  let rows = from
    .select(['p.id', 's.email', 's.name', 'p.intention', 'p.shares', 'p.holder_type', 'p.broker', 'p.status', 'p.show_name', 'p.voted_at', 'p.created_at'])
    .select(sql<boolean>`exists (select 1 from hidden_public_names h where h.pledge_id = p.id)`.as('name_hidden'))
    .select(sql<string>`to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('created_key'))
    .where('p.campaign_id', '=', input.campaignId)
  if (query.intention) rows = rows.where('p.intention', '=', query.intention)
  if (query.status) rows = rows.where('p.status', '=', query.status)
  if (query.holder) rows = rows.where('p.holder_type', '=', query.holder)
  if (query.voted) rows = rows.where('p.voted_at', query.voted === 'yes' ? 'is not' : 'is', null)
  if (search && !search.narrow) rows = rows.where(matchesPrefix(search.prefix))
  return rows
}

/** Rows of one run, in `forward` (the sort's) order or backward, strictly beyond `from` if given. */
async function fetchRun(db: Db, input: { campaignId: number; query: PledgeTableQuery; search: Search | null; run: Run; forward: boolean; from: PledgeCursor | null; limit: number }) {
  const { run, from } = input
  const descending = run.descending === input.forward
  const direction = descending ? 'desc' : 'asc'
  const beyond = descending ? '<' : '>'
  let rows = filtered(db, input)
  if (run.name === 'disclosed') rows = rows.where('p.shares', 'is not', null)
  if (run.name === 'undisclosed') rows = rows.where('p.shares', 'is', null)
  if (from && run.key === 'p.created_at') {
    rows = rows.where((eb) => eb(eb.refTuple('p.created_at', 'p.id'), beyond, eb.tuple(sql<Date>`${from.key}::timestamptz`, from.id)))
  } else if (from && run.key === 'p.shares') {
    rows = rows.where((eb) => eb(eb.refTuple('p.shares', 'p.id'), beyond, eb.tuple(sql<string>`${from.key}::bigint`, from.id)))
  } else if (from) {
    rows = rows.where('p.id', beyond, from.id)
  }
  if (run.key) rows = rows.orderBy(run.key, direction)
  return rows.orderBy('p.id', direction).limit(input.limit).execute()
}

function cursorOf(sort: PledgeSort, row: PledgeTableRow): string {
  const byDate = sort === 'newest' || sort === 'oldest'
  return encodeCursor({ key: byDate ? row.created_key : row.shares, id: row.id })
}

function runOf(sort: PledgeSort, cursor: PledgeCursor): Run['name'] {
  if (sort === 'newest' || sort === 'oldest') return 'all'
  return cursor.key === null ? 'undisclosed' : 'disclosed'
}

/** Up to `limit` rows from `from` on (exclusive), walking the runs forward or backward. */
async function collect(db: Db, input: { campaignId: number; query: PledgeTableQuery; search: Search | null; forward: boolean; from: PledgeCursor | null; limit: number }) {
  const runs = input.forward ? RUNS[input.query.sort] : [...RUNS[input.query.sort]].reverse()
  const start = input.from ? runs.findIndex((run) => run.name === runOf(input.query.sort, input.from!)) : 0
  const rows: PledgeTableRow[] = []
  for (let i = start; i < runs.length && rows.length < input.limit; i++) {
    const from = i === start ? input.from : null
    rows.push(...(await fetchRun(db, { ...input, run: runs[i]!, from, limit: input.limit - rows.length })))
  }
  return rows
}

/**
 * One page of a campaign's pledges. `after` goes to the next page, `before` to the previous one;
 * one row more than the page is read to know whether another page follows.
 */
export async function listPledgePage(
  db: Db,
  input: { campaignId: number; query: PledgeTableQuery; limit?: number; /** Tests pass 0 to take the broad search path. */ narrowSearchBelow?: number },
): Promise<PledgePage> {
  const { campaignId, query } = input
  const limit = input.limit ?? PLEDGE_PAGE_SIZE
  const sort = query.sort
  const search = await prepareSearch(db, query.q, input.narrowSearchBelow ?? NARROW_SEARCH_LIMIT)

  if (query.before) {
    const rows = await collect(db, { campaignId, query, search, forward: false, from: query.before, limit: limit + 1 })
    // Fewer rows than a page before this point: it is the first page, so show it whole.
    if (rows.length > limit) {
      const page = rows.slice(0, limit).reverse()
      return { rows: page, previous: cursorOf(sort, page[0]!), next: cursorOf(sort, page[page.length - 1]!) }
    }
    return listPledgePage(db, { ...input, query: { ...query, before: undefined } })
  }

  const rows = await collect(db, { campaignId, query, search, forward: true, from: query.after ?? null, limit: limit + 1 })
  const page = rows.slice(0, limit)
  const first = page[0]
  const last = page[page.length - 1]
  // Past the end (the rows after the cursor were deleted): no neighbours; the page offers the first.
  return { rows: page, previous: query.after && first ? cursorOf(sort, first) : null, next: rows.length > limit && last ? cursorOf(sort, last) : null }
}
