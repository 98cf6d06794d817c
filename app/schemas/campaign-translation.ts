import { z } from 'zod'

// A campaign's translation into one language, from the organizer area. All three fields, or none
// (which removes the translation: the page in that language then shows the original).

const optionalText = (max: number, what: string) => z.string().trim().max(max, `Keep the ${what} to ${max.toLocaleString('en-US')} characters or fewer`).optional()

export const CampaignTranslationSchema = z
  .object({
    locale: z.enum(['de', 'es'], { errorMap: () => ({ message: 'Choose German or Spanish' }) }),
    title: optionalText(200, 'title'),
    resolved: optionalText(20_000, 'Resolved clause'),
    supportingStatement: optionalText(100_000, 'supporting statement'),
  })
  .superRefine((value, ctx) => {
    const filled = [value.title, value.resolved, value.supportingStatement].filter(Boolean).length
    if (filled === 0 || filled === 3) return
    for (const field of ['title', 'resolved', 'supportingStatement'] as const) {
      if (!value[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'Fill in all three texts, or empty all three to remove this translation' })
    }
  })
