import type { Intention } from '../../db/schema'

// Share counts are bigint in Postgres and strings in TypeScript; all arithmetic on them is
// BigInt, so totals past 2^53 stay exact.

export const INTENTIONS: Intention[] = ['for', 'against', 'abstain', 'undecided']

export interface Tally {
  /** Confirmed pledges. */
  supporters: number
  /** Confirmed pledgers who say they have already voted. */
  voted: number
  supportersByIntention: Record<Intention, number>
  /** Pledged shares by intention, as decimal strings. */
  sharesByIntention: Record<Intention, string>
  /** Pledged shares of every intention, as a decimal string. */
  sharesPledged: string
}

export interface TallyRow {
  intention: Intention
  voted: boolean
  supporters: string | number
  shares: string | number
}

export function emptyTally(): Tally {
  return {
    supporters: 0,
    voted: 0,
    supportersByIntention: { for: 0, against: 0, abstain: 0, undecided: 0 },
    sharesByIntention: { for: '0', against: '0', abstain: '0', undecided: '0' },
    sharesPledged: '0',
  }
}

/** Folds aggregate rows (intention × voted) into a tally. */
export function tallyFromRows(rows: TallyRow[]): Tally {
  const tally = emptyTally()
  const shares: Record<Intention, bigint> = { for: 0n, against: 0n, abstain: 0n, undecided: 0n }
  for (const row of rows) {
    const supporters = Number(row.supporters)
    tally.supporters += supporters
    if (row.voted) tally.voted += supporters
    tally.supportersByIntention[row.intention] += supporters
    shares[row.intention] += BigInt(row.shares)
  }
  let total = 0n
  for (const intention of INTENTIONS) {
    tally.sharesByIntention[intention] = shares[intention].toString()
    total += shares[intention]
  }
  tally.sharesPledged = total.toString()
  return tally
}

/**
 * `part` as a percentage of `whole`, rounded half up to `decimals` places, as a string
 * ("0.42"). Exact for any size of bigint.
 */
export function percentOf(part: string | bigint, whole: string | bigint, decimals = 2): string {
  const p = BigInt(part)
  const w = BigInt(whole)
  if (w <= 0n) return (0).toFixed(decimals)
  const scale = 10n ** BigInt(decimals)
  const scaled = (p * 100n * scale * 2n + w) / (w * 2n) // round half up
  const integer = scaled / scale
  const fraction = (scaled % scale).toString().padStart(decimals, '0')
  return decimals > 0 ? `${integer}.${fraction}` : integer.toString()
}

/** Support as Rule 14a-8 counts it: for ÷ (for + against); abstentions are left out. */
export function supportPercent(votesFor: string | bigint, votesAgainst: string | bigint, decimals = 2): string {
  return percentOf(votesFor, BigInt(votesFor) + BigInt(votesAgainst), decimals)
}
