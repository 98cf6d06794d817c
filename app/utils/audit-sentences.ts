import type { OrganizerRole, UpdateAudience } from '../../db/schema'
import { formatInstantIn } from './dates'
import { AUDIENCE_LABELS } from './update-labels'

// Each audit entry as a sentence: who did what, to which item. The raw action keys and stored
// values stay in the database; these are how people read them. An action this file does not
// know yet still reads as a sentence, naming the change by its key.

export interface AuditFacts {
  action: string
  /** The organizer's email, or "A deleted account". */
  who: string
  /** "Customer Due Diligence 2027", when the entry belongs to a campaign. */
  campaign: string | null
  /** The update's current subject, for update entries. */
  updateSubject: string | null
  entityType: string
  entityId: string | null
  before: unknown
  after: unknown
  /** The campaign's time zone (UTC for entries without a campaign): times in the sentence use it. */
  timeZone: string
}

/** Entries whose sentence says it all: no before/after table under them. */
export const SENTENCE_ONLY = /^(api_token\.|webhook_(endpoint|delivery)\.|update\.(drafted|proposed|schedule|send_now|resume|pause|cancel|test_sent)|organizer\.|public_name\.|mail(er)?\.|export\.|password\.)/

type Values = Record<string, unknown>
const values = (v: unknown): Values => (v && typeof v === 'object' ? (v as Values) : {})
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

function article(role: string): string {
  return /^[aeiou]/i.test(role) ? `an ${role}` : `a ${role}`
}

