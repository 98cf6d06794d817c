import { describe, expect, test } from 'vitest'
import { GENERIC_GUIDE_KEY, matchBrokerGuide, normalizeBrokerName } from './broker-match'

const guides = [
  { key: 'charles-schwab', name: 'Charles Schwab', aliases: ['Schwab', 'TD Ameritrade'] },
  { key: 'etrade', name: 'E*TRADE', aliases: ['e trade'] },
  { key: 'jp-morgan', name: 'J.P. Morgan', aliases: ['JPMorgan', 'Chase'] },
  { key: 'merrill', name: 'Merrill', aliases: ['Merrill Edge'] },
  { key: 'merrill-lynch', name: 'Merrill Lynch', aliases: [] },
  { key: 'public', name: 'Public', aliases: ['public.com'] },
  { key: GENERIC_GUIDE_KEY, name: 'Any other broker or bank', aliases: [] },
]
const keyFor = (typed: string | null) => matchBrokerGuide(guides, typed)?.key

describe('normalizeBrokerName', () => {
  test('drops case, accents, dots, asterisks and apostrophes; other punctuation is one space', () => {
    expect(normalizeBrokerName('  E*TRADE ')).toBe('etrade')
    expect(normalizeBrokerName('J.P. Morgan')).toBe('jp morgan')
    expect(normalizeBrokerName('Schwab’s  — brokerage')).toBe('schwabs brokerage')
    expect(normalizeBrokerName('Société Générale')).toBe('societe generale')
    expect(normalizeBrokerName('E-Trade')).toBe('e trade')
  })
})

describe('matchBrokerGuide', () => {
  test('a name or alias as typed, in any case or punctuation', () => {
    expect(keyFor('charles schwab')).toBe('charles-schwab')
    expect(keyFor('SCHWAB')).toBe('charles-schwab')
    expect(keyFor('TD Ameritrade')).toBe('charles-schwab')
    expect(keyFor('etrade')).toBe('etrade')
    expect(keyFor('E-Trade')).toBe('etrade')
    expect(keyFor('JP Morgan')).toBe('jp-morgan')
    expect(keyFor('Public.com')).toBe('public')
  })

  test('a name inside what was typed, as whole words only', () => {
    expect(keyFor('my Chase account')).toBe('jp-morgan')
    expect(keyFor('Schwab Intelligent Portfolios')).toBe('charles-schwab')
    // "chase" inside another word is not Chase.
    expect(keyFor('Purchase plan')).toBe(GENERIC_GUIDE_KEY)
  })

  test('the longest name found wins, whatever the guides’ order', () => {
    expect(keyFor('Merrill Lynch Wealth')).toBe('merrill-lynch')
    expect(keyFor('merrill edge')).toBe('merrill')
    expect(matchBrokerGuide([...guides].reverse(), 'Merrill Lynch Wealth')?.key).toBe('merrill-lynch')
  })

  test('anything else, or nothing, leads to the generic guide', () => {
    expect(keyFor('Credit Union of Somewhere')).toBe(GENERIC_GUIDE_KEY)
    expect(keyFor('')).toBe(GENERIC_GUIDE_KEY)
    expect(keyFor('  ...  ')).toBe(GENERIC_GUIDE_KEY)
    expect(keyFor(null)).toBe(GENERIC_GUIDE_KEY)
    // The generic guide's own name is no alias.
    expect(keyFor('Any other broker or bank')).toBe(GENERIC_GUIDE_KEY)
  })

  test('no guides at all (a market without any): no guide', () => {
    expect(matchBrokerGuide([], 'Fidelity')).toBeNull()
    expect(matchBrokerGuide(guides.filter((g) => g.key !== GENERIC_GUIDE_KEY), 'Somewhere else')).toBeNull()
  })
})
