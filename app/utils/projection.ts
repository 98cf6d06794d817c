import { percentOf } from './tally'

// The projected vote (see docs/vote-model.md). Shares are bigint throughout: totals pass 2^53.
//
//   votes cast V   = last meeting's (for + against) × shares outstanding now ÷ then
//   known for/against = holders with an expected vote, affiliated holders, pledges
//   pool P         = V − known: everyone else, split at last meeting's support rate s
//   projected for  = known for + P × s          (low/high: s ∓ the uncertainty band)
//
// "What it takes": the fewest holders expected against, largest first, whose switch to for
// lifts the central projection over each threshold.

export type Lean =
  | { kind: 'for' | 'against' | 'abstain' | 'unknown' }
  | { kind: 'split'; votedFor: string; votedAgainst: string }

export interface Block {
  id: string
  label: string
  group: 'holder' | 'affiliated' | 'pledges'
  shares: string
  lean: Lean
}

export interface LastResult {
  year: number
  votesFor: string | null
  votesAgainst: string | null
  sharesOutstanding: string | null
  /** for ÷ (for + against), as recorded or derived, e.g. "34.18". */
  supportPercent: string
}

export interface ProjectionInput {
  sharesOutstanding: string
  last: LastResult | null
  /** Overrides turnout: votes cast for or against, as a percentage of shares outstanding. */
  turnoutPercent: string | null
  /** The campaign's expected turnout, used when the last result has no votes. */
  settingTurnoutPercent?: string | null
  /** ± percentage points on the pool's support rate, for the low–high range. */
  bandPoints: number
  blocks: Block[]
  thresholdPercent: number
}

export interface Outcome {
  votesFor: string
  votesAgainst: string
  percent: string
}

export type TurnoutSource = 'scaled' | 'unscaled' | 'scenario' | 'setting'

export type ProjectionResult =
  | {
      ok: true
      votesCast: string
      turnout: { source: TurnoutSource; percentOfOutstanding: string }
      /** Support rate applied to the pool, in percent. */
      poolRate: string
      knownFor: string
      knownAgainst: string
      pool: string
      /** Known votes exceeded the expected turnout, which was raised to them. */
      turnoutRaised: boolean
      central: Outcome
      low: Outcome
      high: Outcome
      targets: Target[]
    }
  | { ok: false; reason: string }

export interface Target {
  key: 'resubmission' | 'majority'
  percent: number
  /** Votes for needed out of the votes cast. */
  votesNeeded: string
  status: 'reached' | 'reachable' | 'out_of_reach'
  /** Holders to switch from against to for, largest first. */
  switches: Array<{ id: string; label: string; shares: string }>
  /** Votes for still missing after every switch listed (out_of_reach only). */
  shortfall: string
}

const BASIS = 10_000n // percent with two decimals → basis points

/** "34.18" → 3418n */
function basisPoints(percent: string): bigint {
  const [whole = '0', fraction = ''] = percent.split('.')
  return BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2))
}

/** a × num ÷ den, rounded half up. */
function mulDiv(a: bigint, num: bigint, den: bigint): bigint {
  return den === 0n ? 0n : (a * num * 2n + den) / (den * 2n)
}

function outcome(votesFor: bigint, votesCast: bigint): Outcome {
  return { votesFor: votesFor.toString(), votesAgainst: (votesCast - votesFor).toString(), percent: percentOf(votesFor, votesCast, 2) }
}

/** Votes for needed: at least T% (rounded up), or over half. */
function needed(key: Target['key'], percent: number, votesCast: bigint): bigint {
  return key === 'majority' ? votesCast / 2n + 1n : (votesCast * BigInt(percent) + 99n) / 100n
}

