import { z } from 'zod'

// Field schemas carry their own messages: each says what to do, not just what is wrong.

export const EmailSchema = z
  .string({ required_error: 'Enter your email address, e.g. name@example.org' })
  .trim()
  .max(254, 'An email address has at most 254 characters: check it and try again')
  .email('Enter a valid email address, e.g. name@example.org')
  .transform((email) => email.toLowerCase())

export const INTENTIONS = ['for', 'against', 'abstain', 'undecided'] as const
export const HOLDER_TYPES = ['retail', 'institutional', 'employee', 'other'] as const

export const IntentionSchema = z.enum(INTENTIONS, {
  errorMap: () => ({ message: 'Choose how you intend to vote: for, against, abstain or undecided' }),
})

export const HolderTypeSchema = z.enum(HOLDER_TYPES, {
  errorMap: () => ({ message: 'Choose how you hold your shares: individual, institution, employee or other' }),
})

export const NameSchema = z.string().trim().max(100, 'Keep the name to 100 characters or fewer').optional()

export const BrokerSchema = z.string().trim().max(100, 'Keep the broker’s name to 100 characters or fewer').optional()

/**
 * Shares: optional ("prefer not to say"); a whole number, thousands separators allowed, never
 * more than the company's shares outstanding. Kept as a decimal string: it can pass 2^53.
 */
export function sharesSchema(input: { sharesOutstanding: string; company: string }) {
  const outstanding = BigInt(input.sharesOutstanding)
  return z
    .string()
    .trim()
    .transform((value) => value.replace(/[,_\s]/g, ''))
    .superRefine((value, ctx) => {
      if (!/^\d+$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: 'Enter the number of shares as a whole number, e.g. 120, or leave it empty' })
      } else if (value.length > 19 || BigInt(value) > outstanding) {
        ctx.addIssue({
          code: 'custom',
          message: `That is more than the ${outstanding.toLocaleString('en-US')} shares ${input.company} has outstanding: check the number`,
        })
      }
    })
    .transform((value) => BigInt(value).toString())
    .optional()
}

/** A ticked checkbox sends "on" (read as is on the server, coerced to true by conform in the browser). */
export const CheckboxSchema = z
  .union([z.boolean(), z.literal('on').transform(() => true)])
  .optional()
  .default(false)
