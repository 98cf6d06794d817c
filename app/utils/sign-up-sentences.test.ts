import { describe, expect, test } from 'vitest'
import type { Intention } from '../../db/schema'
import { endSentence, followConfirmationText, pledgeConfirmationText, proposalAt, sharesSentence } from './sign-up-sentences'

const INTENTIONS: Intention[] = ['for', 'against', 'abstain', 'undecided']
const NAMES = [
  { title: 'Customer Due Diligence', company: 'Amazon.com, Inc.' },
  { title: 'Report on Plastics', company: 'Example Corp' },
  { title: 'Adopt a Policy.', company: 'Acme Co.' },
  { title: 'Should We Report?', company: 'Widgets Ltd' },
]
const SHARES = [null, '1', '42', '1234567']

/** Reads as written English: no doubled stops, no comma before a stop, spaces where they belong. */
function expectWellFormed(text: string) {
  expect(text).not.toMatch(/\.\.(?!\.)|,\.|\s[.,]|\s{2}|,,/)
  expect(text).toMatch(/^[A-Z]/)
  expect(text).toMatch(/[.?!]$/)
  expect(text).not.toContain('undefined')
  expect(text).not.toContain('null')
}

describe('sentences assembled from parts', () => {
  test('the confirmation reads well for every intention, with and without shares, and every name ending', () => {
    const seen = new Set<string>()
    for (const names of NAMES) {
      for (const intention of INTENTIONS) {
        for (const shares of SHARES) {
          const text = pledgeConfirmationText({ intention, shares }, names)
          expectWellFormed(text)
          expect(text).toContain(names.company)
          seen.add(text)
        }
      }
      expectWellFormed(pledgeConfirmationText(null, names))
      expectWellFormed(followConfirmationText(names))
    }
    expect(seen.size).toBe(NAMES.length * INTENTIONS.length * SHARES.length) // every combination says something of its own
  })

  test('the example from the field reads as one would write it', () => {
    expect(pledgeConfirmationText({ intention: 'for', shares: '42' }, NAMES[0]!)).toBe(
      'Thank you for pledging to vote for the “Customer Due Diligence” proposal at Amazon.com, Inc. You told us you hold about 42 shares. Your pledge counts once you confirm this address.',
    )
    expect(pledgeConfirmationText({ intention: 'abstain', shares: null }, NAMES[1]!)).toBe(
      'Thank you for pledging to abstain on the “Report on Plastics” proposal at Example Corp. Your pledge counts once you confirm this address.',
    )
    expect(pledgeConfirmationText({ intention: 'undecided', shares: '1' }, NAMES[1]!)).toBe(
      'Thank you for telling the campaign that you have not yet decided how to vote on the “Report on Plastics” proposal at Example Corp. You told us you hold about 1 share. It counts among the campaign’s figures once you confirm this address.',
    )
    expect(followConfirmationText(NAMES[0]!)).toBe(
      'Thank you for following the “Customer Due Diligence” proposal at Amazon.com, Inc. Confirm this address and we will send you the campaign’s updates.',
    )
  })

  test('a stop is added only where none ends the sentence', () => {
    expect(endSentence('at Amazon.com, Inc.')).toBe('at Amazon.com, Inc.')
    expect(endSentence('at Example Corp')).toBe('at Example Corp.')
    expect(endSentence('Should we?')).toBe('Should we?')
    expect(endSentence('the “Plan.”')).toBe('the “Plan.”')
    expect(proposalAt({ title: 'Adopt a Policy.', company: 'Acme Co.' })).toBe('the “Adopt a Policy” proposal at Acme Co.')
    expect(sharesSentence(null)).toBeNull()
    expect(sharesSentence('1')).toBe('You told us you hold about 1 share.')
  })
})
