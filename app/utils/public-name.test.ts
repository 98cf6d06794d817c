import { describe, expect, test } from 'vitest'
import { NameSchema } from '../schemas/fields'
import { cleanPublicName, displayPublicName, nameLength, PUBLIC_NAME_MAX } from './public-name'

describe('public names', () => {
  test('are composed to NFC: a decomposed é is stored as one character', () => {
    const decomposed = 'Rene\u0301e'
    expect(cleanPublicName(decomposed)).toBe('Ren\u00e9e')
    expect(cleanPublicName(decomposed).length).toBe(5)
  })

  test('lose control characters and the invisible characters that reorder text', () => {
    expect(cleanPublicName('Ada\u202E evil\u202C')).toBe('Ada evil')
    expect(cleanPublicName('\u2066Bob\u2069 \u200FSmith\u200E')).toBe('Bob Smith')
    expect(cleanPublicName('Eve\u0000\u0007\u001b[31m')).toBe('Eve[31m')
    expect(cleanPublicName('  Line\nbreak\u2028and\ttabs  ')).toBe('Line break and tabs')
    expect(cleanPublicName('\u202E\u200B')).toBe('')
  })

  test('keep the joiners that Persian names and emoji sequences need', () => {
    expect(cleanPublicName('می\u200Cخواهم')).toBe('می\u200Cخواهم')
    expect(cleanPublicName('👩\u200D💻 Dev')).toBe('👩\u200D💻 Dev')
  })

  test('are counted as people see them, and cut with an ellipsis when an old stored name is too long', () => {
    expect(nameLength('👩\u200D💻é')).toBe(2)
    const long = 'x'.repeat(200)
    const shown = displayPublicName(long)
    expect(nameLength(shown)).toBe(PUBLIC_NAME_MAX)
    expect(shown.endsWith('…')).toBe(true)
  })

  test('the form refuses a name that is too long and treats an invisible one as no name', () => {
    expect(NameSchema.safeParse('a'.repeat(PUBLIC_NAME_MAX)).success).toBe(true)
    const tooLong = NameSchema.safeParse('a'.repeat(PUBLIC_NAME_MAX + 1))
    expect(tooLong.success).toBe(false)
    expect(tooLong.error?.issues[0]?.message).toBe(`Keep the name to ${PUBLIC_NAME_MAX} characters or fewer`)
    expect(NameSchema.parse('\u202E\u0000 ')).toBeUndefined()
    expect(NameSchema.parse('Ada\u202E')).toBe('Ada')
  })
})