export function project(input: ProjectionInput): ProjectionResult {
  const outstanding = BigInt(input.sharesOutstanding)
  const { last } = input
  let votesCast: bigint
  let source: TurnoutSource
  if (input.turnoutPercent !== null) {
    votesCast = mulDiv(outstanding, basisPoints(input.turnoutPercent), BASIS)
    source = 'scenario'
  } else if (last && last.votesFor !== null && last.votesAgainst !== null) {
    const lastCast = BigInt(last.votesFor) + BigInt(last.votesAgainst)
    if (last.sharesOutstanding !== null) {
      votesCast = mulDiv(lastCast, outstanding, BigInt(last.sharesOutstanding))
      source = 'scaled'
    } else {
      votesCast = lastCast
      source = 'unscaled'
    }
  } else if (input.settingTurnoutPercent) {
    votesCast = mulDiv(outstanding, basisPoints(input.settingTurnoutPercent), BASIS)
    source = 'setting'
  } else if (last) {
    return {
      ok: false,
      reason: `The ${last.year} result is recorded only as a percentage (${Number(last.supportPercent)}% for), so the number of votes cast is unknown. Add its votes for and against and the shares outstanding at its record date (from the Form 8-K, Item 5.07), or set an expected turnout in the campaign editor (or in the scenario below).`,
    }
  } else {
    return { ok: false, reason: 'No earlier vote on this proposal is recorded. Record last year’s result, or set an expected turnout and a support rate below.' }
  }
  if (votesCast <= 0n) return { ok: false, reason: 'The expected turnout is zero votes cast.' }

  // The pool's support rate: last meeting's for ÷ (for + against), exactly when the votes are known.
  const [rateNum, rateDen] =
    last && last.votesFor !== null && last.votesAgainst !== null && BigInt(last.votesFor) + BigInt(last.votesAgainst) > 0n
      ? [BigInt(last.votesFor), BigInt(last.votesFor) + BigInt(last.votesAgainst)]
      : [last ? basisPoints(last.supportPercent) : 0n, BASIS]

  let knownFor = 0n
  let knownAgainst = 0n
  for (const block of input.blocks) {
    const shares = BigInt(block.shares)
    const { lean } = block
    if (lean.kind === 'for') knownFor += shares
    else if (lean.kind === 'against') knownAgainst += shares
    else if (lean.kind === 'split') {
      const f = BigInt(lean.votedFor)
      const a = BigInt(lean.votedAgainst)
      const part = mulDiv(shares, f, f + a)
      knownFor += part
      knownAgainst += shares - part
    }
  }
  const turnoutRaised = knownFor + knownAgainst > votesCast
  if (turnoutRaised) votesCast = knownFor + knownAgainst
  const pool = votesCast - knownFor - knownAgainst

  const band = BigInt(Math.round(input.bandPoints * 100)) * rateDen
  const at = (offset: bigint) => {
    let num = rateNum * BASIS + offset
    if (num < 0n) num = 0n
    if (num > rateDen * BASIS) num = rateDen * BASIS
    return knownFor + mulDiv(pool, num, rateDen * BASIS)
  }
  const centralFor = at(0n)

  const against = input.blocks.filter((b) => b.group === 'holder' && b.lean.kind === 'against').sort((a, b) => {
    const d = BigInt(b.shares) - BigInt(a.shares)
    return d > 0n ? 1 : d < 0n ? -1 : a.label.localeCompare(b.label)
  })
  const targets: Target[] = (
    [
      ['resubmission', input.thresholdPercent],
      ['majority', 50],
    ] as const
  ).map(([key, percent]) => {
    const need = needed(key, percent, votesCast)
    const switches: Target['switches'] = []
    let votesFor = centralFor
    for (const holder of against) {
      if (votesFor >= need) break
      switches.push({ id: holder.id, label: holder.label, shares: holder.shares })
      votesFor += BigInt(holder.shares)
    }
    const status: Target['status'] = centralFor >= need ? 'reached' : votesFor >= need ? 'reachable' : 'out_of_reach'
    return { key, percent, votesNeeded: need.toString(), status, switches: status === 'reached' ? [] : switches, shortfall: (votesFor >= need ? 0n : need - votesFor).toString() }
  })

  return {
    ok: true,
    votesCast: votesCast.toString(),
    turnout: { source, percentOfOutstanding: percentOf(votesCast, outstanding, 2) },
    poolRate: percentOf(rateNum, rateDen, 2),
    knownFor: knownFor.toString(),
    knownAgainst: knownAgainst.toString(),
    pool: pool.toString(),
    turnoutRaised,
    central: outcome(centralFor, votesCast),
    low: outcome(at(-band), votesCast),
    high: outcome(at(band), votesCast),
    targets,
  }
}
