import { z } from 'zod'
import { isValidCusip } from '../sec/import-error'
import { calendarDateIn, isValidTimeZone, zonedTimeToInstant } from '../utils/dates'
import { hasControlCharacters, ONE_LINE_MESSAGE } from '../utils/single-line'
import { parseWholeNumber } from '../utils/whole-number'
import { CAMPAIGN_SLUG, CAMPAIGN_SLUG_MAX } from './fields'
import { normalizeEmail } from '../utils/email-address'

// The campaign editor's forms. The same schemas run in the browser (conform) and on the server;
// every message says what to do. Dates and times are typed as the campaign's wall clock
// (datetime-local) and become instants here, in the campaign's own time zone.

export const CAMPAIGN_STATUSES = ['draft', 'live', 'closed'] as const
export const MEETING_FORMATS = ['virtual', 'in_person', 'hybrid'] as const
export const ORGANIZER_ROLES = ['owner', 'editor', 'viewer'] as const
/** `/organizer/c/new` is the creation page, so no campaign may be called "new". */
const RESERVED_SLUGS = new Set(['new'])
const MAX_BIGINT = 9223372036854775807n

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** An IANA region/city zone. Abbreviations are refused although Intl knows some: "EST" is Panama's zone, without daylight saving. */
function isZoneName(tz: string): boolean {
  return isValidTimeZone(tz) && (/^utc$/i.test(tz) || /^[a-z]+\/[\w+\-/]+$/i.test(tz))
}

/** "2030-05-20T09:00" in `timeZone` → the instant; null when the text is no such wall-clock time. */
export function wallClockToInstant(value: string, timeZone: string): Date | null {
  const match = WALL_CLOCK.exec(value)
  if (!match || !isCalendarDate(match[1]!) || Number(match[2]!.slice(0, 2)) > 23 || Number(match[2]!.slice(3)) > 59) return null
  return zonedTimeToInstant(match[1]!, match[2]!, timeZone)
}

const text = (max: number, label: string) => z.string().trim().max(max, `Keep the ${label} to ${max.toLocaleString('en-US')} characters or fewer`)
const required = (max: number, label: string, example: string) =>
  z.string({ required_error: `Enter the ${label}${example ? `, e.g. ${example}` : ''}` }).trim().min(1, `Enter the ${label}`).max(max, `Keep the ${label} to ${max.toLocaleString('en-US')} characters or fewer`)

/** Text that reaches a mail header or a calendar property: one line, no control characters. */
const oneLine = <T extends z.ZodTypeAny>(schema: T) => schema.refine((value: unknown) => typeof value !== 'string' || !hasControlCharacters(value), ONE_LINE_MESSAGE)

const WebUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(2000, `Keep the ${label} to 2,000 characters or fewer`)
    .refine((value) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(value) && URL.canParse(value), `Enter the ${label} as a full web address starting with https://`)
    .optional()

const Email = (label: string) =>
  z
    .string({ required_error: `Enter the ${label}, e.g. name@example.org` })
    .trim()
    .max(254, `Keep the ${label} to 254 characters or fewer`)
    .email(`Enter the ${label} in full, e.g. name@example.org`)
    .transform(normalizeEmail)

const WallClock = (label: string) =>
  z
    .string({ required_error: `Enter the ${label}: a date and a time` })
    .refine((value) => wallClockToInstant(value, 'UTC') !== null, `Enter the ${label} as a date and a time, e.g. 2030-05-20 09:00`)

/** A whole number kept as a decimal string (bigint columns can pass 2^53), grouped in threes or not. */
const Count = (message: string, { positive }: { positive: boolean }) =>
  z
    .string({ required_error: message })
    .transform((value, ctx) => {
      const count = parseWholeNumber(value)
      if (count === null || count.length > 19 || BigInt(count) > MAX_BIGINT || (positive && count === '0')) {
        ctx.addIssue({ code: 'custom', message })
        return z.NEVER
      }
      return count
    })

/** The company's CUSIP: nine characters, the last a check digit (023135106 for Amazon.com). */
const Cusip = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase().replace(/[\s-]/g, ''))
  .refine(isValidCusip, 'Enter the CUSIP as nine characters with its check digit, e.g. 023135106 (on the proxy card or the 13F filings)')

