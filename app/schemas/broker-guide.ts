import { z } from 'zod'
import { hasControlCharacters, ONE_LINE_MESSAGE } from '../utils/single-line'

// The organizer's form for a campaign's copy of a broker's voting guide. The same schema runs in
// the browser (conform) and on the server; the database checks the same limits.

export const GUIDE_LIMITS = { name: 80, alias: 80, aliases: 30, steps: 10_000, cutoffNote: 1000 } as const

/** One alias a line (commas separate them too); blanks and repeats are dropped. */
function splitAliases(text: string): string[] {
  const seen = new Set<string>()
  return text
    .split(/[\n,]/)
    .map((alias) => alias.trim())
    .filter((alias) => {
      const key = alias.toLowerCase()
      if (!alias || seen.has(key)) return false
      seen.add(key)
      return true
    })
}

export const BrokerGuideSchema = z.object({
  name: z
    .string({ required_error: 'Enter the broker’s name as supporters know it, e.g. Charles Schwab' })
    .trim()
    .min(1, 'Enter the broker’s name as supporters know it, e.g. Charles Schwab')
    .max(GUIDE_LIMITS.name, `Keep the name to ${GUIDE_LIMITS.name} characters or fewer`)
    .refine((name) => !hasControlCharacters(name), ONE_LINE_MESSAGE),
  aliases: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const aliases = splitAliases(text ?? '')
      if (aliases.length > GUIDE_LIMITS.aliases) ctx.addIssue({ code: 'custom', message: `Keep to ${GUIDE_LIMITS.aliases} other names or fewer: the most common spellings are enough` })
      const long = aliases.find((alias) => alias.length > GUIDE_LIMITS.alias)
      if (long) ctx.addIssue({ code: 'custom', message: `Keep each name to ${GUIDE_LIMITS.alias} characters or fewer (“${long.slice(0, 20)}…” is longer)` })
      if (aliases.some((alias) => hasControlCharacters(alias))) ctx.addIssue({ code: 'custom', message: 'Put each name on its own line, without tabs or other control characters' })
      return aliases
    }),
  cutoffNote: z
    .string({ required_error: 'Say when this broker stops taking votes, e.g. “11:59 p.m. Eastern the day before the meeting”' })
    .trim()
    .min(1, 'Say when this broker stops taking votes, e.g. “11:59 p.m. Eastern the day before the meeting”')
    .max(GUIDE_LIMITS.cutoffNote, `Keep the cut-off note to ${GUIDE_LIMITS.cutoffNote.toLocaleString('en-US')} characters or fewer`),
  steps: z
    .string({ required_error: 'Write the steps supporters follow to vote with this broker' })
    .trim()
    .min(1, 'Write the steps supporters follow to vote with this broker')
    .max(GUIDE_LIMITS.steps, `Keep the steps to ${GUIDE_LIMITS.steps.toLocaleString('en-US')} characters or fewer`),
  /** The guide's updated_at as the form saw it: a save over someone else's newer save is refused. */
  version: z.string().optional(),
})

export type BrokerGuideValues = z.output<typeof BrokerGuideSchema>
