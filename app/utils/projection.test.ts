import { describe, expect, test } from 'vitest'
import { type Block, project, type ProjectionInput } from './projection'

// A hand-computed case (docs/vote-model.md walks through the same figures).
//   shares outstanding 2,000,000,000 now, 1,000,000,000 at last year's record date (a 2:1 split)
//   last year 300,000,000 for, 500,000,000 against → votes cast now 1,600,000,000; pool rate 37.5%
//   known for 100M (B) + 30M (C's split 3:2 of 50M) + 10M (pledges) = 140M
//   known against 200M (A) + 90M (E) + 20M (C) + 240M (affiliated) + 2M (pledges) = 552M
//   pool 1,600M − 692M = 908M → central 140M + 908M × 37.5% = 480,500,000 (30.03%)
//   low (32.5%) 435,100,000 (27.19%); high (42.5%) 525,900,000 (32.87%)
const blocks: Block[] = [
  { id: 'a', label: 'Holder A', group: 'holder', shares: '200000000', lean: { kind: 'against' } },
  { id: 'b', label: 'Holder B', group: 'holder', shares: '100000000', lean: { kind: 'for' } },
  { id: 'c', label: 'Holder C', group: 'holder', shares: '50000000', lean: { kind: 'split', votedFor: '30', votedAgainst: '20' } },
  { id: 'd', label: 'Holder D', group: 'holder', shares: '80000000', lean: { kind: 'unknown' } },
  { id: 'e', label: 'Holder E', group: 'holder', shares: '90000000', lean: { kind: 'against' } },
  { id: 'f', label: 'Founder', group: 'affiliated', shares: '240000000', lean: { kind: 'against' } },
  { id: 'pf', label: 'Pledged for', group: 'pledges', shares: '10000000', lean: { kind: 'for' } },
  { id: 'pa', label: 'Pledged against', group: 'pledges', shares: '2000000', lean: { kind: 'against' } },
]
const input: ProjectionInput = {
  sharesOutstanding: '2000000000',
  last: { year: 2029, votesFor: '300000000', votesAgainst: '500000000', sharesOutstanding: '1000000000', supportPercent: '37.50' },
  turnoutPercent: null,
  bandPoints: 5,
  blocks,
  thresholdPercent: 15,
}

describe('the projection, by hand', () => {
  test('turnout scaled by shares outstanding, known votes, the pool at last year’s rate, a low–high range', () => {
    const result = project(input)
    expect(result).toMatchObject({
      ok: true,
      votesCast: '1600000000',
      turnout: { source: 'scaled', percentOfOutstanding: '80.00' },
      poolRate: '37.50',
      knownFor: '140000000',
      knownAgainst: '552000000',
      pool: '908000000',
      central: { votesFor: '480500000', votesAgainst: '1119500000', percent: '30.03' },
      low: { votesFor: '435100000', percent: '27.19' },
      high: { votesFor: '525900000', percent: '32.87' },
    })
  })

  test('what it takes: the 15% threshold is reached; a majority is out of reach even with A and E switching', () => {
    const result = project(input)
    if (!result.ok) throw new Error(result.reason)
    expect(result.targets[0]).toEqual({ key: 'resubmission', percent: 15, votesNeeded: '240000000', status: 'reached', switches: [], shortfall: '0' })
    expect(result.targets[1]).toMatchObject({ key: 'majority', votesNeeded: '800000001', status: 'out_of_reach', shortfall: '29500001' })
    expect(result.targets[1]!.switches.map((s) => s.id)).toEqual(['a', 'e'])
  })

  test('a scenario: D expected for moves the projection, and a majority becomes reachable with A and E, largest first', () => {
    const flipped = project({ ...input, blocks: blocks.map((b) => (b.id === 'd' ? { ...b, lean: { kind: 'for' as const } } : b)) })
    if (!flipped.ok) throw new Error(flipped.reason)
    expect(flipped.central).toMatchObject({ votesFor: '530500000', percent: '33.16' })
    expect(flipped.targets[1]).toMatchObject({ status: 'reachable', shortfall: '0' })
    expect(flipped.targets[1]!.switches.map((s) => s.id)).toEqual(['a', 'e'])
    // A threshold one holder away needs only the largest.
    // B against: central 40M + 908M × 37.5% = 380.5M (23.78%), short of 25% (400M) by one holder.
    const near = project({ ...input, thresholdPercent: 25, blocks: blocks.map((b) => (b.id === 'b' ? { ...b, lean: { kind: 'against' as const } } : b)) })
    if (!near.ok) throw new Error(near.reason)
    expect(near.central).toMatchObject({ votesFor: '380500000', percent: '23.78' })
    expect(near.targets[0]).toMatchObject({ status: 'reachable', votesNeeded: '400000000', switches: [{ id: 'a', label: 'Holder A', shares: '200000000' }] })
  })

  test('shares past 2^53 stay exact', () => {
    const huge = project({ ...input, sharesOutstanding: '20000000000000000000', last: { ...input.last!, sharesOutstanding: '10000000000000000000' }, blocks: [] })
    expect(huge).toMatchObject({ ok: true, votesCast: '1600000000', central: { votesFor: '600000000' } })
    const big = project({ ...input, last: { ...input.last!, votesFor: '3000000000000000001', votesAgainst: '5000000000000000000', sharesOutstanding: null }, blocks: [] })
    expect(big).toMatchObject({ ok: true, votesCast: '8000000000000000001', turnout: { source: 'unscaled' }, central: { votesFor: '3000000000000000001' } })
  })

  test('a percentage-only result says what to add; an expected turnout makes a projection from it', () => {
    const onlyPercent = { ...input, last: { year: 2023, votesFor: null, votesAgainst: null, sharesOutstanding: null, supportPercent: '34.18' } }
    expect(project(onlyPercent)).toMatchObject({ ok: false, reason: expect.stringMatching(/2023 result is recorded only as a percentage \(34.18% for\).*Add its votes for and against/) })
    expect(project({ ...onlyPercent, settingTurnoutPercent: '40', blocks: [] })).toMatchObject({ ok: true, votesCast: '800000000', turnout: { source: 'setting' } })
    const withTurnout = project({ ...onlyPercent, settingTurnoutPercent: '90', turnoutPercent: '40', blocks: [] })
    expect(withTurnout).toMatchObject({ ok: true, votesCast: '800000000', turnout: { source: 'scenario' }, poolRate: '34.18', central: { votesFor: '273440000', percent: '34.18' } })
  })

  test('known votes above the turnout raise it, and the pool is empty', () => {
    const result = project({ ...input, turnoutPercent: '10' })
    expect(result).toMatchObject({ ok: true, turnoutRaised: true, votesCast: '692000000', pool: '0', central: { votesFor: '140000000' } })
  })
})