const campaignFields = {
  company: oneLine(required(200, 'company’s name', 'Amazon.com, Inc.')),
  ticker: oneLine(required(12, 'ticker symbol', 'AMZN')).transform((t) => t.toUpperCase()),
  exchange: oneLine(required(40, 'exchange', 'NASDAQ')),
  agmYear: z
    .number({ required_error: 'Enter the year of the annual meeting, e.g. 2030', invalid_type_error: 'Enter the year of the annual meeting as four digits, e.g. 2030' })
    .int('Enter the year of the annual meeting as four digits, e.g. 2030')
    .min(1900, 'Enter a year from 1900 on')
    .max(2200, 'Enter a year up to 2200'),
  title: oneLine(required(200, 'proposal’s title', 'Customer Due Diligence')),
  summary: text(600, 'summary').optional(),
  proxyItem: text(20, 'proxy item').optional(),
  resolved: required(5000, 'Resolved clause', ''),
  supportingStatement: required(20000, 'supporting statement', ''),
  legend: required(1000, 'legend', ''),
  recordDate: z
    .string({ required_error: 'Enter the record date, e.g. 2030-03-31' })
    .refine(isCalendarDate, 'Enter the record date as a date, e.g. 2030-03-31'),
  voteDeadline: WallClock('broker voting deadline'),
  agmAt: WallClock('date and time of the meeting'),
  timeZone: z
    .string({ required_error: 'Choose the time zone the meeting’s times are given in, e.g. America/New_York' })
    .trim()
    .refine(isZoneName, 'Choose a time zone from the list, e.g. America/New_York (a region/city name, not an abbreviation)')
    .transform((tz) => new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone),
  meetingFormat: z.enum(MEETING_FORMATS, { errorMap: () => ({ message: 'Choose how the meeting is held: virtual, in person or hybrid' }) }),
  meetingUrl: WebUrl('meeting’s web address'),
  meetingLocation: oneLine(text(300, 'meeting’s location')).optional(),
  proxyStatementUrl: WebUrl('proxy statement’s web address'),
  sharesOutstanding: Count('Enter the shares outstanding as a positive whole number, e.g. 508540235 or 508,540,235 (from the proxy statement’s cover)', { positive: true }),
  cusip: Cusip.optional(),
  expectedTurnout: z
    .string()
    .trim()
    .refine((value) => /^\d{1,3}(\.\d{1,2})?$/.test(value) && Number(value) > 0 && Number(value) <= 100, 'Enter the expected turnout as a percentage of shares outstanding, e.g. 72.5, or leave it empty')
    .optional(),
  status: z.enum(CAMPAIGN_STATUSES, { errorMap: () => ({ message: 'Choose a status: draft, live or closed' }) }),
  senderName: oneLine(required(100, 'sender’s name supporters see on emails', 'Customer Due Diligence campaign')),
  senderEmail: Email('campaign’s reply-to address').optional(),
  postalAddress: required(300, 'campaign’s postal address (the law requires one on every email)', ''),
  /** updated_at as the form saw it: a save over someone else's newer save is refused. */
  version: z.string().optional(),
}

type Dated = { recordDate: string; voteDeadline: string; agmAt: string; timeZone: string }

/** Order of the key dates: record date < deadline ≤ meeting (the database checks the second too). */
function checkDateOrder(value: Dated, ctx: z.RefinementCtx) {
  if (!isZoneName(value.timeZone)) return
  const deadline = wallClockToInstant(value.voteDeadline, value.timeZone)
  const agm = wallClockToInstant(value.agmAt, value.timeZone)
  if (deadline && isCalendarDate(value.recordDate) && value.recordDate >= calendarDateIn(deadline, value.timeZone)) {
    ctx.addIssue({ code: 'custom', path: ['recordDate'], message: 'The record date must come before the voting deadline: check both dates' })
  }
  if (deadline && agm && deadline > agm) {
    ctx.addIssue({ code: 'custom', path: ['voteDeadline'], message: 'The broker voting deadline must be before the meeting starts (or at the same time): check both' })
  }
}

const toValues = <T extends Dated>(value: T): Omit<T, 'voteDeadline' | 'agmAt'> & { voteDeadline: Date; agmAt: Date } => ({
  ...value,
  voteDeadline: wallClockToInstant(value.voteDeadline, value.timeZone)!,
  agmAt: wallClockToInstant(value.agmAt, value.timeZone)!,
})

export const CampaignSchema = z.object(campaignFields).superRefine(checkDateOrder).transform(toValues)
export type CampaignValues = z.output<typeof CampaignSchema>

export const NewCampaignSchema = z
  .object({
    ...campaignFields,
    slug: z
      .string({ required_error: 'Choose the page address, e.g. amazon-customer-due-diligence-2030' })
      .trim()
      .toLowerCase()
      .max(CAMPAIGN_SLUG_MAX, `Keep the page address to ${CAMPAIGN_SLUG_MAX} characters or fewer`)
      .regex(CAMPAIGN_SLUG, 'Use lower-case letters, digits and single hyphens only, e.g. amazon-customer-due-diligence-2030')
      .refine((slug) => !RESERVED_SLUGS.has(slug), 'That address is reserved: choose another'),
    /** The proposal an earlier campaign presented (its vote history is shared), or empty for a new one. */
    proposalKey: z.string().trim().max(80).optional(),
  })
  .superRefine(checkDateOrder)
  .transform(toValues)
export type NewCampaignValues = z.output<typeof NewCampaignSchema>

