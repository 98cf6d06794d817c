import { z } from 'zod'
import { EmailSchema } from './fields'

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string({ required_error: 'Enter your password' }).max(200, 'Enter your password'),
  redirectTo: z.string().optional(),
})

const NewPassword = z.string({ required_error: 'Choose a new password' }).min(12, 'Use at least 12 characters: a few unrelated words work well').max(200, 'Use at most 200 characters')
const sameNewPasswords = (v: { newPassword: string; confirmPassword: string }) => v.newPassword === v.confirmPassword
const DIFFERENT_PASSWORDS = { path: ['confirmPassword'], message: 'The two new passwords differ: type it again' }

export const PasswordChangeSchema = z
  .object({
    currentPassword: z.string({ required_error: 'Enter your current password' }),
    newPassword: NewPassword,
    confirmPassword: z.string({ required_error: 'Type the new password again' }),
  })
  .refine(sameNewPasswords, DIFFERENT_PASSWORDS)

/** "Forgot your password?": the address only. */
export const ForgotPasswordSchema = z.object({ email: EmailSchema })

/** A new password from a reset link, or for the account an invitation creates. */
export const NewPasswordSchema = z.object({ newPassword: NewPassword, confirmPassword: z.string({ required_error: 'Type the new password again' }) }).refine(sameNewPasswords, DIFFERENT_PASSWORDS)

export const NewAccountSchema = z
  .object({
    name: z.string().trim().max(200, 'Use at most 200 characters').optional(),
    newPassword: NewPassword,
    confirmPassword: z.string({ required_error: 'Type the new password again' }),
  })
  .refine(sameNewPasswords, DIFFERENT_PASSWORDS)

/** Accepting an invitation with the account the address has already. */
export const JoinWithPasswordSchema = z.object({ password: z.string({ required_error: 'Enter your password' }).max(200, 'Enter your password') })
