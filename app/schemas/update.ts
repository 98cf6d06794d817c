import { z } from 'zod'
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
