import type { CpuUse } from './cpu'

// Shared by the pledge benchmark (pledges.ts) and its database child script (pledge-db.ts).

export const CAMPAIGN_SLUG = 'amazon-customer-due-diligence'
/** The line of a child's output that carries its result as JSON. */
export const RESULT_PREFIX = 'BENCH_RESULT '

export interface SqlBaselineResult {
  pledges: number
  seconds: number
  perSecond: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** The child's own CPU (process), PostgreSQL's for its database, and the whole machine's, in cores. */
  cpu: CpuUse
}

export interface QueueStatus {
  /** email_queue rows of the round's addresses, by status, when the server had stopped. */
  emails: Record<string, number>
  /** Of the sent ones, those sent before the load stopped (the rest: while the server shut down). */
  sentUnderLoad: number
  /** Pledges of the round's addresses in the database. */
  pledgesStored: number
}

/** The database name in a postgres:// URL, to find its backends' CPU time. */
export function postgresDatabaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1))
}
