import { z } from 'zod'

export const AUDIENCES = ['all', 'pledged_not_voted', 'undecided', 'pledged_for', 'followers'] as const

export const UpdateEditSchema = z.object({
  updateId: z.coerce.number().int().positive(),
  subject: z.string({ required_error: 'Give the email a subject' }).trim().min(1, 'Give the email a subject').max(200, 'Keep the subject to 200 characters'),
  body: z.string({ required_error: 'Write the update' }).trim().min(1, 'Write the update').max(20_000, 'Keep the update under 20,000 characters'),
  sendAt: z.string({ required_error: 'Choose when to send it' }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Choose a date and time, e.g. 2027-01-02T09:00'),
  audience: z.enum(AUDIENCES, { errorMap: () => ({ message: 'Choose who receives it' }) }),
})

export const UpdateControlSchema = z.object({
  intent: z.enum(['schedule', 'pause', 'resume', 'cancel', 'test', 'edit', 'realign', 'propose', 'pause-all', 'resume-all']),
  updateId: z.coerce.number().int().positive().optional(),
})
