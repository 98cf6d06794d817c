// Whole numbers as people type them. Digits alone, or digits grouped in threes by commas or by
// spaces ("1,234,567", "1 234 567", with a no-break or thin space too), one kind of separator
// per number. Anything else is refused rather than guessed at: "12,34" is not 1,234, and
// "1.234" is a decimal in one country and a thousand in another.

const PLAIN = /^\d+$/
const BY_COMMAS = /^\d{1,3}(,\d{3})+$/
const BY_SPACES = /^\d{1,3}([ \u00a0\u202f\u2009]\d{3})+$/

/** The number as a decimal string without separators or leading zeros, or null if it is not one. */
export function parseWholeNumber(raw: string): string | null {
  const value = raw.trim()
  if (!PLAIN.test(value) && !BY_COMMAS.test(value) && !BY_SPACES.test(value)) return null
  return BigInt(value.replace(/\D/g, '')).toString()
}
