// Which voting guide a pledge's broker leads to. Supporters type their broker freely ("Schwab",
// "fidelity investments", "E-Trade", "my Chase account"), so the text and every guide's name and
// aliases are compared in one normal form, first whole, then as whole words inside the text;
// anything else, or nothing, leads to the generic guide.

/** The key of the guide for any broker without one of its own. */
export const GENERIC_GUIDE_KEY = 'other'

export interface MatchableGuide {
  key: string
  name: string
  aliases: readonly string[]
}

/**
 * Lower case, without accents; dots, asterisks and apostrophes dropped ("J.P." is "jp",
 * "E*TRADE" is "etrade"); every other run of punctuation or space is one space.
 */
export function normalizeBrokerName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.*'’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * The guide for `broker`: one whose name or alias is the typed text, else the one whose name or
 * alias appears in it as whole words (the longest such name wins: "Merrill Lynch" before
 * "Merrill"), else the generic guide. Guides come in the order pages list them, which breaks ties.
 * Null only when there is no guide at all (a market without guides).
 */
export function matchBrokerGuide<G extends MatchableGuide>(guides: readonly G[], broker: string | null | undefined): G | null {
  const generic = guides.find((g) => g.key === GENERIC_GUIDE_KEY) ?? null
  const typed = normalizeBrokerName(broker ?? '')
  if (!typed) return generic
  let best: { guide: G; length: number } | null = null
  for (const guide of guides) {
    if (guide.key === GENERIC_GUIDE_KEY) continue
    for (const name of [guide.name, ...guide.aliases]) {
      const candidate = normalizeBrokerName(name)
      if (!candidate) continue
      if (candidate === typed) return guide
      if (` ${typed} `.includes(` ${candidate} `) && candidate.length > (best?.length ?? 0)) best = { guide, length: candidate.length }
    }
  }
  return best?.guide ?? generic
}
