import { describe, expect, test } from 'vitest'
import { SHARES_FORMAT_MESSAGE, SHARES_ZERO_MESSAGE, sharesSchema } from '../schemas/fields'
import { parseWholeNumber } from './whole-number'

describe('whole numbers as people type them', () => {
  test('digits, or digits grouped in threes by commas or spaces', () => {
    expect(parseWholeNumber('1234')).toBe('1234')
    expect(parseWholeNumber('1,234')).toBe('1234')
    expect(parseWholeNumber('1 234')).toBe('1234')
    expect(parseWholeNumber('1\u00a0234\u00a0567')).toBe('1234567')
    expect(parseWholeNumber('1\u202f234')).toBe('1234')
    expect(parseWholeNumber(' 12,345,678 ')).toBe('12345678')
    expect(parseWholeNumber('007')).toBe('7')
  })

  test('anything else is refused, never guessed at', () => {
    for (const typed of ['12,34', '1,0,0', '1,2345', '1234,567', '1,234 567', '1.234', '1.5', '1,234.00', '-5', '+5', '1e3', '', ' ', 'many', '1_000', ',123', '123,']) {
      expect(parseWholeNumber(typed), typed).toBeNull()
    }
  })
})

describe('the shares field', () => {
  const shares = sharesSchema({ sharesOutstanding: '1000000', company: 'Example Corp' })
  const message = (typed: string) => {
    const parsed = shares.safeParse(typed)
    return parsed.success ? parsed.data : parsed.error.issues[0]!.message
  }

  test('says what to type when the grouping is wrong', () => {
    expect(message('12,34')).toBe(SHARES_FORMAT_MESSAGE)
    expect(message('1,0,0')).toBe(SHARES_FORMAT_MESSAGE)
    expect(SHARES_FORMAT_MESSAGE).toContain('e.g. 1200 or 1,200')
  })

  test('0 is refused: no shares is a follow, not saying is an empty field', () => {
    expect(message('0')).toBe(SHARES_ZERO_MESSAGE)
    expect(message('0,000')).toBe(SHARES_ZERO_MESSAGE)
    expect(shares.parse(undefined)).toBeUndefined()
  })

  test('accepts grouped numbers up to the shares outstanding', () => {
    expect(message('1,234')).toBe('1234')
    expect(message('1 000 000')).toBe('1000000')
    expect(message('1,000,001')).toMatch(/more than the 1,000,000 shares Example Corp has outstanding/)
  })
})