/** "Preview" reads only the texts, whatever state the rest of the form is in. */
export const CampaignPreviewSchema = z.object({
  title: z.string().default(''),
  resolved: z.string().default(''),
  supportingStatement: z.string().default(''),
})

const percent = z
  .string({ required_error: 'Enter the support as a percentage of votes cast, e.g. 40.3' })
  .trim()
  .refine((value) => /^\d{1,3}(\.\d{1,2})?$/.test(value) && Number(value) <= 100, 'Enter a percentage from 0 to 100, e.g. 40.3')
const optionalCount = (label: string) => Count(`Enter the ${label} as a whole number, e.g. 1250000 or 1,250,000, or leave it empty`, { positive: false }).optional()

export const VoteRowSchema = z
  .object({
    meetingYear: z
      .number({ required_error: 'Enter the meeting year, e.g. 2022', invalid_type_error: 'Enter the meeting year as four digits, e.g. 2022' })
      .int('Enter the meeting year as four digits, e.g. 2022')
      .min(1900, 'Enter a year from 1900 on')
      .max(2200, 'Enter a year up to 2200'),
    supportPercent: percent.optional(),
    votesFor: optionalCount('votes for'),
    votesAgainst: optionalCount('votes against'),
    abstentions: optionalCount('abstentions'),
    brokerNonVotes: optionalCount('broker non-votes'),
    sharesOutstanding: Count('Enter the shares outstanding at that record date as a positive whole number, or leave it empty', { positive: true }).optional(),
    meetingDate: z.string().refine(isCalendarDate, 'Enter the meeting date as a date, e.g. 2022-05-25, or leave it empty').optional(),
    sourceUrl: WebUrl('source’s web address'),
    remove: z.boolean().optional(),
  })
  .superRefine((row, ctx) => {
    if (row.remove) return
    const votes = row.votesFor !== undefined && row.votesAgainst !== undefined
    if ((row.votesFor === undefined) !== (row.votesAgainst === undefined)) {
      ctx.addIssue({ code: 'custom', path: [row.votesFor === undefined ? 'votesFor' : 'votesAgainst'], message: 'Enter both the votes for and the votes against: support is for ÷ (for + against)' })
    } else if (!votes && row.supportPercent === undefined) {
      ctx.addIssue({ code: 'custom', path: ['votesFor'], message: 'Enter the votes for and against (from the Form 8-K, Item 5.07), or, if only a percentage is known, the support' })
    }
    if (row.meetingDate && Number(row.meetingDate.slice(0, 4)) !== row.meetingYear) {
      ctx.addIssue({ code: 'custom', path: ['meetingDate'], message: `The meeting date should fall in ${row.meetingYear}` })
    }
  })
export type VoteRow = z.output<typeof VoteRowSchema>

/** A row whose every field was left empty (before conform's own coercion runs). */
function blankToUndefined(row: unknown) {
  if (row && typeof row === 'object' && Object.values(row).every((v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === ''))) return undefined
  return row
}

/** The vote history form: empty rows are ignored, ticked rows removed, each year listed once. */
export const VoteHistorySchema = z
  .object({ votes: z.array(z.preprocess(blankToUndefined, VoteRowSchema.optional())).max(50).default([]) })
  .superRefine((value, ctx) => {
    const seen = new Set<number>()
    value.votes.forEach((row, index) => {
      if (!row || row.remove) return
      if (seen.has(row.meetingYear)) ctx.addIssue({ code: 'custom', path: ['votes', index, 'meetingYear'], message: `${row.meetingYear} is listed twice: keep one row per meeting year` })
      seen.add(row.meetingYear)
    })
  })
  .transform((value) => ({ votes: value.votes.filter((row): row is VoteRow => row !== undefined && !row.remove) }))

const RoleSchema = z.enum(ORGANIZER_ROLES, { errorMap: () => ({ message: 'Choose a role: owner, editor or viewer' }) })
const OrganizerIdSchema = z.number({ required_error: 'Choose an organizer', invalid_type_error: 'Choose an organizer' }).int().positive()

export const InviteOrganizerSchema = z.object({
  email: Email('organizer’s email address'),
  role: RoleSchema,
})
export const ChangeRoleSchema = z.object({ organizerId: OrganizerIdSchema, role: RoleSchema })
/** Pasted text of a Form 8-K, Item 5.07 table. */
export const Item507PasteSchema = z.object({
  pasted: z.string({ required_error: 'Paste the Item 5.07 table: its header row and the proposal’s row of figures' }).max(20000, 'Paste only the table: up to 20,000 characters'),
})

export const RemoveOrganizerSchema = z.object({ organizerId: OrganizerIdSchema })
export const RevokeInvitationSchema = z.object({ invitationId: z.string({ required_error: 'Choose an invitation' }).regex(/^\d{1,18}$/, 'Choose an invitation') })
