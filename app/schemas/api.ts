import { z } from 'zod'
import { AUDIENCES } from './update'

/** A campaign's slug as it appears in an address: lowercase letters, digits and hyphens. */
export const SlugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'A slug is lowercase letters, digits and hyphens.')

export const API_SCOPES = ['pledges:read', 'subscribers:read', 'updates:write'] as const
export type ApiScopeName = (typeof API_SCOPES)[number]

export const SCOPE_LABELS: Record<ApiScopeName, string> = {
  'pledges:read': 'Read pledges (names, email addresses, intentions, shares)',
  'subscribers:read': 'Read subscribers (the mailing list)',
  'updates:write': 'Draft email updates (an organizer still reviews and schedules them)',
}

export const TOKEN_LIFETIMES = [7, 30, 90, 365] as const

/** The organizer's form for a new token. */
export const NewApiTokenSchema = z.object({
  name: z
    .string({ required_error: 'Name the token after where it will be used, e.g. “Partner CRM sync”' })
    .trim()
    .min(1, 'Name the token after where it will be used, e.g. “Partner CRM sync”')
    .max(80, 'Keep the name to 80 characters or fewer'),
  scopes: z.array(z.enum(API_SCOPES), { required_error: 'Choose at least one thing the token may do' }).min(1, 'Choose at least one thing the token may do'),
  expiresInDays: z.coerce
    .number({ invalid_type_error: 'Choose how long the token lasts' })
    .refine((days) => (TOKEN_LIFETIMES as readonly number[]).includes(days), 'Choose how long the token lasts'),
})

export const RevokeApiTokenSchema = z.object({ tokenId: z.coerce.number().int().positive().max(2_147_483_647) })

/** An Authorization header carrying a Quorum API token. */
export const BearerTokenSchema = z.string().regex(/^Bearer qrm_[A-Za-z0-9_-]{43}$/)

/** The query of a paged list: an opaque cursor from the previous page's `next` link, and a page size. */
export const PageQuerySchema = z.object({
  after: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'Use the cursor from the previous page’s next link.')
    .optional(),
  limit: z.coerce.number({ invalid_type_error: 'limit is a whole number from 1 to 100.' }).int('limit is a whole number from 1 to 100.').min(1, 'limit is a whole number from 1 to 100.').max(100, 'limit is a whole number from 1 to 100.').default(25),
})

/** POST /api/v1/campaigns/:slug/updates: a draft for an organizer to review and schedule. */
export const ApiUpdateDraftSchema = z
  .object({
    subject: z.string({ required_error: 'subject is required.' }).trim().min(1, 'subject is required.').max(200, 'Keep subject to 200 characters.'),
    body: z.string({ required_error: 'body is required (Markdown).' }).trim().min(1, 'body is required (Markdown).').max(20_000, 'Keep body under 20,000 characters.'),
    send_at: z.string({ required_error: 'send_at is required: an ISO 8601 instant, e.g. 2027-05-01T14:00:00Z.' }).datetime({ offset: true, message: 'send_at is an ISO 8601 instant with its offset, e.g. 2027-05-01T14:00:00Z.' }),
    audience: z.enum(AUDIENCES, { errorMap: () => ({ message: `audience is one of ${AUDIENCES.join(', ')}.` }) }).default('all'),
  })
  .strict()
