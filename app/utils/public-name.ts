// Names supporters type are shown to the public, so they are cleaned before they are stored
// and again before they are shown (rows stored before this rule existed): composed to NFC,
// without control characters or the invisible characters that reorder text (a right-to-left
// override would let a name rewrite what follows it), spaces collapsed, and kept short.

export const PUBLIC_NAME_MAX = 80

// C0/C1 controls; bidi embeddings, overrides and isolates; the Arabic letter mark; the
// left-to-right and right-to-left marks; BOM and word joiner; soft hyphen. Joiners (U+200C,
// U+200D) stay: Persian names and emoji sequences need them.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]/g
const SEPARATORS = /[\s\u2028\u2029]+/g

/** The name as it may be stored and shown; "" when nothing visible is left. */
export function cleanPublicName(raw: string): string {
  // Line breaks and tabs become spaces first (they are controls too), then spaces collapse.
  return raw.normalize('NFC').replace(SEPARATORS, ' ').replace(INVISIBLE, '').replace(/ {2,}/g, ' ').trim()
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })

/** How long a name looks: user-perceived characters, so an accented letter or an emoji is one. */
export function nameLength(name: string): number {
  let count = 0
  for (const _ of graphemes.segment(name)) count++
  return count
}

/** For display: cleaned, and cut (with an ellipsis) if a stored name is longer than allowed. */
export function displayPublicName(raw: string): string {
  const name = cleanPublicName(raw)
  if (nameLength(name) <= PUBLIC_NAME_MAX) return name
  const kept: string[] = []
  for (const { segment } of graphemes.segment(name)) {
    if (kept.length === PUBLIC_NAME_MAX - 1) break
    kept.push(segment)
  }
  return `${kept.join('').trimEnd()}…`
}
