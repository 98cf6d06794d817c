import { z } from 'zod'
import { cleanPublicName, nameLength, PUBLIC_NAME_MAX } from '../utils/public-name'
import { parseWholeNumber } from '../utils/whole-number'
import { normalizeEmail } from '../utils/email-address'

// Field schemas carry their own messages: each says what to do, not just what is wrong.

export const EmailSchema = z
  .string({ required_error: 'Enter your email address, e.g. name@example.org' })
  .trim()
  .max(254, 'An email address has at most 254 characters: check it and try again')
  .email('Enter a valid email address, e.g. name@example.org')
  .transform(normalizeEmail)

export const INTENTIONS = ['for', 'against', 'abstain', 'undecided'] as const
export const HOLDER_TYPES = ['retail', 'institutional', 'employee', 'fund', 'other'] as const

export const IntentionSchema = z.enum(INTENTIONS, {
  errorMap: () => ({ message: 'Choose how you intend to vote: for, against, abstain or undecided' }),
})

export const HolderTypeSchema = z.enum(HOLDER_TYPES, {
  errorMap: () => ({ message: 'Choose how you hold your shares: individual, institution, employee or other' }),
})

/** A name to show publicly: cleaned (see public-name.ts); nothing visible left counts as no name. */
export const NameSchema = z
  .string()
  .transform(cleanPublicName)
  .refine((name) => nameLength(name) <= PUBLIC_NAME_MAX, `Keep the name to ${PUBLIC_NAME_MAX} characters or fewer`)
  .transform((name) => name || undefined)
  .optional()

export const BrokerSchema = z.string().trim().max(100, 'Keep the broker’s name to 100 characters or fewer').optional()

export const SHARES_FORMAT_MESSAGE = 'Enter the number of shares as a whole number, e.g. 1200 or 1,200 (commas only between groups of three digits), or leave it empty'
export const SHARES_ZERO_MESSAGE = 'Enter at least 1 share, or leave it empty if you prefer not to say (no shares? follow the campaign instead)'

/**
 * Shares: optional ("prefer not to say"); a whole number, grouped in threes or not (see
 * whole-number.ts), never more than the company's shares outstanding. 0 is refused: a pledge
 * counts shares someone holds and can vote, so "none" is a follow, and "not saying" is empty.
 * Kept as a decimal string: it can pass 2^53.
 */
export function sharesSchema(input: { sharesOutstanding: string; company: string }) {
  const outstanding = BigInt(input.sharesOutstanding)
  return z
    .string()
    .transform((value, ctx) => {
      const shares = parseWholeNumber(value)
      if (shares === null) {
        ctx.addIssue({ code: 'custom', message: SHARES_FORMAT_MESSAGE })
        return z.NEVER
      }
      if (shares === '0') {
        ctx.addIssue({ code: 'custom', message: SHARES_ZERO_MESSAGE })
        return z.NEVER
      }
      if (BigInt(shares) > outstanding) {
        ctx.addIssue({ code: 'custom', message: `That is more than the ${outstanding.toLocaleString('en-US')} shares ${input.company} has outstanding: check the number` })
        return z.NEVER
      }
      return shares
    })
    .optional()
}

/**
 * A ticked checkbox sends "on" (read as is on the server, coerced to true by conform in the
 * browser); an unticked one sends nothing. Built without a union or a default, which conform
 * would read as "required" and mark the optional box so.
 */
export const CheckboxSchema = z
  .preprocess((value) => (value === undefined || value === null || value === '' ? undefined : value === 'on' ? true : value), z.boolean({ invalid_type_error: 'Tick the box or leave it empty' }).optional())
  .transform((ticked) => ticked ?? false)

/** A campaign's page address, as NewCampaignSchema accepts it: anything else names no campaign. */
export const CAMPAIGN_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/
export const CAMPAIGN_SLUG_MAX = 80

/**
 * Whether a slug from a URL could name a campaign. Lookups check it first, so that an address
 * with a NUL byte or other junk is a 404, not a database error (PostgreSQL refuses NUL in text).
 */
export function isCampaignSlug(value: string): boolean {
  return value.length <= CAMPAIGN_SLUG_MAX && CAMPAIGN_SLUG.test(value)
}

/**
 * A serial row id in a URL: digits only, 1 to 2^31 - 1. "abc", "1.5", "1e3" or "99999999999"
 * are no row (undefined), never a query that the database refuses.
 */
export function parseRowId(value: string | undefined): number | undefined {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) return undefined
  const id = Number(value)
  return id <= 2_147_483_647 ? id : undefined
}

/** NUL: no form or query of Quorum's takes it, and PostgreSQL refuses it in text. */
export const NUL = '\u0000'
