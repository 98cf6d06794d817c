import { z } from 'zod'
import { EmailSchema } from './fields'

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string({ required_error: 'Enter your password' }).max(200, 'Enter your password'),
  redirectTo: z.string().optional(),
})

export const PasswordChangeSchema = z
  .object({
    currentPassword: z.string({ required_error: 'Enter your current password' }),
    newPassword: z.string({ required_error: 'Choose a new password' }).min(12, 'Use at least 12 characters: a few unrelated words work well').max(200, 'Use at most 200 characters'),
    confirmPassword: z.string({ required_error: 'Type the new password again' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The two new passwords differ: type it again' })
