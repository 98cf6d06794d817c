import { z } from 'zod'
import { BrokerSchema, CheckboxSchema, EmailSchema, HolderTypeSchema, IntentionSchema, NameSchema, sharesSchema } from './fields'

/** The version of the form whose wording a supporter consented to (kept as consent evidence). */
export const PLEDGE_FORM_VERSION = 'pledge-form-2026-11'
export const FOLLOW_FORM_VERSION = 'follow-form-2026-11'
/** The "Subscribe again" button on a supporter's own page (/me). */
export const ME_RESUBSCRIBE_VERSION = 'me-resubscribe-2026-12'

export interface CampaignLimits {
  sharesOutstanding: string
  company: string
}

const SOURCE = /^[A-Za-z0-9._-]{1,64}$/

/** A link's `?source=` code (e.g. "embed"), or undefined when there is none or it is not one. */
export function referrerSource(value: string | null | undefined): string | undefined {
  return value && SOURCE.test(value) ? value : undefined
}

/**
 * Where the supporter came from, carried from the page's `?source=` in a hidden field. Never a
 * reason to refuse a pledge: anything that is not a source code is dropped.
 */
const ReferrerSourceSchema = z
  .string()
  .optional()
  .transform((value) => referrerSource(value))

/** The pledge form, on the campaign page and at /c/:slug/pledge; the same schema runs in the browser. */
export function pledgeSchema(campaign: CampaignLimits) {
  return z
    .object({
      email: EmailSchema,
      name: NameSchema,
      showName: CheckboxSchema,
      intention: IntentionSchema,
      shares: sharesSchema(campaign),
      holderType: HolderTypeSchema,
      broker: BrokerSchema,
      voted: CheckboxSchema,
      updates: CheckboxSchema,
      source: ReferrerSourceSchema,
    })
    .refine((pledge) => !pledge.showName || Boolean(pledge.name), {
      path: ['name'],
      message: 'Enter the name to show, or untick “Show my name”',
    })
    .refine(noSharesThroughAFund, FUND_SHARES_ERROR)
}

/** Shares held only through a fund are voted by the fund: they are not counted as pledged. */
function noSharesThroughAFund(pledge: { holderType: string; shares?: string | null }) {
  return pledge.holderType !== 'fund' || !pledge.shares
}

const FUND_SHARES_ERROR = {
  path: ['shares'],
  message: 'Shares held through a fund are voted by the fund, not by you: leave this empty (your pledge still counts), or choose how else you hold shares',
}
export type PledgeSubmission = z.infer<ReturnType<typeof pledgeSchema>>

/** "Just follow updates": only an email address. */
export const FollowSchema = z.object({ email: EmailSchema })

/** A supporter's changes to one of their pledges, at /me/:token. */
export function pledgeChangeSchema(campaign: CampaignLimits) {
  return z.object({
    pledgeId: z.string().regex(/^\d{1,18}$/, 'Unknown pledge'),
    intention: IntentionSchema,
    shares: sharesSchema(campaign),
    holderType: HolderTypeSchema,
    broker: BrokerSchema,
    voted: CheckboxSchema,
    showName: CheckboxSchema,
  })
    .refine(noSharesThroughAFund, FUND_SHARES_ERROR)
}
export type PledgeChange = z.infer<ReturnType<typeof pledgeChangeSchema>>

export const NewLinkSchema = z.object({ email: EmailSchema })
