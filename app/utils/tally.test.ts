import { describe, expect, test } from 'vitest'
import { percentOf, supportPercent, tallyFromRows } from './tally'

describe('tally arithmetic', () => {
  test('sums shares past 2^53 exactly, as bigint', () => {
    const huge = '9007199254740993' // 2^53 + 1: a float would round it
    const tally = tallyFromRows([
      { intention: 'for', voted: false, supporters: '2', shares: huge },
      { intention: 'for', voted: true, supporters: '1', shares: huge },
      { intention: 'against', voted: false, supporters: 1, shares: '7' },
      { intention: 'abstain', voted: true, supporters: '4', shares: '0' },
    ])
    expect(tally.sharesByIntention.for).toBe('18014398509481986')
    expect(tally.sharesPledged).toBe('18014398509481993')
    expect(tally.supporters).toBe(8)
    expect(tally.voted).toBe(5)
    expect(tally.supportersByIntention).toEqual({ for: 3, against: 1, abstain: 4, undecided: 0 })
  })

  test('an empty campaign is all zeros', () => {
    expect(tallyFromRows([])).toMatchObject({ supporters: 0, sharesPledged: '0', sharesByIntention: { for: '0' } })
  })

  test('percentages round half up and never divide by zero', () => {
    expect(percentOf('1', '3')).toBe('33.33')
    expect(percentOf('2', '3')).toBe('66.67')
    expect(percentOf('1', '8', 2)).toBe('12.50')
    expect(percentOf('5', '1000000', 4)).toBe('0.0005')
    expect(percentOf('1', '0')).toBe('0.00')
    expect(percentOf('508540235', '508540235', 1)).toBe('100.0')
    expect(percentOf('204941714', '508540235')).toBe('40.30')
  })

  test('support is for ÷ (for + against), leaving abstentions out', () => {
    expect(supportPercent('403', '597')).toBe('40.30')
    expect(supportPercent('0', '0')).toBe('0.00')
  })
})
