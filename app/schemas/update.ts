import { z } from 'zod'
import { HOLDER_TYPES } from './fields'
import { hasControlCharacters, ONE_LINE_MESSAGE } from '../utils/single-line'
import { wallClockToInstant } from './campaign'

export const AUDIENCES = ['all', 'pledged_not_voted', 'undecided', 'pledged_for', 'followers'] as const

export const UpdateEditSchema = z.object({
  updateId: z.coerce.number().int().positive(),
  subject: z
    .string({ required_error: 'Give the email a subject' })
    .trim()
    .min(1, 'Give the email a subject')
    .max(200, 'Keep the subject to 200 characters')
    .refine((subject) => !hasControlCharacters(subject), ONE_LINE_MESSAGE),
  body: z.string({ required_error: 'Write the update' }).trim().min(1, 'Write the update').max(20_000, 'Keep the update under 20,000 characters'),
  sendAt: z
    .string({ required_error: 'Choose when to send it' })
    .refine((value) => wallClockToInstant(value, 'UTC') !== null, 'Choose a date and a time, e.g. 2027-01-02 09:00'),
  audience: z.enum(AUDIENCES, { errorMap: () => ({ message: 'Choose who receives it' }) }),
})

export const UpdateControlSchema = z.object({
  intent: z.enum(['review-schedule', 'review-resume', 'confirm-schedule', 'confirm-resume', 'pause', 'cancel', 'test', 'edit', 'realign', 'propose', 'pause-campaign', 'resume-campaign']),
  updateId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
})

/** Confirming a reviewed send: the send time the review showed, and "send now" for a past one. */
export const ConfirmSendSchema = z.object({
  reviewedSendAt: z.string().datetime({ message: 'Review the update again before sending it.' }),
  sendNow: z.literal('yes').optional(),
})

export const MailerSwitchSchema = z.object({ intent: z.enum(['pause-all', 'resume-all']) })

const SEGMENT_SOURCE = /^[A-Za-z0-9._-]{1,64}$/
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional())

/** A one-off update written on the email page: the update, and the segment of pledgers it goes to. */
export const UpdateComposeSchema = z.object({
  subject: UpdateEditSchema.shape.subject,
  body: UpdateEditSchema.shape.body,
  sendAt: UpdateEditSchema.shape.sendAt,
  audience: UpdateEditSchema.shape.audience,
  intention: optional(z.enum(['for', 'against', 'abstain', 'undecided'], { errorMap: () => ({ message: 'Choose an intention from the list' }) })),
  voted: optional(z.enum(['yes', 'no'], { errorMap: () => ({ message: 'Choose voted or not yet' }) })),
  broker: optional(z.string().trim().max(100, 'Keep the broker’s name to 100 characters or fewer').refine((b) => !hasControlCharacters(b), ONE_LINE_MESSAGE)),
  holderType: optional(z.enum(HOLDER_TYPES, { errorMap: () => ({ message: 'Choose a holder type from the list' }) })),
  source: optional(z.string().trim().regex(SEGMENT_SOURCE, 'A source is letters, digits, dots, dashes or underscores, up to 64')),
  confirmedSince: optional(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a date, e.g. 2027-01-02').refine((d) => wallClockToInstant(`${d}T00:00`, 'UTC') !== null, 'Choose a date that exists')),
})
export type UpdateCompose = z.infer<typeof UpdateComposeSchema>