/** "a, b and c" */
export function listJoin(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

function scopeList(scopes: unknown): string {
  return Array.isArray(scopes) ? listJoin(scopes.map(String)) : 'nothing'
}

function when(iso: unknown, timeZone: string): string | null {
  const value = text(iso)
  if (!value || Number.isNaN(Date.parse(value))) return null
  return formatInstantIn(new Date(value), timeZone)
}

function sentenceOf(f: AuditFacts): string {
  const before = values(f.before)
  const after = values(f.after)
  const campaign = f.campaign ? `the campaign ${f.campaign}` : 'a campaign since deleted'
  const update = f.updateSubject ? `the update “${f.updateSubject}”` : 'an update since deleted'
  const sendAt = when(after.sendAt, f.timeZone)
  switch (f.action) {
    case 'campaign.created':
      return `created ${campaign}`
    case 'campaign.updated':
      return `edited ${campaign}`
    case 'vote_history.updated': {
      const years = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => /^\d{4}$/.test(k)).sort()
      return `changed the proposal’s vote history${years.length ? ` (the ${listJoin(years)} ${years.length === 1 ? 'meeting' : 'meetings'})` : ''}`
    }
    case 'organizer.added':
      return `added ${text(after.email) ?? 'an organizer'} to ${campaign} as ${article(text(after.role) ?? 'organizer')}`
    case 'organizer.role_changed':
      return `changed ${text(after.email) ?? 'an organizer'}’s role on ${campaign} from ${text(before.role) ?? '?'} to ${text(after.role) ?? '?'}`
    case 'organizer.removed':
      return `removed ${text(before.email) ?? 'an organizer'}${text(before.role) ? ` (${before.role as OrganizerRole})` : ''} from ${campaign}`
    case 'organizer.invited':
      return `invited ${text(after.email) ?? 'someone'} to ${campaign} as ${article(text(after.role) ?? 'organizer')}`
    case 'organizer.invitation_revoked':
      return `revoked the invitation of ${text(before.email) ?? 'someone'} to ${campaign}`
    case 'organizer.joined':
      return `accepted the invitation to ${campaign} as ${article(text(after.role) ?? 'organizer')}${after.newAccount === true ? ', with a new account' : ''}`
    case 'password.changed':
      return 'changed their password'
    case 'password.reset':
      return 'set a new password from a reset link'
    case 'update.proposed':
      return `proposed ${update} as a draft${sendAt ? `, dated ${sendAt}` : ''}${text(after.audience) ? `, for ${AUDIENCE_LABELS[after.audience as UpdateAudience] ?? after.audience}` : ''}`
    case 'update.schedule':
      return `scheduled ${update}${sendAt ? ` to go ${sendAt}` : ''}`
    case 'update.send_now': {
      const dated = when(before.sendAt, f.timeZone)
      return `sent ${update} at once${dated ? `; it was dated ${dated}` : ''}`
    }
    case 'update.resume':
      return `resumed ${update}`
    case 'update.pause':
      return `paused ${update}`
    case 'update.cancel':
      return `cancelled ${update}`
    case 'update.edited':
      return `edited ${update}`
    case 'update.test_sent':
      return `sent a test of ${update} to ${text(after.to) ?? 'themselves'}${after.ok === false ? ', which failed' : ''}`
    case 'mailer.paused':
      return 'paused sending for every campaign'
    case 'mailer.resumed':
      return 'resumed sending for every campaign'
    case 'mail.campaign_paused':
      return `paused sending for ${campaign}`
    case 'mail.campaign_resumed':
      return `resumed sending for ${campaign}`
    case 'export.pledges':
      return `downloaded the pledges of ${campaign}${text(after.filename) ? ` (${after.filename})` : ''}`
    case 'export.subscribers':
      return `downloaded the subscribers of ${campaign}${text(after.filename) ? ` (${after.filename})` : ''}`
    case 'public_name.hidden':
      return `hid the name “${text(after.name) ?? '?'}” from the public list of supporters of ${campaign}`
    case 'public_name.shown':
      return `put the name “${text(after.name) ?? '?'}” back on the public list of supporters of ${campaign}`
    case 'update.drafted':
      return `drafted ${update}${text(after.via)?.startsWith('api_token:') ? ' through the API' : ''}${sendAt ? `, dated ${sendAt}` : ''}`
    case 'api_token.created':
      return `created the API token “${text(after.name) ?? '?'}” (${text(after.prefix) ?? '?'}…) for ${campaign}, allowed to ${scopeList(after.scopes)}`
    case 'api_token.revoked':
      return `revoked the API token “${text(before.name) ?? '?'}” (${text(before.prefix) ?? '?'}…) of ${campaign}`
    case 'api_token.used':
      return `’s API token ${f.entityId ?? ''} called ${text(after.method) ?? 'GET'} ${text(after.path) ?? '?'}`
    case 'api_token.refused':
      return `’s API token ${f.entityId ?? ''} was refused ${text(after.method) ?? 'GET'} ${text(after.path) ?? '?'}, which needs ${text(after.scope) ?? 'a scope'} on this campaign`
    case 'api_token.rate_limited':
      return `’s API token ${f.entityId ?? ''} was rate-limited on ${text(after.method) ?? 'GET'} ${text(after.path) ?? '?'}`
    case 'broker_guide.updated':
      return `edited the broker guide “${text(after.guide) ?? f.entityId ?? '?'}” of ${campaign}`
    case 'broker_guide.restored':
      return `restored Quorum’s text of the broker guide “${text(before.name) ?? f.entityId ?? '?'}” for ${campaign}`
    case 'webhook_endpoint.created':
      return `added the webhook endpoint ${text(after.url) ?? '?'} to ${campaign}, for ${listJoin(Array.isArray(after.events) ? after.events.map(String) : [])}`
    case 'webhook_endpoint.secret_rotated':
      return `rotated the signing secret of the webhook endpoint ${text(after.url) ?? '?'} of ${campaign}`
    case 'webhook_endpoint.disabled':
      return `disabled the webhook endpoint ${text(after.url) ?? '?'} of ${campaign}`
    case 'webhook_endpoint.enabled':
      return `enabled the webhook endpoint ${text(after.url) ?? '?'} of ${campaign}`
    case 'webhook_endpoint.deleted':
      return `deleted the webhook endpoint ${text(before.url) ?? '?'} of ${campaign}`
    case 'webhook_delivery.resent':
      return `sent the webhook ${text(after.message) ?? '?'} of ${campaign} again`
    default:
      return `made a change (${f.action}) to ${f.entityType.replace(/_/g, ' ')}${f.entityId ? ` ${f.entityId}` : ''}${f.campaign ? ` of ${campaign}` : ''}`
  }
}

/** "ada@example.org scheduled the update “How to vote” to go Tuesday, June 3, 2025, 10:00 a.m. EDT." */
export function auditSentence(facts: AuditFacts): string {
  const sentence = sentenceOf(facts)
  // An API token's uses read as its creator's token: "ada@example.org’s API token 3 called …".
  return sentence.startsWith('’s') ? `${facts.who}${sentence}.` : `${facts.who} ${sentence}.`
}
