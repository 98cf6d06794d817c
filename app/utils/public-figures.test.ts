import { describe, expect, test } from 'vitest'
import { tallyFromRows } from './tally'
import { figuresByIntention, headlineParts, headlineText, intentionLine, intentionSplit, othersSentence, votedSentence } from './public-figures'

const tally = (rows: Array<[intention: 'for' | 'against' | 'abstain' | 'undecided', supporters: number, shares: string]>) =>
  tallyFromRows(rows.map(([intention, supporters, shares]) => ({ intention, voted: false, supporters, shares })))

describe('the public figures, worded once', () => {
  test('the headline counts people and shares pledged for, never every confirmed pledge', () => {
    const figures = figuresByIntention(tally([['for', 1234, '5678901'], ['against', 40, '1000'], ['undecided', 7, '0']]))
    expect(headlineText(figures.for)).toBe('1,234 people pledged for · 5,678,901 shares')
    // A supporter who switches from For to Against leaves the headline.
    const switched = figuresByIntention(tally([['for', 1233, '5678801'], ['against', 41, '1100'], ['undecided', 7, '0']]))
    expect(headlineText(switched.for)).toBe('1,233 people pledged for · 5,678,801 shares')
  })

  test('one person and one share read in the singular; nobody reads as zero people', () => {
    expect(headlineText({ people: 1, shares: '1' })).toBe('1 person pledged for · 1 share')
    expect(headlineText({ people: 0, shares: '0' })).toBe('0 people pledged for · 0 shares')
    expect(headlineParts({ people: 1, shares: '20' })).toEqual({ people: '1', peopleLabel: 'person pledged for', shares: '20', sharesLabel: 'shares' })
  })

  test('each intention has its own phrase, and the split lists For first', () => {
    const figures = figuresByIntention(tally([['for', 3, '30'], ['against', 1, '1'], ['abstain', 2, '20'], ['undecided', 5, '0']]))
    expect(intentionSplit(figures).map((row) => row.text)).toEqual([
      '3 people pledged for · 30 shares',
      '1 person pledged against · 1 share',
      '2 people pledged to abstain · 20 shares',
      '5 people undecided · 0 shares',
    ])
    expect(intentionLine('abstain', { people: 1, shares: '2' })).toBe('1 person pledged to abstain · 2 shares')
  })

  test('the other intentions in one sentence, in every singular and plural combination, or none', () => {
    const figures = (against: number, abstain: number, undecided: number) =>
      figuresByIntention(tally([['for', 9, '9'], ['against', against, '0'], ['abstain', abstain, '0'], ['undecided', undecided, '0']]))
    expect(othersSentence(figures(0, 0, 0))).toBeNull()
    expect(othersSentence(figures(1, 0, 0))).toBe('Also 1 person pledged against, 0 pledged to abstain and 0 undecided.')
    expect(othersSentence(figures(12, 1, 1))).toBe('Also 12 people pledged against, 1 pledged to abstain and 1 undecided.')
    expect(othersSentence(figures(1200, 3, 4000))).toBe('Also 1,200 people pledged against, 3 pledged to abstain and 4,000 undecided.')
  })

  test('who says they voted agrees in number', () => {
    expect(votedSentence(1)).toBe('1 person says they have already voted.')
    expect(votedSentence(2)).toBe('2 people say they have already voted.')
  })
})
